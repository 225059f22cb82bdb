import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBytes } from 'gltf-validator';
import { buildLoungeGlb } from '../../../scripts/tools/environment-gen/lounge-file';
import { ROOM_HEIGHT_M, ROOM_RADIUS_M } from '../../../src/scene/lounge-layout';
import { findProblems, parseGlb } from '../../fixtures/glb-validation';

const COMMITTED = resolve(import.meta.dirname, '../../../assets/environment/lounge.glb');
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('the committed lounge (assets/environment/lounge.glb)', () => {
  const committed = new Uint8Array(readFileSync(COMMITTED));

  it('is byte for byte what the generator makes now (run `npm run environment` after changing it)', async () => {
    const fresh = await buildLoungeGlb();
    expect(sha256(fresh)).toBe(sha256(committed));
  });

  it('fits the Quest budget: at most 1 MB', () => {
    expect(committed.byteLength).toBeGreaterThan(10_000);
    expect(committed.byteLength).toBeLessThanOrEqual(1024 * 1024);
  });

  it('is valid glTF 2.0 (Khronos validator) with no errors', async () => {
    const report = (await validateBytes(committed)) as { issues: { numErrors: number; messages: { code: string; message: string; severity: number }[] } };
    expect(report.issues.messages.filter((m) => m.severity === 0)).toEqual([]);
    expect(report.issues.numErrors).toBe(0);
  });

  it('is one mesh with one material (one draw call) spanning the room, its floor at 0, with glowing lamps and windows', () => {
    const glb = parseGlb(committed);
    expect(findProblems({ ...glb, json: { ...glb.json, skins: [] } })).toEqual([]);
    expect(glb.json.meshes.map((m) => m.name)).toEqual(['lounge']);
    expect(glb.json.meshes[0]!.primitives.length).toBe(1);
    const json = glb.json as unknown as {
      nodes: { mesh?: number; translation?: number[]; scale?: number[] }[];
      accessors: { min?: number[]; max?: number[]; normalized?: boolean; componentType: number }[];
      materials: { emissiveTexture?: { index: number } }[];
      images: { mimeType: string }[];
    };
    expect(json.materials.length).toBe(1);
    expect(json.materials[0]!.emissiveTexture).toBeDefined();
    expect(json.images.map((i) => i.mimeType)).toEqual(['image/png']);
    // Quantised positions: the node transform maps the normalised integer grid back to metres.
    const node = json.nodes.find((n) => n.mesh === 0)!;
    const position = json.accessors[glb.json.meshes[0]!.primitives[0]!.attributes.POSITION!]!;
    const unit = position.normalized && position.componentType === 5122 ? 32767 : 1;
    const toMetres = (v: number, axis: number) => Math.max(-1, v / unit) * (node.scale?.[axis] ?? 1) + (node.translation?.[axis] ?? 0);
    expect(toMetres(position.min![1]!, 1)).toBeCloseTo(0, 2);
    expect(toMetres(position.max![1]!, 1)).toBeCloseTo(ROOM_HEIGHT_M, 2);
    expect(toMetres(position.max![0]!, 0)).toBeCloseTo(ROOM_RADIUS_M, 1);
    expect(toMetres(position.min![2]!, 2)).toBeCloseTo(-ROOM_RADIUS_M, 1);
  });

  it('the palette PNG decodes to its glows: black, warm, sky', async () => {
    const { inflateSync } = await import('node:zlib');
    const glb = parseGlb(committed);
    const json = glb.json as unknown as { images: { bufferView: number }[]; bufferViews: { byteOffset?: number; byteLength: number }[] };
    const view = json.bufferViews[json.images[0]!.bufferView]!;
    const png = glb.bin.subarray(view.byteOffset ?? 0, (view.byteOffset ?? 0) + view.byteLength);
    const idat = Buffer.from(png).indexOf('IDAT');
    const length = Buffer.from(png).readUInt32BE(idat - 4);
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + length));
    const texel = (i: number) => [...raw.subarray(1 + i * 3, 4 + i * 3)];
    expect(texel(0)).toEqual([0, 0, 0]);
    expect(texel(1)[0]).toBeGreaterThan(texel(1)[2]!); // warm
    expect(texel(2)[2]).toBeGreaterThan(texel(2)[0]!); // sky
  });
});
