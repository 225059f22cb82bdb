/**
 * Wires the voice pipeline into a player page: settings, model files, the store (emotion,
 * speaking level, mute), the panel, and a read-only test hook. Called once by main.tsx.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import labelsJson from '../../models/labels.json';
import { CAPTURE_WORKLET_URL } from '../audio/capture-worklet-url';
import { parseModelContract } from '../emotion/model-contract';
import { spawnClassifierWorker } from '../emotion/worker/main-thread-spawn';
import type { AppStore } from '../state';
import { VoicePanel } from '../ui/VoicePanel';
import { createVoicePipeline, type VoicePipeline, type VoiceStats, type VoiceStatus } from '../voice/voice-pipeline';
import { parseVoiceSettings } from '../voice/voice-settings';

// A glob, not a plain import: a build made before the model exists still works (manual picker only).
const modelUrls = import.meta.glob('../../models/emotion.onnx', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/** Read-only view for tests and the benchmark (`window.__emotoneVoice`). */
export interface VoiceTestHook {
  readonly status: VoiceStatus;
  readonly stats: Readonly<VoiceStats>;
  /** Every label change the pipeline reported, with its wall-clock time (Date.now, comparable across pages). */
  readonly labels: readonly { label: string; atMs: number }[];
  /** Wall-clock times at which stretches of speech began (VAD onsets). */
  readonly speechOnsets: readonly number[];
  /** 16 kHz samples captured so far, read at wall-clock `atMs`. */
  readonly captured: { samples: number; atMs: number };
  /** Diagnostics for the benchmark and parity tests: see VoicePipeline.measureInference. */
  measureInference(runs: number): Promise<{ inferenceMs: number; probabilities: number[] }[]>;
}

declare global {
  interface Window {
    __emotoneVoice?: VoiceTestHook;
  }
}

/** Creates the player's voice pipeline, binds it to the store and shows its panel. */
export function setUpPlayerVoice(store: AppStore, search = location.search): VoicePipeline {
  const settings = parseVoiceSettings(search, globalThis.localStorage ?? null);
  const labels: { label: string; atMs: number }[] = [];
  const speechOnsets: number[] = [];
  const voice = createVoicePipeline({
    settings,
    contract: parseModelContract(labelsJson),
    modelUrl: Object.values(modelUrls)[0] ?? null,
    workletUrl: CAPTURE_WORKLET_URL,
    spawnWorker: spawnClassifierWorker,
    onEmotion: (state) => {
      if (labels.length < 1000 && labels.at(-1)?.label !== state.label) labels.push({ label: state.label, atMs: Date.now() });
      store.setSelfEmotion(state);
    },
    onSpeaking: store.setSpeaking,
    onSpeechStart: (msAgo) => void (speechOnsets.length < 1000 && speechOnsets.push(Date.now() - msAgo)),
  });
  // One mute: the store's (HUD button, XR menu). Muting stops analysis; the pipeline then reports nothing.
  voice.setMuted(store.getState().self.muted);
  store.subscribe((state, previous) => {
    if (state.self.muted !== previous.self.muted) voice.setMuted(state.self.muted);
  });
  const host = document.createElement('div');
  host.id = 'voice-root';
  document.body.insertBefore(host, document.body.firstChild); // above #root: on the landing page it sits in the flow
  createRoot(host).render(createElement(VoicePanel, { voice, store }));
  Object.defineProperty(window, '__emotoneVoice', {
    value: Object.freeze({ get status() { return voice.getStatus(); }, get stats() { return voice.stats; }, get labels() { return labels; }, get speechOnsets() { return speechOnsets; },
      get captured() { return { samples: voice.capturedSamples(), atMs: Date.now() }; },
      measureInference: (runs: number) => voice.measureInference(runs) }),
    writable: false,
  });
  if (settings.autoStart) void voice.start();
  return voice;
}
