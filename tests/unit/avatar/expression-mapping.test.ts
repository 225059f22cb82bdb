import { describe, expect, it } from 'vitest';
import { EMOTION_LABELS, type EmotionLabel } from '../../../src/shared/emotion-labels';
import {
  createEmotionWeights,
  DROWSY_EYES_CLOSED,
  FACE_PRESETS,
  LABEL_RECIPES,
  mapEmotionToWeights,
  type EmotionWeights,
} from '../../../src/avatar';
import {
  AROUSAL_HIGH_SURPRISED, AROUSAL_LOW_EYES_CLOSED, AROUSAL_LOW_RELAXED, SURE_FROM, sureness, UNSURE_BELOW,
} from '../../../src/avatar/expression-mapping';

const map = (label: EmotionLabel, confidence = 1, drowsiness = 0): EmotionWeights =>
  mapEmotionToWeights(label, confidence, drowsiness, createEmotionWeights());

/** The preset carrying most weight, ignoring neutral. */
const dominant = (w: EmotionWeights): string =>
  FACE_PRESETS.filter((p) => p !== 'neutral').reduce((best, p) => (w[p] > w[best] ? p : best), 'happy');

describe('mapEmotionToWeights', () => {
  it('has a recipe for every app label', () => {
    for (const label of EMOTION_LABELS) expect(LABEL_RECIPES[label]).toBeDefined();
  });

  it.each([
    ['happy', 'happy'],
    ['sad', 'sad'],
    ['angry', 'angry'],
    ['surprised', 'surprised'],
    ['calm', 'relaxed'],
    ['sleepy', 'relaxed'],
    ['fearful', 'surprised'],
    ['disgust', 'angry'],
  ] as const)('shows %s mainly as %s at full confidence', (label, preset) => {
    const w = map(label);
    expect(dominant(w)).toBe(preset);
    expect(w[preset]).toBeGreaterThan(0.4);
  });

  it('maps the four preset emotions to exactly their preset at full strength', () => {
    for (const label of ['happy', 'sad', 'angry', 'surprised'] as const) {
      const w = map(label);
      expect(w[label]).toBe(1);
      for (const p of FACE_PRESETS) if (p !== label && p !== 'neutral') expect(w[p]).toBe(0);
      expect(w.neutral).toBe(0);
    }
  });

  it('mixes presets for labels without one: fearful = surprised + sad, disgust = angry + sad', () => {
    const fear = map('fearful');
    expect(fear.surprised).toBeGreaterThan(0.4);
    expect(fear.sad).toBeGreaterThan(0.3);
    const disgust = map('disgust');
    expect(disgust.angry).toBeGreaterThan(0.4);
    expect(disgust.sad).toBeGreaterThan(0.2);
  });

  it('closes the eyes at least halfway for sleepy, and not for other labels', () => {
    expect(map('sleepy').eyesClosed).toBeCloseTo(LABEL_RECIPES.sleepy.eyesClosed!, 5);
    expect(map('sleepy').eyesClosed).toBeGreaterThanOrEqual(0.5);
    for (const label of EMOTION_LABELS.filter((l) => l !== 'sleepy')) expect(map(label).eyesClosed).toBe(0);
  });

  it('gives neutral the full rest face', () => {
    const w = map('neutral');
    expect(w.neutral).toBe(1);
    for (const p of FACE_PRESETS) if (p !== 'neutral') expect(w[p]).toBe(0);
  });

  it('scales intensity with confidence × sureness and fills the rest with neutral', () => {
    for (const label of EMOTION_LABELS) {
      const full = map(label, 1);
      for (const c of [0, 0.25, 0.45, 0.6, 0.8]) {
        const part = map(label, c);
        for (const p of FACE_PRESETS) if (p !== 'neutral') expect(part[p]).toBeCloseTo(full[p] * c * sureness(c), 10);
        const emotional = FACE_PRESETS.filter((p) => p !== 'neutral').reduce((s, p) => s + part[p], 0);
        expect(part.neutral).toBeCloseTo(Math.max(0, 1 - emotional), 10);
      }
    }
  });

  it('lets an unsure reading show its arousal instead of a category, and a sure one its category only', () => {
    const w = () => createEmotionWeights();
    const unsureHigh = mapEmotionToWeights('angry', UNSURE_BELOW, 0, w(), 1);
    expect(unsureHigh.angry).toBe(0);
    expect(unsureHigh.surprised).toBeCloseTo(AROUSAL_HIGH_SURPRISED, 10);
    const unsureLow = mapEmotionToWeights('happy', 0.2, 0, w(), -1);
    expect(unsureLow.happy).toBe(0);
    expect(unsureLow.relaxed).toBeCloseTo(AROUSAL_LOW_RELAXED, 10);
    expect(unsureLow.eyesClosed).toBeCloseTo(AROUSAL_LOW_EYES_CLOSED, 10);
    const neutralEnergy = mapEmotionToWeights('neutral', 0.9, 0, w(), 0.5);
    expect(neutralEnergy.surprised).toBeCloseTo(0.5 * AROUSAL_HIGH_SURPRISED, 10);
    const half = mapEmotionToWeights('sad', 0.45, 0, w(), -0.8);
    expect(half.sad).toBeGreaterThan(0);
    expect(half.relaxed).toBeGreaterThan(0);
    const sure = mapEmotionToWeights('angry', SURE_FROM, 0, w(), 1);
    expect(sure).toEqual(mapEmotionToWeights('angry', SURE_FROM, 0, w(), 0));
    expect(mapEmotionToWeights('happy', 1, 0, w(), -1)).toEqual(map('happy', 1)); // a picked label is its recipe
  });

  it('treats confidence outside 0..1 and NaN safely', () => {
    expect(map('angry', 7).angry).toBe(1);
    expect(map('angry', -1).angry).toBe(0);
    expect(map('angry', Number.NaN).angry).toBe(0);
    expect(map('angry', Number.NaN).neutral).toBe(1);
  });

  it('adds heavy eyelids and relaxation with drowsiness, on any label', () => {
    const awake = map('happy', 1, 0);
    const drowsy = map('happy', 1, 1);
    expect(drowsy.eyesClosed).toBeCloseTo(DROWSY_EYES_CLOSED, 10);
    expect(drowsy.relaxed).toBeGreaterThan(awake.relaxed);
    expect(drowsy.happy).toBe(awake.happy);
    expect(map('neutral', 1, 0.5).eyesClosed).toBeCloseTo(DROWSY_EYES_CLOSED / 2, 10);
  });

  it('keeps every weight within 0..1', () => {
    for (const label of EMOTION_LABELS) {
      for (const c of [0, 0.5, 1]) {
        for (const d of [0, 1]) {
          const w = map(label, c, d);
          for (const v of Object.values(w)) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        }
      }
    }
  });

  it('writes into the object it is given', () => {
    const out = createEmotionWeights();
    expect(mapEmotionToWeights('sad', 1, 0, out)).toBe(out);
    expect(out.sad).toBe(1);
  });
});
