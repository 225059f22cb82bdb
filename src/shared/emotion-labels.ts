/**
 * The app's emotion vocabulary: every label a player's state may carry.
 * The classifier's own output order lives in models/labels.json; its labels are a subset of these.
 */
export const EmotionLabel = {
  neutral: 'neutral',
  calm: 'calm',
  happy: 'happy',
  sad: 'sad',
  angry: 'angry',
  fearful: 'fearful',
  disgust: 'disgust',
  surprised: 'surprised',
  sleepy: 'sleepy',
} as const;

/** One of the app's emotion labels. */
export type EmotionLabel = (typeof EmotionLabel)[keyof typeof EmotionLabel];

/** All labels, in a stable order (used by pickers and key bindings). */
export const EMOTION_LABELS: readonly EmotionLabel[] = Object.freeze(Object.values(EmotionLabel));

const labelSet: ReadonlySet<string> = new Set(EMOTION_LABELS);

/** True when `value` is one of the app's emotion labels. */
export function isEmotionLabel(value: unknown): value is EmotionLabel {
  return typeof value === 'string' && labelSet.has(value);
}

/** Where a player's emotion came from. */
export const EmotionSource = { manual: 'manual', voice: 'voice' } as const;
/** `manual` (picker) or `voice` (on-device classifier). */
export type EmotionSource = (typeof EmotionSource)[keyof typeof EmotionSource];

/** An emotion reading as it travels between devices. No audio, only these figures. */
export interface EmotionState {
  label: EmotionLabel;
  /** 0..1 */
  confidence: number;
  /** -1 (low energy) .. 1 (high energy) */
  arousal: number;
  /** -1 (negative) .. 1 (positive) */
  valence: number;
  source: EmotionSource;
}

/** Typical arousal/valence of each label, used when the source (the manual picker) gives only a label. */
export const LABEL_AROUSAL_VALENCE: Readonly<Record<EmotionLabel, readonly [arousal: number, valence: number]>> = {
  neutral: [0, 0],
  calm: [-0.5, 0.3],
  happy: [0.6, 0.8],
  sad: [-0.5, -0.7],
  angry: [0.8, -0.7],
  fearful: [0.7, -0.6],
  disgust: [0.3, -0.7],
  surprised: [0.8, 0.3],
  sleepy: [-0.9, 0],
};

/** A complete emotion state for a label picked by hand. */
export function manualEmotion(label: EmotionLabel): EmotionState {
  const [arousal, valence] = LABEL_AROUSAL_VALENCE[label];
  return { label, confidence: 1, arousal, valence, source: EmotionSource.manual };
}

/**
 * The one rule for "the same emotion reading": same label and source, and confidence, arousal
 * and valence equal (or, with a `tolerance`, each closer than it). Senders use it to skip
 * repeats, receivers to keep object identity, timelines to merge readings.
 */
export function sameEmotion(a: EmotionState, b: EmotionState, tolerance = 0): boolean {
  const near = (x: number, y: number): boolean => x === y || Math.abs(x - y) < tolerance;
  return a.label === b.label && a.source === b.source && near(a.confidence, b.confidence) && near(a.arousal, b.arousal) && near(a.valence, b.valence);
}
