/** Messages between the main thread and the classifier worker. Audio goes in; only scores and VAD verdicts come out. */
import type { BackendPreference, EmotionScores, InferenceBackend, LoadProgress } from '../emotion-classifier';
import type { ModelContract } from '../model-contract';
import type { SpeechDetectorStats, SpeechVerdictChange } from '../vad/speech-detector';

/** Main thread → worker. */
export type ToWorker =
  | {
      type: 'load';
      modelUrl: string;
      contract: ModelContract;
      backend: BackendPreference;
      /** 0 = ORT's default. */
      numThreads: number;
    }
  | { type: 'classify'; id: number; samples: Float32Array; profile?: Float32Array }
  /** After `load`: follow the capture's 16 kHz ring (shared memory) with the Silero VAD at `modelUrl`. */
  | { type: 'vad'; modelUrl: string; ring: SharedArrayBuffer }
  /** Asks for the VAD's running figures (answered by `vad-stats`). */
  | { type: 'vad-stats' }
  /** The page no longer waits for the VAD (it gave up on its start): stop it, or drop it if it is still loading. */
  | { type: 'vad-stop' }
  | { type: 'dispose' };

/** How the backend was chosen, for the settings panel and the benchmark. */
export interface BackendDecision {
  backend: InferenceBackend;
  reason: string;
  /** Median run time of one window per backend measured at start-up, ms. */
  measuredMs: Partial<Record<InferenceBackend, number>>;
  threads: number;
  startupMs: number;
}

/** Worker → main thread. */
export type FromWorker =
  | ({ type: 'progress' } & LoadProgress)
  | ({ type: 'ready' } & BackendDecision)
  | { type: 'result'; id: number; scores: EmotionScores }
  | { type: 'fallback'; from: InferenceBackend; to: InferenceBackend; reason: string }
  | { type: 'error'; id: number | null; message: string }
  /** Answer to `vad`: the detector runs, or why it does not (then nothing else about it follows). */
  | { type: 'vad-status'; running: boolean; error: string }
  /** The VAD's verdict changed (positions in the ring's stream); sent only on changes. */
  | ({ type: 'speech' } & SpeechVerdictChange)
  | ({ type: 'vad-stats' } & SpeechDetectorStats);
