import { describe, expect, it } from 'vitest';
import { damp, dampFactor, EXPRESSION_TIME_CONSTANT_SEC, settleTimeSec } from '../../../src/avatar';

/** Damps from 0 toward 1 at `fps` and returns the first time (s) the value reaches `level`. */
function timeToReach(level: number, fps: number, tau = EXPRESSION_TIME_CONSTANT_SEC): number {
  let value = 0;
  let t = 0;
  while (value < level && t < 5) {
    value = damp(value, 1, 1 / fps, tau);
    t += 1 / fps;
  }
  return t;
}

describe('damping', () => {
  it.each([30, 72, 90, 120])('reaches 95 percent of a step within 200–300 ms at %i fps', (fps) => {
    const t = timeToReach(0.95, fps);
    expect(t).toBeGreaterThan(0.2);
    expect(t).toBeLessThanOrEqual(0.3);
  });

  it('does not jump: one 90 fps frame covers well under half the step', () => {
    expect(damp(0, 1, 1 / 90, EXPRESSION_TIME_CONSTANT_SEC)).toBeLessThan(0.2);
  });

  it('is frame-rate independent: the same elapsed time gives the same value', () => {
    const after = (fps: number): number => {
      let v = 0.1;
      for (let i = 0; i < Math.round(fps * 0.5); i++) v = damp(v, 0.8, 1 / fps, EXPRESSION_TIME_CONSTANT_SEC);
      return v;
    };
    const reference = after(90);
    for (const fps of [30, 60, 72, 120, 144]) expect(after(fps)).toBeCloseTo(reference, 10);
  });

  it('handles uneven frame times like even ones', () => {
    let uneven = 0;
    for (const dt of [0.004, 0.03, 0.011, 0.02, 0.035]) uneven = damp(uneven, 1, dt, 0.1);
    expect(uneven).toBeCloseTo(damp(0, 1, 0.1, 0.1), 10);
  });

  it('moves down as well as up and never overshoots', () => {
    let v = 1;
    for (let i = 0; i < 100; i++) {
      v = damp(v, 0, 1 / 30, 0.08);
      expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(v).toBeLessThan(1e-6);
  });

  it('stands still for zero or negative time, snaps for a zero time constant', () => {
    expect(dampFactor(0, 0.1)).toBe(0);
    expect(dampFactor(-1, 0.1)).toBe(0);
    expect(dampFactor(Number.NaN, 0.1)).toBe(0);
    expect(dampFactor(0.01, 0)).toBe(1);
  });

  it('settleTimeSec agrees with simulation', () => {
    expect(settleTimeSec(0.95, EXPRESSION_TIME_CONSTANT_SEC)).toBeCloseTo(0.24, 2);
    expect(Math.abs(timeToReach(0.95, 1000) - settleTimeSec(0.95, EXPRESSION_TIME_CONSTANT_SEC))).toBeLessThan(0.002);
  });
});
