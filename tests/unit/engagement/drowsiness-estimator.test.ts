import { describe, expect, it } from 'vitest';
import { createDrowsinessEstimator } from '../../../src/engagement/drowsiness-estimator';
import { livelyVoice, lowVoice, playScenario, type ScenarioTick } from '../../harness/engagement-scenarios';

const states = (ticks: readonly ScenarioTick[]) => new Set(ticks.map((t) => t.estimate.state));
const firstDrowsyS = (ticks: readonly ScenarioTick[]) => {
  const hit = ticks.find((t) => t.estimate.state === 'drowsy');
  return hit ? hit.atMs / 1000 : null;
};

describe('drowsiness estimator on scripted wearers', () => {
  it('keeps an awake talker engaged for ten minutes', () => {
    for (const seed of [1, 2, 3]) {
      const ticks = playScenario(createDrowsinessEstimator(), [{ seconds: 600, head: 'awake', voice: livelyVoice, speakFraction: 0.5 }], { seed });
      expect(states(ticks)).toEqual(new Set(['engaged']));
      expect(Math.max(...ticks.map((t) => t.estimate.drowsiness))).toBeLessThan(0.3);
    }
  });

  it('keeps a silent listener who looks at the speaker engaged, and calls a silent one who does not quiet, never drowsy', () => {
    const listener = playScenario(createDrowsinessEstimator(), [{ seconds: 600, head: 'listening', voice: null, othersSpeak: true }]);
    expect(states(listener.slice(40))).toEqual(new Set(['engaged']));
    const still = playScenario(createDrowsinessEstimator(), [{ seconds: 600, head: 'still', voice: null }]);
    expect(states(still)).not.toContain('drowsy');
    expect(still.at(-1)?.estimate.state).toBe('quiet');
    expect(Math.max(...still.map((t) => t.estimate.drowsiness))).toBeLessThan(0.4);
  });

  it('finds a wearer drowsy after low-energy speech and nodding off, and awake again once they speak up', () => {
    const estimator = createDrowsinessEstimator();
    const ticks = playScenario(estimator, [
      { seconds: 120, head: 'awake', voice: livelyVoice },
      { seconds: 90, head: 'still', voice: lowVoice, speakFraction: 0.4 },
      { seconds: 180, head: 'nodding', voice: null },
    ]);
    const at = firstDrowsyS(ticks);
    expect(at).not.toBeNull();
    expect(at!).toBeGreaterThan(150);
    expect(at!).toBeLessThan(330);
    const after = playScenario(estimator, [{ seconds: 60, head: 'awake', voice: livelyVoice, inputEverySec: 5 }], { startMs: 390_000 });
    expect(after.at(-1)?.estimate.state).toBe('engaged');
  });

  it('reads nodding off alone as drowsy, and a restless head without the pattern as awake', () => {
    expect(firstDrowsyS(playScenario(createDrowsinessEstimator(), [{ seconds: 300, head: 'nodding', voice: null }]))).not.toBeNull();
    for (const seed of [1, 2, 3, 4]) {
      expect(states(playScenario(createDrowsinessEstimator(), [{ seconds: 300, head: 'restless', voice: null }], { seed }))).not.toContain('drowsy');
    }
  });

  it('says away, not drowsy, when the headset is off or the page hidden, and holds the estimate meanwhile', () => {
    const estimator = createDrowsinessEstimator();
    playScenario(estimator, [{ seconds: 60, head: 'nodding', voice: lowVoice }]);
    const before = estimator.tick(60_000).drowsiness;
    const off = playScenario(estimator, [{ seconds: 120, head: 'still', voice: null, presence: { xr: 'hidden', pageVisible: true } }], { startMs: 60_000 });
    expect(off.slice(8).every((t) => t.estimate.state === 'away')).toBe(true);
    // Held from the moment the state turned away (1.5 s of away signals), close to where it was.
    expect(off.at(-1)!.estimate.drowsiness).toBeCloseTo(off[8]!.estimate.drowsiness, 9);
    expect(Math.abs(off.at(-1)!.estimate.drowsiness - before)).toBeLessThan(0.05);
    const blurred = playScenario(createDrowsinessEstimator(), [{ seconds: 10, head: 'awake', voice: null, presence: { xr: 'visible-blurred', pageVisible: true } }]);
    expect(blurred.at(-1)?.estimate.state).toBe('away');
    const tab = playScenario(createDrowsinessEstimator(), [{ seconds: 10, head: 'awake', voice: null, presence: { xr: null, pageVisible: false } }]);
    expect(tab.at(-1)?.estimate.state).toBe('away');
  });
});
