/**
 * Main-thread side of the classifier worker: an {@link EmotionClassifier} whose calls become
 * messages. Loading reports progress; a worker crash or load failure rejects with a clear message.
 */
import type { BackendPreference, EmotionClassifier, EmotionScores, InferenceBackend, LoadProgress } from '../emotion-classifier';
import type { ModelContract } from '../model-contract';
import type { BackendDecision, FromWorker, ToWorker } from './messages';
import type { RingBuffer } from '../../shared/ring-buffer';
import { createSpeechVerdictMirror, type SpeechDetectorStats, type SpeechVerdictMirror } from '../vad/speech-detector';

/** Options of {@link loadWorkerClassifier}. */
export interface WorkerClassifierOptions {
  worker: Worker;
  modelUrl: string;
  contract: ModelContract;
  backend: BackendPreference;
  /** 0 = ORT's default. */
  numThreads: number;
  onProgress?(progress: LoadProgress): void;
  /** WebGPU failed during use and the worker switched to WASM. */
  onFallback?(from: InferenceBackend, reason: string): void;
  /** Load timeout, ms (a hang must become a message, not a spinner forever). Default 60000. */
  timeoutMs?: number;
}

/** The worker's VAD verdict as the page reads it: kept up to date by the worker's change messages. */
export interface WorkerSpeechVerdict extends Omit<SpeechVerdictMirror, 'apply'> {
  /** The detector's figures so far (for the benchmark). */
  stats(): Promise<SpeechDetectorStats>;
}

/** Options of {@link LoadedWorkerClassifier.startSpeechDetector}. */
export interface WorkerSpeechDetectorOptions {
  /** The capture's 16 kHz ring; its buffer must be a SharedArrayBuffer. */
  ring: RingBuffer;
  modelUrl: string;
  /** The detector stopped after it had started (the verdict then stays `not speaking`). */
  onLost(reason: string): void;
  /** Start timeout, ms. Default 20000. */
  timeoutMs?: number;
}

/** The classifier plus how its backend was chosen. */
export interface LoadedWorkerClassifier extends EmotionClassifier {
  readonly decision: BackendDecision;
  /** Starts the Silero VAD in the worker; rejects with the reason when it cannot run. Call once. */
  startSpeechDetector(options: WorkerSpeechDetectorOptions): Promise<WorkerSpeechVerdict>;
}

/** Starts the worker loading and resolves when it is ready to classify. */
export function loadWorkerClassifier(options: WorkerClassifierOptions): Promise<LoadedWorkerClassifier> {
  const { worker, contract } = options;
  const pending = new Map<number, { resolve(s: EmotionScores): void; reject(e: Error): void }>();
  let nextId = 1;
  let backend: InferenceBackend = 'wasm';
  let speech: SpeechVerdictMirror | null = null;
  const statsWaiters: ((stats: SpeechDetectorStats) => void)[] = [];
  let vad: { options: WorkerSpeechDetectorOptions; started: boolean; settle(error: string): void } | null = null;
  const post = (m: ToWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);

  return new Promise<LoadedWorkerClassifier>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the emotion model did not load within ${(options.timeoutMs ?? 60000) / 1000} s`)), options.timeoutMs ?? 60000);
    let ready = false;
    function fail(error: Error): void {
      clearTimeout(timer);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      if (!ready) (worker.terminate(), reject(error));
    }
    worker.onerror = (e) => fail(new Error(`classifier worker failed: ${e.message || 'script error'}`));
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === 'progress') options.onProgress?.(m);
      else if (m.type === 'result') (pending.get(m.id)?.resolve(m.scores), pending.delete(m.id));
      else if (m.type === 'fallback') ((backend = m.to), options.onFallback?.(m.from, m.reason));
      else if (m.type === 'speech') speech?.apply(m);
      else if (m.type === 'vad-stats') statsWaiters.shift()?.(m);
      else if (m.type === 'vad-status') {
        if (!m.running) speech?.apply({ speaking: false, onsetSample: -1 });
        if (vad && !vad.started) vad.settle(m.error);
        else if (vad && !m.running) vad.options.onLost(m.error);
      }
      else if (m.type === 'error') {
        if (m.id === null) fail(new Error(m.message));
        else (pending.get(m.id)?.reject(new Error(m.message)), pending.delete(m.id));
      } else if (m.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        backend = m.backend;
        const { type: _type, ...decision } = m;
        resolve({
          labels: contract.labels,
          decision,
          get backend() {
            return backend;
          },
          classify(samples, profile) {
            const id = nextId++;
            return new Promise<EmotionScores>((res, rej) => {
              pending.set(id, { resolve: res, reject: rej });
              post({ type: 'classify', id, samples, profile }, [samples.buffer]);
            });
          },
          startSpeechDetector(o) {
            const ring = o.ring;
            const mirror = (speech = createSpeechVerdictMirror(ring, contract.sampleRateHz));
            const verdict: WorkerSpeechVerdict = {
              speaking: mirror.speaking,
              speechMs: mirror.speechMs,
              stretch: mirror.stretch,
              stats: () => new Promise<SpeechDetectorStats>((res) => (statsWaiters.push(res), post({ type: 'vad-stats' }))),
            };
            return new Promise<WorkerSpeechVerdict>((res, rej) => {
              const timeoutMs = o.timeoutMs ?? 20000;
              const timer = setTimeout(() => {
                vad?.settle(`the Silero VAD did not start within ${timeoutMs / 1000} s`);
                post({ type: 'vad-stop' }); // the page uses its energy VAD now: no Silero starting later
              }, timeoutMs);
              vad = {
                options: o,
                started: false,
                settle(error) {
                  clearTimeout(timer);
                  vad!.started = true;
                  if (error) rej(new Error(error));
                  else res(verdict);
                },
              };
              if (typeof SharedArrayBuffer === 'undefined' || !(ring.buffer instanceof SharedArrayBuffer)) {
                return vad.settle('the capture ring is not shared memory (no cross-origin isolation)');
              }
              post({ type: 'vad', modelUrl: o.modelUrl, ring: ring.buffer });
            });
          },
          async dispose() {
            post({ type: 'dispose' });
            worker.terminate();
            fail(new Error('classifier disposed'));
          },
        });
      }
    };
    post({ type: 'load', modelUrl: options.modelUrl, contract, backend: options.backend, numThreads: options.numThreads });
  });
}
