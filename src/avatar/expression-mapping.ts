import { clamp01 } from '../shared/clamp';
import type { EmotionLabel } from '../shared/emotion-labels';
import { EMOTION_CHANNELS, type EmotionWeights } from './expression-presets';

/** A recipe's non-zero parts; missing channels are 0. `neutral` is filled in, never listed. */
type Recipe = Readonly<Partial<Omit<EmotionWeights, 'neutral'>>>;

/**
 * How each app label shows on a VRM face at full confidence.
 *
 * | label     | presets at confidence 1                | why                                         |
 * |-----------|----------------------------------------|---------------------------------------------|
 * | neutral   | neutral 1                              | rest face                                   |
 * | calm      | relaxed 0.8                            | a soft, content face, lids lowered          |
 * | happy     | happy 1                                | preset                                      |
 * | sad       | sad 1                                  | preset                                      |
 * | angry     | angry 1                                | preset                                      |
 * | fearful   | surprised 0.9 + sad 0.7                | wide eyes, raised inner brows, open mouth   |
 * | disgust   | angry 0.55 + sad 0.45 + relaxed 0.35   | lowered brows, squint, downturned mouth (no snarl preset) |
 * | surprised | surprised 1                            | preset                                      |
 * | sleepy    | relaxed 0.6 + eyes closed 0.6          | heavy, half-closed eyes through the blink preset |
 *
 * Whatever the emotional presets leave of 1 goes to `neutral`.
 *
 * **Labels, confidence and arousal.** On natural speech the model's arousal carries real
 * information while its categories are often unsure, so the face does not guess: a label's recipe
 * is scaled by confidence *and* by how sure the reading is (`sureness`: 0 at confidence ≤ 0.3,
 * 1 at ≥ 0.6), and what sureness leaves goes to an arousal face that shows energy without a
 * category: high arousal raises the brows and widens the eyes (`surprised` up to 0.45), low arousal
 * softens the face and lowers the lids (`relaxed` up to 0.5, eyes closed up to 0.25). A picked
 * label (confidence 1) is fully its recipe; a neutral reading shows only its arousal.
 */
export const LABEL_RECIPES: Readonly<Record<EmotionLabel, Recipe>> = {
  neutral: {},
  calm: { relaxed: 0.8 },
  happy: { happy: 1 },
  sad: { sad: 1 },
  angry: { angry: 1 },
  fearful: { surprised: 0.9, sad: 0.7 },
  disgust: { angry: 0.55, sad: 0.45, relaxed: 0.35 },
  surprised: { surprised: 1 },
  sleepy: { relaxed: 0.6, eyesClosed: 0.6 },
};

/** Below this confidence a reading is unsure: the face follows arousal only. */
export const UNSURE_BELOW = 0.3;
/** From this confidence on a reading is sure: the face shows the label's recipe only. */
export const SURE_FROM = 0.6;
/** Full arousal (+1) adds this much `surprised` (raised brows, wide eyes) to an unsure face. */
export const AROUSAL_HIGH_SURPRISED = 0.45;
/** Full low arousal (−1) adds this much `relaxed` and this much eye closure to an unsure face. */
export const AROUSAL_LOW_RELAXED = 0.5;
export const AROUSAL_LOW_EYES_CLOSED = 0.25;

/** Drowsiness 1 closes the eyes this far (a heavy-lidded look, still clearly awake enough to blink). */
export const DROWSY_EYES_CLOSED = 0.4;
/** Drowsiness 1 adds this much `relaxed`. */
export const DROWSY_RELAXED = 0.3;

/** How far a reading of this confidence is trusted as a category, 0..1. */
export function sureness(confidence: number): number {
  return clamp01((confidence - UNSURE_BELOW) / (SURE_FROM - UNSURE_BELOW));
}

/**
 * Writes the target expression weights for an emotion into `out` (allocation-free).
 * The label's recipe scales with confidence × sureness; the rest of an unsure reading shows its
 * `arousal` (−1..1); `drowsiness` (0..1, the engagement estimate) adds heavy eyelids and
 * relaxation on top of any label. Non-finite inputs count as 0.
 */
export function mapEmotionToWeights(
  label: EmotionLabel,
  confidence: number,
  drowsiness: number,
  out: EmotionWeights,
  arousal = 0,
): EmotionWeights {
  const recipe = LABEL_RECIPES[label] ?? LABEL_RECIPES.neutral;
  const sure = label === 'neutral' ? 0 : sureness(confidence);
  const intensity = clamp01(confidence) * sure;
  const energy = Number.isFinite(arousal) ? Math.max(-1, Math.min(1, arousal)) * (1 - sure) : 0;
  const drowsy = clamp01(drowsiness);
  let emotional = 0;
  for (let i = 0; i < EMOTION_CHANNELS.length; i++) {
    const channel = EMOTION_CHANNELS[i] as keyof EmotionWeights;
    if (channel === 'neutral') continue;
    out[channel] = (recipe[channel] ?? 0) * intensity;
    if (channel !== 'eyesClosed') emotional += out[channel];
  }
  if (energy > 0) out.surprised = clamp01(out.surprised + energy * AROUSAL_HIGH_SURPRISED);
  if (energy < 0) {
    out.relaxed = clamp01(out.relaxed - energy * AROUSAL_LOW_RELAXED);
    out.eyesClosed = Math.max(out.eyesClosed, -energy * AROUSAL_LOW_EYES_CLOSED);
  }
  emotional += Math.abs(energy) * (energy > 0 ? AROUSAL_HIGH_SURPRISED : AROUSAL_LOW_RELAXED);
  out.relaxed = clamp01(out.relaxed + drowsy * DROWSY_RELAXED * (1 - out.relaxed));
  out.eyesClosed = Math.max(out.eyesClosed, drowsy * DROWSY_EYES_CLOSED);
  out.neutral = clamp01(1 - emotional);
  return out;
}
