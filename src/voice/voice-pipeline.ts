/**
 * The player's voice → emotion service: microphone capture, the classifier worker, and the
 * analysis tick, behind one factory the composition root calls. Not React: panels only read
 * `getStatus()`/`subscribe()` and call `start()`/`setMuted()`.
 */
import { createChatTrackFollower, type ChatTrack } from '../audio/chat-track';
import { createMicCapture, type MicCapture, type MicStatus, type MicStatusDetail } from '../audio/mic-capture';
import type { EmotionScores, InferenceBackend, LoadProgress } from '../emotion/emotion-classifier';
import type { ModelContract } from '../emotion/model-contract';
import { loadWorkerClassifier, type LoadedWorkerClassifier, type WorkerSpeechVerdict } from '../emotion/worker/main-thread-client';
import type { BackendDecision } from '../emotion/worker/messages';
import type { EmotionState } from '../shared/emotion-labels';
import { energyVerdict, type SpeechVerdict } from './speech-verdict';
import { createVoiceAnalysis, type VoiceAnalysis } from './voice-analysis';
import { VadChoice, type VoiceSettings } from './voice-settings';

/** Where the emotion model stands. */
export type ModelStatus = 'idle' | 'loading' | 'ready' | 'failed' | 'unavailable';

/** Which part of loading is under way. */
export type ModelLoadStage = 'starting' | LoadProgress['stage'];

/** Why the energy VAD runs although Silero was asked for. */
export const VadFallbackReason = {
  /** The Silero model or its session could not load (see `detail`). */
  modelFailed: 'model-failed',
  /** The page is not cross-origin isolated: the worker cannot read the capture ring. */
  noSharedMemory: 'no-shared-memory',
  /** Silero ran, then stopped with an error (see `detail`). */
  stopped: 'stopped',
  /** This build has no Silero model. */
  noModel: 'no-model',
} as const;
/** One of {@link VadFallbackReason}. */
export type VadFallbackReason = (typeof VadFallbackReason)[keyof typeof VadFallbackReason];

/** Which voice-activity detector runs, and why not the one asked for. */
export interface VadStatus {
  readonly requested: VadChoice;
  /** null until the voice starts. */
  readonly active: VadChoice | null;
  readonly fallback: VadFallbackReason | null;
  /** Technical text behind the fallback, or ''. */
  readonly detail: string;
}

/**
 * What the voice panel shows, as codes and figures (the panel words them). Replaced, never
 * mutated, on every change.
 */
export interface VoiceStatus {
  readonly mic: MicStatus;
  readonly micDetail: MicStatusDetail;
  /** `unavailable`: the build has no model (the picker still works). */
  readonly model: ModelStatus;
  readonly loadStage: ModelLoadStage | null;
  /** 0..1 while loading. */
  readonly progress: number;
  /** Why loading failed (technical text), or ''. */
  readonly modelError: string;
  /** The last classification failure (technical text), or ''. */
  readonly classifyError: string;
  /** How inference runs once loaded. */
  readonly backend: Pick<BackendDecision, 'backend' | 'threads' | 'reason'> | null;
  /** Set when WebGPU failed during use and inference moved to WASM. */
  readonly fallback: { readonly from: InferenceBackend; readonly reason: string } | null;
  readonly emotion: EmotionState | null;
  readonly vad: VadStatus;
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
  /** Silero VAD v5 model URL (a build asset), or null: the energy VAD then runs. */
  vadModelUrl: string | null;
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
  /** Every classified speech window's scores (probabilities in labels.json order, arousal, valence). */
  subscribeScores(listener: (scores: EmotionScores) => void): () => void;
  readonly stats: VoiceStats;
  /**
   * Diagnostics: classifies `runs` fixed synthetic windows (the same on every device) in the worker,
   * queued like any other run; returns run times and probabilities (for backend parity checks).
   */
  measureInference(runs: number): Promise<{ inferenceMs: number; probabilities: number[] }[]>;
  /** Diagnostics: frames the Silero VAD scored in the worker and the time that took, or null when it does not run. */
  vadStats(): Promise<{ frames: number; runMs: number } | null>;
  /** 16 kHz samples captured since start (maps wall-clock time to position in the audio). */
  capturedSamples(): number;
  /**
   * The microphone track for voice chat (same device, the browser's voice processing on; see
   * src/audio/chat-track.ts), or null before the microphone runs. Muting is the caller's: the
   * one store mute reaches both (src/voice/README.md, "One mute").
   */
  chatTrack(): ChatTrack | null;
  /** Calls `listener` whenever chatTrack() changes (re-acquired microphone, stop); returns the unsubscribe. */
  subscribeChatTrack(listener: (chat: ChatTrack | null) => void): () => void;
  dispose(): Promise<void>;
}

