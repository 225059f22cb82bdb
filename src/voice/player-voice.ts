/**
 * The player's voice bound to the app store: the shipped model and worker, emotion and speaking
 * level written to the store, the store's mute applied to the microphone, and a short history of
 * what the pipeline reported (for the diagnostics hook and the latency benchmark).
 */
// Silero VAD v5, shipped inside @ricky0123/vad-web (the model is MIT-licensed); a build asset served by this server.
import sileroVadUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';
import labelsJson from '../../models/labels.json';
import { CAPTURE_WORKLET_URL } from '../audio/capture-worklet-url';
import { parseModelContract, type ModelContract } from '../emotion/model-contract';
import { spawnClassifierWorker } from '../emotion/worker/main-thread-spawn';
import type { AppStore } from '../state';
import { createVoicePipeline, type VoicePipeline } from './voice-pipeline';
import type { VoiceSettings } from './voice-settings';

// A glob, not a plain import: a build made before the model exists still works (manual picker only).
const modelUrls = import.meta.glob('../../models/emotion.onnx', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/** Entries kept per history list, so a long session cannot grow memory. */
const HISTORY_LIMIT = 1000;

/** What the pipeline reported, with wall-clock times (Date.now, comparable across pages). */
export interface VoiceHistory {
  /** Every label change. */
  readonly labels: readonly { readonly label: string; readonly atMs: number }[];
  /** When stretches of speech began (VAD onsets). */
  readonly speechOnsets: readonly number[];
}

/** The voice pipeline of this page's player, with its history. */
export interface PlayerVoice extends VoicePipeline {
  readonly history: VoiceHistory;
  /** The shipped model's contract (label order of every window's probabilities). */
  readonly contract: ModelContract;
}

/** Creates the player's voice pipeline and binds it to `store`; nothing starts until `start()`. */
export function createPlayerVoice(store: AppStore, settings: VoiceSettings): PlayerVoice {
  const labels: { label: string; atMs: number }[] = [];
  const speechOnsets: number[] = [];
  const contract = parseModelContract(labelsJson);
  const pipeline = createVoicePipeline({
    settings,
    contract,
    modelUrl: Object.values(modelUrls)[0] ?? null,
    vadModelUrl: sileroVadUrl,
    workletUrl: CAPTURE_WORKLET_URL,
    spawnWorker: spawnClassifierWorker,
    onEmotion: (state) => {
      if (labels.length < HISTORY_LIMIT && labels.at(-1)?.label !== state.label) labels.push({ label: state.label, atMs: Date.now() });
      store.setSelfEmotion(state);
    },
    onSpeaking: store.setSpeaking,
    onSpeechStart: (msAgo) => void (speechOnsets.length < HISTORY_LIMIT && speechOnsets.push(Date.now() - msAgo)),
  });
  // One mute: the store's (HUD button, XR menu). Muting stops analysis; the pipeline then reports nothing.
  pipeline.setMuted(store.getState().self.muted);
  store.subscribe((state, previous) => {
    if (state.self.muted !== previous.self.muted) pipeline.setMuted(state.self.muted);
  });
  return Object.assign(pipeline, { history: { labels, speechOnsets }, contract });
}
