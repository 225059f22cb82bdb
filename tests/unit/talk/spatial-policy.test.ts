import { describe, expect, it } from 'vitest';
import { seatAt } from '../../../src/scene/seat-layout';
import { ROOM_RADIUS_M } from '../../../src/scene/lounge-layout';
import { distanceGain, HEARING } from '../../../src/talk/hearing-policy';
import { chooseQuality, panningModelOf, QUALITY_POLICY, SpatialQuality, VOICE_DISTANCE } from '../../../src/talk/spatial-policy';

/** The Web Audio spec's inverse distance gain, written out. */
const inverse = (d: number, ref: number, rolloff: number) => ref / (ref + rolloff * (Math.max(d, ref) - ref));

describe('voice distance model', () => {
  const neighbourM = Math.hypot(seatAt(0).x - seatAt(3).x, seatAt(0).z - seatAt(3).z);
  const acrossM = Math.hypot(seatAt(0).x - seatAt(7).x, seatAt(0).z - seatAt(7).z);

  it('is the inverse law the voice mix ranks by', () => {
    expect(VOICE_DISTANCE.distanceModel).toBe('inverse');
    expect(VOICE_DISTANCE.refDistanceM).toBe(HEARING.refDistanceM);
    expect(VOICE_DISTANCE.rolloffFactor).toBe(HEARING.rolloffFactor);
  });

  it('gives the formula’s gain at the lounge’s distances', () => {
    expect(neighbourM).toBeCloseTo(1.3, 1);
    expect(acrossM).toBeCloseTo(3.4, 1);
    const distances = [0.3, 1, neighbourM, acrossM, ROOM_RADIUS_M, 2 * ROOM_RADIUS_M];
    const gains = distances.map((d) => distanceGain(d, HEARING));
    const expected = distances.map((d) => inverse(d, VOICE_DISTANCE.refDistanceM, VOICE_DISTANCE.rolloffFactor));
    gains.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 12));
    // With 1 m / rolloff 1: full level within a metre, then 1/d.
    expect(gains.map((g) => Math.round(g * 100) / 100)).toEqual([1, 1, 0.77, 0.29, 0.17, 0.08]);
  });
});

/** `n` frame intervals of which `late` (spread through) miss a refresh. */
function frames(n: number, late: number, okMs = 1000 / 72, lateMs = 40): Float32Array {
  const out = new Float32Array(n).fill(okMs);
  for (let k = 0; k < late; k++) out[Math.floor((k * n) / late)] = lateMs;
  return out;
}

describe('panning quality', () => {
  const { hrtf, equalpower } = SpatialQuality;

  it('keeps HRTF while frames keep time, even at a slower display rate', () => {
    expect(chooseQuality(frames(600, 0))).toBe(hrtf);
    expect(chooseQuality(frames(600, 0, 1000 / 60))).toBe(hrtf);
    expect(chooseQuality(frames(600, 30), hrtf)).toBe(hrtf); // 5 %: a few hitches
  });

  it('falls back to equal-power when a tenth of frames is late', () => {
    expect(chooseQuality(frames(600, 60), hrtf)).toBe(equalpower);
    expect(chooseQuality(frames(600, 200), hrtf)).toBe(equalpower);
  });

  it('returns to HRTF only well below the fallback threshold (hysteresis)', () => {
    expect(chooseQuality(frames(600, 30), equalpower)).toBe(equalpower);
    expect(chooseQuality(frames(600, 12), equalpower)).toBe(equalpower); // 2 %: not yet below
    expect(chooseQuality(frames(600, 6), equalpower)).toBe(hrtf);
    expect(chooseQuality(frames(600, 0), equalpower)).toBe(hrtf);
  });

  it('names the Web Audio panning models', () => {
    expect([hrtf, equalpower].map(panningModelOf)).toEqual(['HRTF', 'equalpower']);
  });

  it('decides nothing on a ring that is still filling; unfilled slots do not count', () => {
    const ring = new Float32Array(600);
    ring.set(frames(QUALITY_POLICY.minFrames - 1, QUALITY_POLICY.minFrames - 1));
    expect(chooseQuality(ring, hrtf)).toBe(hrtf);
    ring.set(frames(200, 40));
    expect(chooseQuality(ring, hrtf)).toBe(equalpower);
    expect(chooseQuality([], equalpower)).toBe(equalpower);
  });
});
