import { describe, expect, it } from 'vitest';
import { createVoiceEnergy } from '../../../src/engagement/voice-energy';

/** Feeds windows every 500 ms with arousal from `arousalAt` for `seconds`, speaking throughout. */
function speak(energy: ReturnType<typeof createVoiceEnergy>, fromMs: number, seconds: number, arousalAt: (t: number) => number): number {
  let t = fromMs;
  for (; t < fromMs + seconds * 1000; t += 100) {
    energy.addSpeaking(t, true);
    if ((t - fromMs) % 500 === 0) energy.addWindow(t, arousalAt(t));
  }
  return t;
}

describe('voice energy', () => {
  it('reads lively speech as no evidence and a flat low voice as low energy', () => {
    const lively = createVoiceEnergy();
    const t1 = speak(lively, 0, 60, (t) => 0.3 + 0.2 * Math.sin(t / 700));
    expect(lively.summary(t1).lowEnergy).toBe(0);
    const flat = createVoiceEnergy();
    const t2 = speak(flat, 0, 60, () => -0.6);
    expect(flat.summary(t2).lowEnergy).toBeGreaterThan(0.8);
  });

  it('judges a drop against the wearer’s own baseline, not only the absolute value', () => {
    const energy = createVoiceEnergy();
    let t = speak(energy, 0, 300, () => 0.5); // a loud talker for five minutes
    t = speak(energy, t, 60, () => 0.0); // then merely neutral
    const s = energy.summary(t);
    expect(s.baselineArousal).toBeGreaterThan(0.3);
    expect(s.lowEnergy).toBeGreaterThan(0.5);
  });

  it('lets evidence fade after long silence and tracks how much the wearer speaks', () => {
    const energy = createVoiceEnergy();
    const t = speak(energy, 0, 60, () => -0.6);
    for (let s = t; s < t + 240_000; s += 250) energy.addSpeaking(s, false);
    const later = energy.summary(t + 240_000);
    expect(later.lowEnergy).toBeLessThan(0.2);
    expect(later.silentForMs).toBeGreaterThanOrEqual(239_000);
    expect(later.speechFraction).toBeLessThan(0.4);
  });
});