/** Creates the pipeline; nothing is requested or loaded until `start`. */
export function createVoicePipeline(options: VoicePipelineOptions): VoicePipeline {
  const listeners = new Set<() => void>();
  const scoreListeners = new Set<(scores: EmotionScores) => void>();
  const stats: VoiceStats = { mainThreadMs: 0, ticks: 0, inferenceMs: [] };
  let status: VoiceStatus = {
    mic: 'idle', micDetail: { reason: null, retrying: false, info: '' }, model: 'idle', loadStage: null, progress: 0,
    modelError: '', classifyError: '', backend: null, fallback: null, emotion: null,
    vad: { requested: options.settings.vad, active: null, fallback: null, detail: '' },
  };
  const update = (patch: Partial<VoiceStatus>): void => {
    status = { ...status, ...patch };
    for (const l of listeners) l();
  };
  const chat = createChatTrackFollower();
  const mic: MicCapture = createMicCapture({
    workletUrl: options.workletUrl,
    processing: options.settings.micProcessing,
    onStatus: (mic, micDetail) => update({ mic, micDetail }),
    onStream: chat.follow,
  });
  let classifier: LoadedWorkerClassifier | null = null;
  let analysis: VoiceAnalysis | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let started = false;

  const onProgress = (p: LoadProgress): void => {
    // The runtime is most of the bytes (28 MB against ~2 MB of model).
    const progress = p.stage === 'runtime' ? 0.8 * (p.loadedBytes / (p.totalBytes || 1)) : p.stage === 'model' ? 0.8 + 0.15 * (p.loadedBytes / (p.totalBytes || 1)) : 0.97;
    update({ model: 'loading', loadStage: p.stage, progress: Math.min(1, progress) });
  };

  async function loadModel(): Promise<void> {
    if (!options.modelUrl) return update({ model: 'unavailable' });
    update({ model: 'loading', loadStage: 'starting', progress: 0 });
    try {
      classifier = await loadWorkerClassifier({
        worker: options.spawnWorker(),
        modelUrl: new URL(options.modelUrl, location.href).href,
        contract: options.contract,
        backend: options.settings.backend,
        numThreads: options.settings.numThreads,
        onProgress,
        onFallback: (from, reason) => update({ fallback: { from, reason } }),
      });
      const { backend, threads, reason } = classifier.decision;
      update({ model: 'ready', loadStage: null, progress: 1, backend: { backend, threads, reason } });
    } catch (error) {
      update({ model: 'failed', loadStage: null, modelError: error instanceof Error ? error.message : String(error) });
    }
  }

  // The analysis reads the verdict through this switch: Silero, or the energy VAD when Silero is off or lost.
  const energy = energyVerdict(mic.channel);
  let verdict: SpeechVerdict = energy;
  let silero: WorkerSpeechVerdict | null = null;
  const switched: SpeechVerdict = { speaking: () => verdict.speaking(), speechMs: () => verdict.speechMs(), stretch: () => verdict.stretch() };
  const useEnergy = (fallback: VadFallbackReason | null, detail = ''): void => {
    verdict = energy;
    silero = null;
    update({ vad: { ...status.vad, active: VadChoice.energy, fallback, detail } });
  };

  async function startVad(loaded: LoadedWorkerClassifier): Promise<void> {
    if (options.settings.vad === VadChoice.energy) return useEnergy(null);
    if (!options.vadModelUrl) return useEnergy(VadFallbackReason.noModel);
    if (typeof SharedArrayBuffer === 'undefined' || !(mic.channel.ring.buffer instanceof SharedArrayBuffer)) {
      return useEnergy(VadFallbackReason.noSharedMemory);
    }
    try {
      verdict = silero = await loaded.startSpeechDetector({
        ring: mic.channel.ring,
        modelUrl: new URL(options.vadModelUrl, location.href).href,
        onLost: (reason) => useEnergy(VadFallbackReason.stopped, reason),
      });
      update({ vad: { ...status.vad, active: VadChoice.silero, fallback: null, detail: '' } });
    } catch (error) {
      useEnergy(VadFallbackReason.modelFailed, error instanceof Error ? error.message : String(error));
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
      await startVad(classifier);
      analysis = createVoiceAnalysis({
        channel: mic.channel,
        verdict: switched,
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
        onScores: (s) => {
          if (stats.inferenceMs.length < 10000) stats.inferenceMs.push(s.inferenceMs);
          for (const l of scoreListeners) l(s);
        },
        onError: (e) => update({ classifyError: e.message }),
      });
      timer = setInterval(tick, options.tickMs ?? 100);
    },
    setMuted(muted) {
      mic.setMuted(muted);
    },
    getStatus: () => status,
    subscribeScores(listener) {
      scoreListeners.add(listener);
      return () => scoreListeners.delete(listener);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats,
    capturedSamples: () => mic.channel.ring.written(),
    chatTrack: chat.current,
    subscribeChatTrack: chat.subscribe,
    vadStats: async () => (silero ? silero.stats() : null),
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
      await mic.stop(); // releases the stream: the chat track stops with it
      started = false;
    },
  };
}
