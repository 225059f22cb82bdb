import { describe, expect, it } from 'vitest';
import { createHeadMotion } from '../../../src/engagement/head-motion';
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
