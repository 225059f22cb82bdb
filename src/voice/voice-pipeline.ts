/**
 * The player's voice → emotion service: microphone capture, the classifier worker, and the
 * analysis tick, behind one factory the composition root calls. Not React: panels only read
 * `getStatus()`/`subscribe()` and call `start()`/`setMuted()`.
 */
import { createMicCapture, type MicCapture, type MicStatus } from '../audio/mic-capture';
import type { LoadProgress } from '../emotion/emotion-classifier';
import type { ModelContract } from '../emotion/model-contract';
import { loadWorkerClassifier, type LoadedWorkerClassifier } from '../emotion/worker/main-thread-client';
import type { EmotionState } from '../shared/emotion-labels';
import { createVoiceAnalysis, type VoiceAnalysis } from './voice-analysis';
import type { VoiceSettings } from './voice-settings';

/** What the voice panel shows. Replaced (never mutated) on every change. */
export interface VoiceStatus {
  readonly mic: MicStatus;
  readonly micDetail: string;
  readonly model: 'idle' | 'loading' | 'ready' | 'failed' | 'unavailable';
  readonly modelDetail: string;
  /** 0..1 while loading. */
  readonly progress: number;
  /** e.g. "wasm, 2 threads (WASM: software WebGPU adapter)". */
  readonly backend: string;
  readonly emotion: EmotionState | null;
}

/** Figures for the benchmark: main-thread cost and inference times. */
export interface VoiceStats {
  mainThreadMs: number;
  ticks: number;
  inferenceMs: number[];
}

/** Options of {@link createVoicePipeline}. */
export interface VoicePipelineOptions {
  settings: VoiceSettings;
  contract: ModelContract;
  /** Model URL, or null when the build has no model (the panel then says so). */
  modelUrl: string | null;
  workletUrl: string;
  spawnWorker(): Worker;
  onEmotion(state: EmotionState): void;
  onSpeaking(level: number): void;
  /** Speech began `msAgo` ms ago (for latency figures). */
  onSpeechStart?(msAgo: number): void;
  /** Analysis tick, ms. Default 100 (speaking level ≤ 10 Hz). */
  tickMs?: number;
}

/** The service. */
export interface VoicePipeline {
  /** Asks for the microphone and loads the model (call from the consent click). */
  start(): Promise<void>;
  setMuted(muted: boolean): void;
  getStatus(): VoiceStatus;
  subscribe(listener: () => void): () => void;
  readonly stats: VoiceStats;
  /**
   * Diagnostics: classifies `runs` fixed synthetic windows (the same on every device) in the worker,
   * queued like any other run; returns run times and probabilities (for backend parity checks).
   */
  measureInference(runs: number): Promise<{ inferenceMs: number; probabilities: number[] }[]>;
  /** 16 kHz samples captured since start (maps wall-clock time to position in the audio). */
  capturedSamples(): number;
  dispose(): Promise<void>;
}

/** Creates the pipeline; nothing is requested or loaded until `start`. */
export function createVoicePipeline(options: VoicePipelineOptions): VoicePipeline {
  const listeners = new Set<() => void>();
  const stats: VoiceStats = { mainThreadMs: 0, ticks: 0, inferenceMs: [] };
  let status: VoiceStatus = { mic: 'idle', micDetail: '', model: 'idle', modelDetail: '', progress: 0, backend: '', emotion: null };
  const update = (patch: Partial<VoiceStatus>): void => {
    status = { ...status, ...patch };
    for (const l of listeners) l();
  };
  const mic: MicCapture = createMicCapture({
    workletUrl: options.workletUrl,
    processing: options.settings.micProcessing,
    onStatus: (s, detail) => update({ mic: s, micDetail: detail }),
  });
  let classifier: LoadedWorkerClassifier | null = null;
  let analysis: VoiceAnalysis | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let started = false;

  const onProgress = (p: LoadProgress): void => {
    const text = { runtime: 'Loading the inference runtime', model: 'Loading the emotion model', session: 'Preparing the model', measure: 'Measuring WebGPU vs WASM' }[p.stage];
    const progress = p.stage === 'runtime' ? 0.8 * (p.loadedBytes / (p.totalBytes || 1)) : p.stage === 'model' ? 0.8 + 0.15 * (p.loadedBytes / (p.totalBytes || 1)) : 0.97;
    update({ model: 'loading', modelDetail: text, progress: Math.min(1, progress) });
  };

  async function loadModel(): Promise<void> {
    if (!options.modelUrl) return update({ model: 'unavailable', modelDetail: 'This build has no emotion model; use the picker.' });
    update({ model: 'loading', modelDetail: 'Starting', progress: 0 });
    try {
      classifier = await loadWorkerClassifier({
        worker: options.spawnWorker(),
        modelUrl: new URL(options.modelUrl, location.href).href,
        contract: options.contract,
        backend: options.settings.backend,
        numThreads: options.settings.numThreads,
        onProgress,
        onFallback: (from, reason) => update({ backend: `wasm (fell back from ${from}: ${reason})` }),
      });
      const d = classifier.decision;
      update({ model: 'ready', modelDetail: '', progress: 1, backend: `${d.backend}${d.backend === 'wasm' ? `, ${d.threads} thread${d.threads === 1 ? '' : 's'}` : ''} (${d.reason})` });
    } catch (error) {
      update({ model: 'failed', modelDetail: `The emotion model could not load (${error instanceof Error ? error.message : String(error)}). Use the picker.` });
    }
  }

  function tick(): void {
    const t0 = performance.now();
    analysis?.tick(t0);
    stats.mainThreadMs += performance.now() - t0;
    stats.ticks++;
  }

  return {
    async start() {
      if (started) return void (await mic.start());
      started = true;
      const [micStatus] = await Promise.all([mic.start(), loadModel()]);
      if (!classifier || (micStatus !== 'running' && micStatus !== 'muted')) return;
      analysis = createVoiceAnalysis({
        channel: mic.channel,
        contract: options.contract,
        classifier,
        onEmotion: (state) => {
          const t0 = performance.now();
          update({ emotion: state });
          options.onEmotion(state);
          stats.mainThreadMs += performance.now() - t0;
        },
        onSpeaking: options.onSpeaking,
        onSpeechStart: options.onSpeechStart,
        onScores: (s) => void (stats.inferenceMs.length < 10000 && stats.inferenceMs.push(s.inferenceMs)),
        onError: (e) => update({ modelDetail: `Classification failed: ${e.message}` }),
      });
      timer = setInterval(tick, options.tickMs ?? 100);
    },
    setMuted(muted) {
      mic.setMuted(muted);
    },
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats,
    capturedSamples: () => mic.channel.ring.written(),
    async measureInference(runs) {
      if (!classifier) throw new Error('the model is not loaded');
      const results: { inferenceMs: number; probabilities: number[] }[] = [];
      const n = Math.round((options.contract.sampleRateHz * options.contract.windowMs) / 1000);
      for (let r = 0; r < runs; r++) {
        const window = new Float32Array(n);
        for (let i = 0; i < n; i++) window[i] = 0.1 * Math.sin(i * (0.05 + r * 0.001)) * Math.sin(i * 0.0007);
        const scores = await classifier.classify(window);
        results.push({ inferenceMs: scores.inferenceMs, probabilities: [...scores.probabilities] });
      }
      return results;
    },
    async dispose() {
      if (timer) clearInterval(timer);
      timer = null;
      analysis = null;
      await classifier?.dispose();
      classifier = null;
      await mic.stop();
      started = false;
    },
  };
}
