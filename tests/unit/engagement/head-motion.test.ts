import { describe, expect, it } from 'vitest';
import { createHeadMotion } from '../../../src/engagement/head-motion';
import { createSeededRandom } from '../../fixtures/seeded-random';
import { headTrace, type HeadPattern } from '../../harness/head-traces';

function run(pattern: HeadPattern, seconds: number, seed = 1) {
  const head = createHeadMotion();
  for (const s of headTrace(pattern, 0, seconds * 1000, { seed })) head.add(s.atMs, s.pitchRad, s.yawRad);
  return head.summary(seconds * 1000);
}

describe('head motion', () => {
  it('counts nodding off (slow drop, quick jerk back); awake and still heads never, restless ones at most once', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      expect(run('nodding', 90, seed).nods, `seed ${seed}`).toBeGreaterThanOrEqual(2);
      expect(run('awake', 90, seed).nods).toBe(0);
      expect(run('restless', 90, seed).nods).toBeLessThanOrEqual(1); // one nod alone is not enough for `drowsy`
      expect(run('still', 90, seed).nods).toBe(0);
    }
  });

  it('sees nods when frames are scarce and irregular (a busy machine: 2 to 4 frames a second)', () => {
    // Samples kept at random gaps of 250–500 ms from a 50 Hz trace: what an emulated headset in
    // software GL on a busy machine hands the detector (frame gaps median 345 ms, p90 520 ms).
    // Before it checked for a nod ahead of the return to the plateau, and timed a rise between
    // frames by half its gaps, it saw 0–1 of the 2–4 nods of each trace here (0 in the drowsy XR
    // test). A restless head cannot be told from one nodding off at this rate (its quick swings
    // also fall between frames): 1–4 nods in 90 s on these seeds, so restless is asserted at full
    // rate only (above), where it gives 0–1 as before.
    const nods = (pattern: HeadPattern, seed: number): number => {
      const gap = createSeededRandom(seed * 7 + 1);
      const head = createHeadMotion();
      let next = 0;
      for (const s of headTrace(pattern, 0, 90_000, { seed, rateHz: 50 })) {
        if (s.atMs < next) continue;
        head.add(s.atMs, s.pitchRad, s.yawRad);
        next = s.atMs + 250 + gap() * 250;
      }
      return head.summary(90_000).nods;
    };
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      expect(nods('nodding', seed), `seed ${seed}`).toBeGreaterThanOrEqual(2);
      expect(nods('awake', seed)).toBe(0);
      expect(nods('still', seed)).toBe(0);
    }
  });

  it('does not take a quick glance down and back for a nod', () => {
    const head = createHeadMotion();
    let t = 0;
    for (; t < 5000; t += 100) head.add(t, -0.1, 0);
    for (let i = 1; i <= 4; i++) head.add((t += 100), -0.1 - 0.12 * i, 0); // 0.5 rad down in 0.4 s
    for (let i = 1; i <= 3; i++) head.add((t += 100), -0.58 + 0.16 * i, 0);
    expect(head.summary(t).nods).toBe(0);
  });

  it('tells a still head from a moving one and measures slumping', () => {
    const still = run('still', 60);
    const awake = run('awake', 60);
    expect(still.meanSpeedRadPerSec).toBeLessThan(0.02);
    expect(awake.meanSpeedRadPerSec).toBeGreaterThan(0.05);
    const slumped = createHeadMotion();
    for (let t = 0; t < 60_000; t += 100) slumped.add(t, -0.7, 0);
    expect(slumped.summary(60_000).slumpedFraction).toBeGreaterThan(0.9);
    expect(awake.slumpedFraction).toBe(0);
  });

  it('forgets nods after its memory and restarts after a gap in the data', () => {
    const head = createHeadMotion({ memoryMs: 30_000 });
    for (const s of headTrace('nodding', 0, 60_000, { seed: 4 })) head.add(s.atMs, s.pitchRad, s.yawRad);
    expect(head.summary(60_000).nods).toBeGreaterThan(0);
    expect(head.summary(200_000).nods).toBe(0);
    expect(head.summary(200_000).coveredMs).toBeLessThan(1000);
  });
});
