import { describe, expect, it } from 'vitest';
import { EMOTION_LABELS } from '../../../src/shared/emotion-labels';
import { createEmotionWeights, createPresetFallback, FACE_PRESETS, mapEmotionToWeights } from '../../../src/avatar';

const godette = new Set(['happy', 'angry', 'sad', 'relaxed', 'neutral', 'aa', 'blink']); // VRM 0.x: no surprised

describe('createPresetFallback', () => {
  it('changes nothing for a model with every preset', () => {
    const fallback = createPresetFallback(() => true);
    expect(fallback.missing).toEqual([]);
    const w = mapEmotionToWeights('fearful', 1, 0, createEmotionWeights());
    const before = { ...w };
    expect(fallback.apply(w)).toEqual(before);
  });

  it('redistributes surprised onto presets the model has (VRM 0.x without surprised)', () => {
    const fallback = createPresetFallback((name) => godette.has(name));
    expect(fallback.missing).toEqual(['surprised']);
    const w = fallback.apply(mapEmotionToWeights('surprised', 1, 0, createEmotionWeights()));
    expect(w.surprised).toBe(0);
    expect(w.happy).toBeGreaterThan(0.3);
    expect(w.sad).toBeGreaterThan(0);
  });

  it('still shows something for every label on a model that lacks surprised', () => {
    const fallback = createPresetFallback((name) => godette.has(name));
    for (const label of EMOTION_LABELS.filter((l) => l !== 'neutral')) {
      const w = fallback.apply(mapEmotionToWeights(label, 1, 0, createEmotionWeights()));
      const shown = FACE_PRESETS.filter((p) => p !== 'neutral').reduce((s, p) => s + w[p], 0);
      expect(shown, label).toBeGreaterThan(0.3);
      for (const p of FACE_PRESETS) expect(w[p]).toBeLessThanOrEqual(1);
    }
  });

  it('scales the substitute with confidence', () => {
    const fallback = createPresetFallback((name) => name !== 'happy');
    const full = fallback.apply(mapEmotionToWeights('happy', 1, 0, createEmotionWeights()));
    const part = fallback.apply(mapEmotionToWeights('happy', 0.7, 0, createEmotionWeights()));
    expect(full.relaxed).toBeGreaterThan(0.9);
    expect(part.relaxed).toBeCloseTo(full.relaxed * 0.7, 5);
  });

  it('drops weight when neither the preset nor a substitute exists', () => {
    const fallback = createPresetFallback(() => false);
    const w = fallback.apply(mapEmotionToWeights('angry', 1, 0, createEmotionWeights()));
    for (const p of FACE_PRESETS) expect(w[p]).toBe(0);
  });
});
