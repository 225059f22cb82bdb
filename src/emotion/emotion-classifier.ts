/**
 * The classifier seam: everything above it (pipeline, smoothing, UI) sees only this interface,
 * so tests can drive the pipeline with a fake and the worker can swap execution providers.
 */
import type { EmotionLabel } from '../shared/emotion-labels';

/** Where inference runs. */
export const InferenceBackend = { wasm: 'wasm', webgpu: 'webgpu' } as const;
/** `wasm` (CPU, SIMD, optionally threaded) or `webgpu`. */
export type InferenceBackend = (typeof InferenceBackend)[keyof typeof InferenceBackend];

/** The user's choice in settings; `auto` decides by a start-up measurement. */
export type BackendPreference = InferenceBackend | 'auto';

/** One window's classifier output. */
export interface EmotionScores {
  /** Softmax over `labels`, in labels.json order. */
  probabilities: Float32Array;
  /** -1..1 */
  arousal: number;
  /** -1..1 */
  valence: number;
  /** Time the session's run took, ms. */
  inferenceMs: number;
  /** Backend that produced this result (changes after a WebGPU fallback). */
  backend: InferenceBackend;
  /** The window's band means, for the speaker profile (null when the model takes none). */
  bandMeans: Float32Array | null;
}

/** Emotion classifier over 16 kHz mono windows. Calls are queued: never overlapping. */
export interface EmotionClassifier {
  readonly labels: readonly EmotionLabel[];
  /** The backend currently in use. */
  readonly backend: InferenceBackend;
  /**
   * Classifies one window (any length ≥ minInputMs at the contract's rate). `profile`: the
   * wearer's speaker profile for a model that takes one (default: the contract's initial one).
   */
  classify(samples: Float32Array, profile?: Float32Array): Promise<EmotionScores>;
  dispose(): Promise<void>;
}

/** Load progress, for the model-loading indicator. */
export interface LoadProgress {
  stage: 'runtime' | 'model' | 'session' | 'measure';
  loadedBytes: number;
  /** 0 when unknown. */
  totalBytes: number;
}

/** Serialises async jobs (see {@link createRunQueue}); one per worker, shared by every model in it. */
export type RunQueue = <T>(job: () => Promise<T>) => Promise<T>;

/** Serialises async jobs: each starts after the previous one settled, so runs never overlap. */
export function createRunQueue(): RunQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
