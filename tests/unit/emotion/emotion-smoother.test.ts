import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEmotionSmoother } from '../../../src/emotion/emotion-smoother';
import { parseModelContract } from '../../../src/emotion/model-contract';
import type { EmotionLabel } from '../../../src/shared/emotion-labels';

const { labels } = parseModelContract(JSON.parse(readFileSync('models/labels.json', 'utf8')));
const HOP = 500;

/** A reading that puts probability `p` on `label` and spreads the rest evenly. */
function reading(label: EmotionLabel, p: number, arousal = 0.5, valence = 0) {
  const rest = (1 - p) / (labels.length - 1); // below p for every p ≥ 1/8
  return { probabilities: labels.map((l) => (l === label ? p : rest)), arousal, valence };
}

describe('emotion smoother', () => {
  it('starts neutral with source voice', () => {
    const s = createEmotionSmoother({ labels });
    expect(s.state).toMatchObject({ label: 'neutral', source: 'voice' });
  });

  it('a strong first reading shows at once; a weak one needs a confirmation', () => {
    const strong = createEmotionSmoother({ labels });
    expect(strong.update(reading('angry', 0.8), 0).label).toBe('angry');
    const weak = createEmotionSmoother({ labels });
    expect(weak.update(reading('sad', 0.4), 0).label).toBe('neutral');
    expect(weak.update(reading('sad', 0.4), HOP).label).toBe('sad');
  });

  it('low confidence stays neutral', () => {
    const s = createEmotionSmoother({ labels });
    for (let t = 0; t < 5000; t += HOP) expect(s.update(reading('happy', 0.2), t).label).toBe('neutral');
  });

  it('minimum dwell: a new label cannot replace one shown less than minDwellMs ago', () => {
    const s = createEmotionSmoother({ labels, minDwellMs: 1500 });
    s.update(reading('angry', 0.9), 0);
    expect(s.update(reading('happy', 0.99), 500).label).toBe('angry');
    expect(s.update(reading('happy', 0.99), 1000).label).toBe('angry');
    expect(s.update(reading('happy', 0.99), 1500).label).toBe('happy');
  });

  it('a single stray window does not flip a steady label (averaging + confirmation)', () => {
    const s = createEmotionSmoother({ labels });
    for (let t = 0; t <= 3000; t += HOP) s.update(reading('sad', 0.7), t);
    expect(s.update(reading('angry', 0.7), 3500).label).toBe('sad');
    expect(s.update(reading('sad', 0.7), 4000).label).toBe('sad');
  });

  it('silence returns to neutral after silenceToNeutralMs, not before', () => {
    const s = createEmotionSmoother({ labels, silenceToNeutralMs: 1000 });
    s.update(reading('angry', 0.9, 0.8, -0.6), 0);
    expect(s.silence(500).label).toBe('angry');
    expect(s.silence(1200).label).toBe('angry');
    expect(s.silence(1500)).toMatchObject({ label: 'neutral', arousal: 0, valence: 0, source: 'voice' });
  });

  it('after silence the next speech starts a fresh average', () => {
    const s = createEmotionSmoother({ labels });
    for (let t = 0; t <= 3000; t += HOP) s.update(reading('angry', 0.9), t);
    s.silence(3500);
    s.silence(5000);
    expect(s.update(reading('happy', 0.7), 6000).label).toBe('happy');
  });

  it('averages arousal and valence', () => {
    const s = createEmotionSmoother({ labels, alpha: 0.5 });
    s.update(reading('angry', 0.9, 1, -1), 0);
    const st = s.update(reading('angry', 0.9, 0, 0), HOP);
    expect(st.arousal).toBeCloseTo(0.5);
    expect(st.valence).toBeCloseTo(-0.5);
  });
});
