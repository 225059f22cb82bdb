import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Object3D } from 'three';
import { findShippedAvatar, type AvatarController, type AvatarFrameInput } from '../../../src/avatar';

/** The bytes of a shipped avatar, as the ArrayBuffer loadVrm takes. */
export function shippedBytes(id: string): ArrayBuffer {
  const avatar = findShippedAvatar(id);
  if (!avatar) throw new Error(`no shipped avatar ${id}`);
  const buf = readFileSync(join(import.meta.dirname, '../../../assets/avatars', avatar.file));
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** A fresh frame input, neutral and silent. */
export function frameInput(): AvatarFrameInput {
  return { emotion: { label: 'neutral', confidence: 1 }, speakingLevel: 0, drowsiness: 0, lookAtTarget: null };
}

/** Calls `step` at `fps` for `seconds`; returns what `step` returned, frame by frame. */
export function simulate<T>(seconds: number, fps: number, step: (dt: number, t: number) => T): T[] {
  const out: T[] = [];
  const frames = Math.round(seconds * fps);
  for (let i = 0; i < frames; i++) out.push(step(1 / fps, (i + 1) / fps));
  return out;
}

/** A target object placed at `x, y, z`, with its world matrix up to date. */
export function targetAt(x: number, y: number, z: number): Object3D {
  const o = new Object3D();
  o.position.set(x, y, z);
  o.updateMatrixWorld(true);
  return o;
}

/**
 * Rewrites a GLB's JSON chunk with `edit` (for malformed-file and VRM 0.x fixtures); the BIN
 * chunk is kept as is.
 */
export function rewriteGlbJson(bytes: ArrayBuffer, edit: (json: Record<string, any>) => void): ArrayBuffer {
  const view = new DataView(bytes);
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 20, jsonLength)));
  edit(json);
  let text = JSON.stringify(json);
  while (new TextEncoder().encode(text).byteLength % 4) text += ' ';
  const jsonBytes = new TextEncoder().encode(text);
  const rest = new Uint8Array(bytes, 20 + jsonLength);
  const out = new Uint8Array(20 + jsonBytes.byteLength + rest.byteLength);
  const outView = new DataView(out.buffer);
  outView.setUint32(0, 0x46546c67, true);
  outView.setUint32(4, 2, true);
  outView.setUint32(8, out.byteLength, true);
  outView.setUint32(12, jsonBytes.byteLength, true);
  outView.setUint32(16, 0x4e4f534a, true);
  out.set(jsonBytes, 20);
  out.set(rest, 20 + jsonBytes.byteLength);
  return out.buffer;
}

/**
 * Runs a controller for `seconds` at `fps` with the same input; returns `read()` after each frame
 * (an empty array without `read`).
 */
export function drive(
  c: AvatarController,
  input: AvatarFrameInput,
  seconds: number,
  read?: () => number,
  fps = 72,
): number[] {
  return simulate(seconds, fps, (dt) => {
    c.update(dt, input);
    return read ? read() : 0;
  }).filter(() => read !== undefined);
}
