import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error gltf-validator ships no types
import { validateBytes } from 'gltf-validator';
import { buildLoungeGlb } from '../../../scripts/tools/environment-gen/lounge-file';
import { CHAIR_RADIUS_M, ROOM_RADIUS_M, TABLE_HEIGHT_M } from '../../../src/scene/lounge-layout';
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

  it('is one mesh per material (three draw calls) spanning the room, its floor at 0', () => {
    const glb = parseGlb(committed);
    expect(findProblems({ ...glb, json: { ...glb.json, skins: [] } }).filter((p) => !p.includes('indices not u16'))).toEqual([]);
    expect(glb.json.meshes.map((m) => m.name)).toEqual(['matte', 'glow-warm', 'glow-sky']);
    expect(glb.json.meshes.every((m) => m.primitives.length === 1)).toBe(true);
    // Quantised positions: the node transform maps the integer grid back to metres.
    const json = glb.json as unknown as { nodes: { mesh?: number; translation?: number[]; scale?: number[] }[]; accessors: { min?: number[]; max?: number[]; normalized?: boolean; componentType: number }[] };
    const matteNode = json.nodes.find((n) => n.mesh === 0)!;
    const position = json.accessors[glb.json.meshes[0]!.primitives[0]!.attributes.POSITION!]!;
    const unit = position.normalized && position.componentType === 5122 ? 32767 : 1;
    const toMetres = (v: number, axis: number) => Math.max(-1, v / unit) * (matteNode.scale?.[axis] ?? 1) + (matteNode.translation?.[axis] ?? 0);
    expect(toMetres(position.min![1]!, 1)).toBeCloseTo(0, 2);
    expect(toMetres(position.max![0]!, 0)).toBeCloseTo(ROOM_RADIUS_M, 1);
    expect(toMetres(position.min![2]!, 2)).toBeCloseTo(-ROOM_RADIUS_M, 1);
    expect(CHAIR_RADIUS_M).toBeLessThan(ROOM_RADIUS_M);
    expect(TABLE_HEIGHT_M).toBeGreaterThan(0.6);
  });
});
