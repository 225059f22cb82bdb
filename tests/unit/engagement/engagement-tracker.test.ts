import { describe, expect, it } from 'vitest';
import { createEngagementTracker, type EngagementTracker } from '../../../src/engagement/engagement-tracker';
import type { NudgeChange } from '../../../src/engagement/nudge-policy';
import { headTrace } from '../../harness/head-traces';

/** Nods off for `seconds` from `fromMs`, ticking every 250 ms; returns every nudge change. */
function nodOff(tracker: EngagementTracker, fromMs: number, seconds: number): NudgeChange[] {
  const changes: NudgeChange[] = [];
  const trace = headTrace('nodding', fromMs, seconds * 1000, { seed: 5, rateHz: 20 });
  let i = 0;
  for (let t = fromMs; t < fromMs + seconds * 1000; t += 250) {
    while (i < trace.length && trace[i]!.atMs <= t) tracker.head(trace[i]!.atMs, trace[i]!.pitchRad, trace[i++]!.yawRad);
    tracker.speaking(t, false);
    tracker.presence(t, { xr: 'visible', pageVisible: true });
    changes.push(...tracker.tick(t).changes);
  }
  return changes;
}

describe('engagement tracker', () => {
  it('nudges a wearer who nods off, escalating to the invitation', () => {
    const changes = nodOff(createEngagementTracker(), 0, 400);
    expect(changes.filter((c) => c.kind === 'shown').map((c) => c.level)).toEqual([1, 2, 3]);
  });

  it('runs ten times faster with timeScale 0.1 (demos and browser tests)', () => {
    const slow = nodOff(createEngagementTracker(), 0, 400).find((c) => c.kind === 'shown')!.atMs;
    const fast = nodOff(createEngagementTracker({ timeScale: 0.1 }), 0, 400).find((c) => c.kind === 'shown')!.atMs;
    expect(fast).toBeLessThan(slow);
    expect(fast).toBeLessThan(80_000);
  });

  it('takes speaking up or looking around as an answer, but not another nod', () => {
    const speaks = createEngagementTracker({ timeScale: 0.1 });
    nodOff(speaks, 0, 120);
    expect(speaks.tick(120_000).nudge).not.toBeNull();
    for (let t = 120_000; t <= 121_500; t += 250) speaks.speaking(t, true);
    expect(speaks.tick(121_500).changes).toContainEqual({ kind: 'answered', level: expect.any(Number), atMs: 121_500 });
    expect(speaks.tick(121_750).nudge).toBeNull();

    // Calm speech with short pauses between words still answers; lone syllables a second apart do not.
    const pauses = createEngagementTracker({ timeScale: 0.1 });
    nodOff(pauses, 0, 120);
    expect(pauses.tick(120_000).nudge).not.toBeNull();
    for (let t = 120_000; t <= 121_500; t += 250) pauses.speaking(t, t % 750 !== 0);
    expect(pauses.tick(121_500).changes.map((c) => c.kind)).toContain('answered');
    const syllables = createEngagementTracker({ timeScale: 0.1 });
    nodOff(syllables, 0, 120);
    expect(syllables.tick(120_000).nudge).not.toBeNull();
    for (let t = 120_000; t <= 124_000; t += 250) syllables.speaking(t, t % 1000 === 0);
    expect(syllables.tick(124_000).changes.map((c) => c.kind)).not.toContain('answered');

    const turns = createEngagementTracker({ timeScale: 0.1 });
    nodOff(turns, 0, 120);
    const level = turns.tick(120_000).nudge?.level;
    expect(level).toBeDefined();
    turns.head(120_100, -0.15, 0.9);
    expect(turns.tick(120_250).changes.map((c) => c.kind)).toContain('answered');

    const nods = createEngagementTracker({ timeScale: 0.1 });
    const more = nodOff(nods, 0, 200);
    expect(more.filter((c) => c.kind === 'answered')).toEqual([]);
  });
});
