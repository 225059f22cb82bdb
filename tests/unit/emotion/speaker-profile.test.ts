import { describe, expect, it } from 'vitest';
import { createSpeakerProfile } from '../../../src/emotion/speaker-profile';

const spec = { inputName: 'speaker_profile', outputName: 'band_means', size: 2, initial: new Float32Array([1, -1]), priorWindows: 4 };

describe('speaker profile', () => {
  it('starts at the initial profile and moves to the mean of the windows heard', () => {
    const p = createSpeakerProfile(spec);
    expect([...p.current()]).toEqual([1, -1]);
    p.add(new Float32Array([3, 1]));
    expect([...p.current()]).toEqual([(4 * 1 + 3) / 5, (4 * -1 + 1) / 5].map(Math.fround));
    for (let i = 0; i < 995; i++) p.add(new Float32Array([3, 1]));
    expect(p.windows).toBe(996);
    expect(p.current()[0]).toBeCloseTo((4 + 3 * 996) / 1000, 5);
    expect(p.current()[1]).toBeCloseTo((-4 + 996) / 1000, 5);
  });

  it('returns copies, and refuses a wrong-sized window while skipping a non-finite one', () => {
    const p = createSpeakerProfile(spec);
    p.current()[0] = 99;
    expect(p.current()[0]).toBe(1);
    expect(() => p.add(new Float32Array([1, 2, 3]))).toThrow(/3 values/);
    p.add(new Float32Array([NaN, 0]));
    expect(p.windows).toBe(0);
    expect([...p.current()]).toEqual([1, -1]);
  });
});
