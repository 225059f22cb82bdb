import { describe, expect, it } from 'vitest';
import { blinkShape, createBlinkScheduler } from '../../../src/avatar';
import { createSeededRandom } from '../../fixtures/seeded-random';

const FRAME = 1 / 90;

/** Runs a scheduler for `seconds` and returns the start times of blinks and the peak weight. */
function run(seconds: number, seed: number, suspended: (t: number) => boolean = () => false) {
  const scheduler = createBlinkScheduler({ random: createSeededRandom(seed), minIntervalSec: 2, maxIntervalSec: 6, durationSec: 0.15 });
  const starts: number[] = [];
  const closedFrames: number[] = [];
  let last = scheduler.blinkCount;
  let peak = 0;
  for (let i = 0, t = 0; t < seconds; i++, t = i * FRAME) {
    const w = scheduler.update(FRAME, suspended(t));
    if (scheduler.blinkCount !== last) {
      starts.push(t);
      last = scheduler.blinkCount;
    }
    if (w > 0.5) closedFrames.push(t);
    peak = Math.max(peak, w);
  }
  return { starts, peak, closedFrames, scheduler };
}

describe('blink scheduler', () => {
  it('blinks at randomised intervals within the configured bounds', () => {
    const { starts } = run(600, 42);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(gaps.length).toBeGreaterThan(80);
    // Each gap is the drawn interval plus the blink itself, measured in whole frames.
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(2 + 0.15 - 2 * FRAME);
      expect(gap).toBeLessThanOrEqual(6 + 0.15 + 2 * FRAME);
    }
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(mean).toBeGreaterThan(3.6);
    expect(mean).toBeLessThan(4.7);
    // Randomised: the gaps spread over the range instead of repeating one value.
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(2.5);
  });

  it('is reproducible with a seeded random source and differs across seeds', () => {
    expect(run(60, 7).starts).toEqual(run(60, 7).starts);
    expect(run(60, 7).starts).not.toEqual(run(60, 8).starts);
  });

  it('closes the eyes fully for about 150 ms per blink', () => {
    const { peak, starts, closedFrames } = run(30, 3);
    expect(peak).toBeGreaterThan(0.9);
    const first = starts[0] as number;
    const closedInFirst = closedFrames.filter((t) => t >= first && t < first + 0.3);
    expect(closedInFirst.length * FRAME).toBeGreaterThan(0.05);
    expect(closedInFirst.length * FRAME).toBeLessThan(0.12);
  });

  it('starts no blink while suspended and resumes afterwards', () => {
    const { starts } = run(40, 11, (t) => t >= 5 && t < 25);
    // A blink already under way at t = 5 may finish, but none starts inside the window.
    expect(starts.filter((t) => t >= 5 && t < 25)).toEqual([]);
    expect(starts.filter((t) => t < 5).length).toBeGreaterThan(0);
    expect(starts.filter((t) => t >= 25).length).toBeGreaterThan(1);
  });

  it('blink shape rises quickly, falls more slowly, and is 0 outside the blink', () => {
    expect(blinkShape(0)).toBe(0);
    expect(blinkShape(1)).toBe(0);
    expect(blinkShape(0.4)).toBeCloseTo(1, 5);
    expect(blinkShape(0.2)).toBeCloseTo(0.5, 5);
    expect(blinkShape(0.7)).toBeCloseTo(0.5, 5);
  });

  it('reports the countdown to the next blink', () => {
    const scheduler = createBlinkScheduler({ random: () => 0.5, minIntervalSec: 2, maxIntervalSec: 4 });
    expect(scheduler.secondsUntilNext).toBeCloseTo(3, 10);
    scheduler.update(1, false);
    expect(scheduler.secondsUntilNext).toBeCloseTo(2, 10);
    scheduler.update(1, true);
    expect(scheduler.secondsUntilNext).toBeCloseTo(2, 10);
  });
});
