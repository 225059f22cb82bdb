/**
 * Turns a stream of per-window classifier outputs into a steady displayed emotion:
 * exponential averaging of probabilities, hysteresis (confirmations + minimum dwell),
 * low confidence → neutral, silence decays to neutral. Pure and clock-free (callers pass time).
 */
import { EmotionSource, type EmotionLabel, type EmotionState } from '../shared/emotion-labels';

/** Tuning of {@link createEmotionSmoother}. */
export interface EmotionSmootherOptions {
  /** Classifier output order (from labels.json). */
  labels: readonly EmotionLabel[];
  /** Weight of the newest window in the running average, 0..1. Default 0.7 (later windows are longer, so better). */
  alpha?: number;
  /** Below this averaged probability the display is neutral. Default 0.25 (twice chance with eight labels; measured on held-out RAVDESS, see the voice-chain test). */
  minConfidence?: number;
  /** A new label needs this many consecutive wins … Default 2. */
  confirmUpdates?: number;
  /** … unless the display is neutral and the new label's averaged probability reaches this. Default 0.45. */
  instantConfidence?: number;
  /** A displayed label stays at least this long before another replaces it. Default 1000. */
  minDwellMs?: number;
  /** After this much silence the display returns to neutral. Default 1000. */
  silenceToNeutralMs?: number;
}

/** One classifier reading. */
export interface EmotionReading {
  /** Probabilities in `labels` order (not retained). */
  probabilities: ArrayLike<number>;
  arousal: number;
  valence: number;
}

/** The smoother; `update` and `silence` return the state to display. */
export interface EmotionSmoother {
  update(reading: EmotionReading, nowMs: number): EmotionState;
  /** Called while no one speaks; decays towards neutral. */
  silence(nowMs: number): EmotionState;
  readonly state: EmotionState;
  reset(): void;
}

const NEUTRAL: EmotionLabel = 'neutral';

/** Creates a smoother for the classifier labels. */
export function createEmotionSmoother(options: EmotionSmootherOptions): EmotionSmoother {
  const { labels } = options;
  const alpha = options.alpha ?? 0.7;
  const minConfidence = options.minConfidence ?? 0.25;
  const confirmUpdates = options.confirmUpdates ?? 2;
  const instantConfidence = options.instantConfidence ?? 0.45;
  const minDwellMs = options.minDwellMs ?? 1000;
  const silenceToNeutralMs = options.silenceToNeutralMs ?? 1000;
  const average = new Float64Array(labels.length);
  let fresh = true;
  let state: EmotionState = { label: NEUTRAL, confidence: 1, arousal: 0, valence: 0, source: EmotionSource.voice };
  let labelSinceMs = -Infinity;
  let candidate: EmotionLabel | null = null;
  let candidateWins = 0;
  let silentSinceMs: number | null = null;

  function show(label: EmotionLabel, confidence: number, arousal: number, valence: number, nowMs: number) {
    if (label !== state.label) labelSinceMs = nowMs;
    state = { label, confidence, arousal, valence, source: EmotionSource.voice };
    return state;
  }

  return {
    get state() {
      return state;
    },
    update(reading, nowMs) {
      silentSinceMs = null;
      const a = fresh ? 1 : alpha;
      fresh = false;
      let best = 0;
      for (let i = 0; i < labels.length; i++) {
        average[i] = a * (reading.probabilities[i] ?? 0) + (1 - a) * average[i]!;
        if (average[i]! > average[best]!) best = i;
      }
      const confidence = average[best]!;
      const target = confidence >= minConfidence ? labels[best]! : NEUTRAL;
      const arousal = a * reading.arousal + (1 - a) * state.arousal;
      const valence = a * reading.valence + (1 - a) * state.valence;
      if (target === state.label) {
        candidate = null;
        candidateWins = 0;
        return show(target, target === NEUTRAL && confidence < minConfidence ? 1 - confidence : confidence, arousal, valence, nowMs);
      }
      candidateWins = target === candidate ? candidateWins + 1 : 1;
      candidate = target;
      // From neutral a clear reading shows at once (latency); between two emotions it must repeat (stability).
      const confirmed = candidateWins >= confirmUpdates || (state.label === NEUTRAL && confidence >= instantConfidence);
      const dwelt = nowMs - labelSinceMs >= minDwellMs;
      if (confirmed && dwelt) {
        candidate = null;
        candidateWins = 0;
        return show(target, confidence, arousal, valence, nowMs);
      }
      return show(state.label, state.confidence, arousal, valence, nowMs);
    },
    silence(nowMs) {
      silentSinceMs ??= nowMs;
      const silentMs = nowMs - silentSinceMs;
      if (silentMs < silenceToNeutralMs) return state;
      fresh = true; // the next speech starts a new average
      candidate = null;
      candidateWins = 0;
      if (state.label === NEUTRAL && state.arousal === 0 && state.valence === 0) return state;
      return show(NEUTRAL, 1, 0, 0, nowMs);
    },
    reset() {
      average.fill(0);
      fresh = true;
      candidate = null;
      candidateWins = 0;
      silentSinceMs = null;
      labelSinceMs = -Infinity;
      state = { label: NEUTRAL, confidence: 1, arousal: 0, valence: 0, source: EmotionSource.voice };
    },
  };
}
