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
 * | calm      | relaxed 0.45                           | a soft, slightly content face               |
 * | happy     | happy 1                                | preset                                      |
 * | sad       | sad 1                                  | preset                                      |
 * | angry     | angry 1                                | preset                                      |
 * | fearful   | surprised 0.6 + sad 0.5                | wide eyes and raised inner brows            |
 * | disgust   | angry 0.55 + sad 0.35                  | lowered brows, downturned mouth, no snarl preset |
 * | surprised | surprised 1                            | preset                                      |
 * | sleepy    | relaxed 0.5 + eyes closed 0.4          | half-closed eyes through the blink preset   |
 *
 * Whatever the emotional presets leave of 1 goes to `neutral`.
 */
export const LABEL_RECIPES: Readonly<Record<EmotionLabel, Recipe>> = {
  neutral: {},
  calm: { relaxed: 0.45 },
  happy: { happy: 1 },
  sad: { sad: 1 },
  angry: { angry: 1 },
  fearful: { surprised: 0.6, sad: 0.5 },
  disgust: { angry: 0.55, sad: 0.35 },
  surprised: { surprised: 1 },
  sleepy: { relaxed: 0.5, eyesClosed: 0.4 },
};

/** Drowsiness 1 closes the eyes this far (a heavy-lidded look, still clearly awake enough to blink). */
export const DROWSY_EYES_CLOSED = 0.4;
/** Drowsiness 1 adds this much `relaxed`. */
export const DROWSY_RELAXED = 0.3;

function clamp01(value: number): number {
  if (!(value > 0)) return 0; // also maps NaN to 0
  return value < 1 ? value : 1;
}

/**
 * Writes the target expression weights for an emotion into `out` (allocation-free).
 * Intensity scales linearly with confidence; `drowsiness` (0..1, the engagement estimate) adds
 * heavy eyelids and relaxation on top of any label. Non-finite inputs count as 0.
 */
export function mapEmotionToWeights(
  label: EmotionLabel,
  confidence: number,
  drowsiness: number,
  out: EmotionWeights,
): EmotionWeights {
  const recipe = LABEL_RECIPES[label] ?? LABEL_RECIPES.neutral;
  const intensity = clamp01(confidence);
  const drowsy = clamp01(drowsiness);
  let emotional = 0;
  for (let i = 0; i < EMOTION_CHANNELS.length; i++) {
    const channel = EMOTION_CHANNELS[i] as keyof EmotionWeights;
    if (channel === 'neutral') continue;
    out[channel] = (recipe[channel] ?? 0) * intensity;
    if (channel !== 'eyesClosed') emotional += out[channel];
  }
  out.relaxed = clamp01(out.relaxed + drowsy * DROWSY_RELAXED * (1 - out.relaxed));
  out.eyesClosed = Math.max(out.eyesClosed, drowsy * DROWSY_EYES_CLOSED);
  out.neutral = clamp01(1 - emotional);
  return out;
}
