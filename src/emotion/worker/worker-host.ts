/**
 * The classifier worker's logic, free of `self` so Node tests can run it with the real model:
 * loads runtime and model with progress, picks WASM or WebGPU (measured), queues runs, and falls
 * back to WASM if WebGPU fails at any point. On request it also follows the capture ring with the
 * Silero VAD, whose frames share the one run queue with the emotion windows.
 */
import { createRunQueue, type EmotionClassifier, type InferenceBackend } from '../emotion-classifier';
import type { ModelContract } from '../model-contract';
import { configureOrt, createOrtClassifier, createOrtSileroModel, ortThreads } from '../ort-session';
import { attachRingBuffer } from '../../shared/ring-buffer';
import { createSpeechDetector, type SpeechDetectorStats } from '../vad/speech-detector';
import type { SpeechProbabilityModel } from '../vad/speech-model';
import type { FromWorker, ToWorker } from './messages';
import { decideBackend, type WebGpuProbe } from '../backend-choice';

/** What the host needs from its surroundings. */
export interface ClassifierHostDeps {
  fetchBytes(url: string, onProgress: (loaded: number, total: number) => void, expectedBytes?: number): Promise<Uint8Array>;
  post(message: FromWorker): void;
  /** Whether a (non-software) WebGPU adapter exists. */
  probeWebGpu(): Promise<WebGpuProbe>;
  /** ORT runtime files; absent in Node, where ORT finds its own. */
  runtime?: { mjsUrl: string; wasmUrl: string; wasmBytes: number };
}

/** How often the VAD looks for new frames in the ring, ms (a Silero frame is 32 ms). */
const VAD_PUMP_MS = 32;

/** Handles one message at a time; returns when it is done. */
export interface ClassifierHost {
  handle(message: ToWorker): Promise<void>;
}

/** Creates the worker logic. */
export function createClassifierHost(deps: ClassifierHostDeps): ClassifierHost {
  const queue = createRunQueue();
  let model: Uint8Array | null = null;
  let contract: ModelContract | null = null;
  let active: EmotionClassifier | null = null;
  let wasm: EmotionClassifier | null = null;
  let vad: { model: SpeechProbabilityModel; timer: ReturnType<typeof setTimeout> | null; stopped: boolean; stats: SpeechDetectorStats } | null = null;
  /** Counts VAD starts and stops, so a start that finishes loading after a stop is dropped. */
  let vadAttempt = 0;

  async function wasmSession(): Promise<EmotionClassifier> {
    wasm ??= await createOrtClassifier(model!, contract!, 'wasm', queue);
    return wasm;
  }

  async function fallBack(from: InferenceBackend, error: unknown): Promise<EmotionClassifier> {
    const failed = active;
    active = await wasmSession();
    if (failed && failed !== active) void failed.dispose().catch(() => undefined);
    deps.post({ type: 'fallback', from, to: 'wasm', reason: error instanceof Error ? error.message : String(error) });
    return active;
  }

  async function load(message: Extract<ToWorker, { type: 'load' }>): Promise<void> {
    const started = performance.now();
    contract = message.contract;
    if (deps.runtime) {
      const { mjsUrl, wasmUrl, wasmBytes } = deps.runtime;
      const binary = await deps.fetchBytes(wasmUrl, (l, t) => deps.post({ type: 'progress', stage: 'runtime', loadedBytes: l, totalBytes: t }), wasmBytes);
      configureOrt({ wasmPaths: { mjs: mjsUrl, wasm: wasmUrl }, wasmBinary: binary.buffer as ArrayBuffer, numThreads: message.numThreads });
    } else {
      configureOrt({ numThreads: message.numThreads });
    }
    model = await deps.fetchBytes(message.modelUrl, (l, t) => deps.post({ type: 'progress', stage: 'model', loadedBytes: l, totalBytes: t }));
    deps.post({ type: 'progress', stage: 'session', loadedBytes: 0, totalBytes: 0 });
    const decision = await decideBackend({
      preference: message.backend,
      contract,
      probe: deps.probeWebGpu,
      create: (backend) => (backend === 'wasm' ? wasmSession() : createOrtClassifier(model!, contract!, backend, queue)),
      onMeasure: () => deps.post({ type: 'progress', stage: 'measure', loadedBytes: 0, totalBytes: 0 }),
    });
    active = decision.classifier;
    deps.post({
      type: 'ready',
      backend: active.backend,
      reason: decision.reason,
      measuredMs: decision.measuredMs,
      threads: ortThreads(),
      startupMs: performance.now() - started,
    });
  }

  async function classify(id: number, samples: Float32Array, profile?: Float32Array): Promise<void> {
    if (!active) throw new Error('classify before load');
    let classifier = active;
    try {
      deps.post({ type: 'result', id, scores: await classifier.classify(samples, profile) });
    } catch (error) {
      if (classifier.backend !== 'webgpu') throw error;
      classifier = await fallBack('webgpu', error);
      deps.post({ type: 'result', id, scores: await classifier.classify(samples, profile) });
    }
  }

  async function startVad(message: Extract<ToWorker, { type: 'vad' }>): Promise<void> {
    if (!model) throw new Error('vad before load'); // ORT is configured by `load`
    if (vad) return deps.post({ type: 'vad-status', running: true, error: '' });
    const attempt = ++vadAttempt;
    try {
      const bytes = await deps.fetchBytes(message.modelUrl, () => undefined);
      const silero = await createOrtSileroModel(bytes);
      if (attempt !== vadAttempt) {
        // Stopped while it loaded: the page uses its energy VAD; nothing follows the ring.
        await queue(() => silero.dispose());
        return;
      }
      const detector = createSpeechDetector({
        ring: attachRingBuffer(message.ring),
        model: silero,
        queue,
        onChange: (change) => deps.post({ type: 'speech', ...change }),
      });
      const state = { model: silero, timer: null as ReturnType<typeof setTimeout> | null, stopped: false, stats: detector.stats };
      vad = state;
      const pump = (): void => {
        void detector.pump(performance.now()).then(
          () => void (state.stopped || (state.timer = setTimeout(pump, VAD_PUMP_MS))),
          // The emotion model keeps working: the page falls back to its energy VAD.
          (error: unknown) => deps.post({ type: 'vad-status', running: false, error: `the Silero VAD stopped: ${String(error)}` }),
        );
      };
      pump();
      deps.post({ type: 'vad-status', running: true, error: '' });
    } catch (error) {
      deps.post({ type: 'vad-status', running: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function stopVad(): Promise<void> {
    vadAttempt++; // a start still loading is dropped when it finishes
    if (!vad) return;
    vad.stopped = true;
    if (vad.timer) clearTimeout(vad.timer);
    const { model: silero } = vad;
    vad = null;
    await queue(() => silero.dispose());
  }

  return {
    async handle(message) {
      try {
        if (message.type === 'load') await load(message);
        else if (message.type === 'classify') await classify(message.id, message.samples, message.profile);
        else if (message.type === 'vad') await startVad(message);
        else if (message.type === 'vad-stop') await stopVad();
        else if (message.type === 'vad-stats') deps.post({ type: 'vad-stats', frames: vad?.stats.frames ?? 0, silentFrames: vad?.stats.silentFrames ?? 0, runMs: vad?.stats.runMs ?? 0 });
        else {
          await stopVad();
          await active?.dispose();
          if (wasm && wasm !== active) await wasm.dispose();
          active = wasm = null;
        }
      } catch (error) {
        const id = message.type === 'classify' ? message.id : null;
        deps.post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}
