import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/shared/protocol';
import { readWirePose, writeWirePose, type WirePose } from '../../../src/shared/pose-wire';
import { createSeededRandom } from '../../fixtures/seeded-random';

const blank = (): WirePose => ({ px: 0, py: 0, pz: 0, qx: 0, qy: 0, qz: 0, qw: 0 });

function randomUnitQuaternion(random: () => number): [number, number, number, number] {
  const v = [random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5];
  const n = Math.hypot(...v);
  return v.map((x) => x / n) as [number, number, number, number];
}

describe('pose on the wire (mm, int16 quaternion steps)', () => {
  it('gives back every pose within half a millimetre and a hundredth of a degree, across the whole allowed space', () => {
    const random = createSeededRandom(7);
    let worstMm = 0;
    let worstDeg = 0;
    let worstNorm = 0;
    const notWire: WirePose[] = [];
    for (let i = 0; i < 5000; i++) {
      const position: [number, number, number] = [0, 0, 0].map(() => (random() * 2 - 1) * LIMITS.maxPositionM) as [number, number, number];
      const quaternion = randomUnitQuaternion(random);
      const wire = blank();
      writeWirePose(position, quaternion, wire);
      const quaternionWire = [wire.qx, wire.qy, wire.qz, wire.qw];
      if (!Object.values(wire).every(Number.isInteger) || quaternionWire.some((v) => Math.abs(v) > 32767)) notWire.push(wire);
      const back = readWirePose(wire);
      worstMm = Math.max(worstMm, ...back.position.map((v, k) => Math.abs(v - (position[k] as number)) * 1000));
      const dot = Math.abs(back.quaternion.reduce((sum, v, k) => sum + v * (quaternion[k] as number), 0));
      worstDeg = Math.max(worstDeg, (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI);
      worstNorm = Math.max(worstNorm, Math.abs(Math.hypot(...back.quaternion) - 1));
    }
    expect(notWire).toEqual([]);
    expect(worstNorm).toBeLessThan(1e-12);
    expect(worstMm).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(worstDeg).toBeLessThan(0.01);
  });

  it('turns tremor under a millimetre into the same integers (no patch) and clamps rounding past ±1', () => {
    const a = blank();
    const b = blank();
    writeWirePose([1.2341, 1.6, -0.5], [0, 0, 0, 1], a);
    writeWirePose([1.2344, 1.6002, -0.5003], [0, 0, 0, 1], b);
    expect(b).toEqual(a);
    writeWirePose([0, 0, 0], [0, 0, 0, 1.0000001], b);
    expect(b.qw).toBe(32767);
    expect(readWirePose({ px: 0, py: 0, pz: 0, qx: 0, qy: 0, qz: 0, qw: 0 }).quaternion).toEqual([0, 0, 0, 1]);
  });
});
