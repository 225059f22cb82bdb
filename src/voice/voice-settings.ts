/**
 * Voice settings from the URL (tests, links) with localStorage as the remembered choice:
 * `?voice=on` starts the microphone without the consent click (tests only: the fake-UI browser
 * grants it), `?ortBackend=auto|wasm|webgpu`, `?ortThreads=N`, `?micProcessing=off`,
 * `?vad=silero|energy`.
 */
import type { BackendPreference } from '../emotion/emotion-classifier';

/** Which voice-activity detector decides when the emotion model listens (src/audio/VAD.md). */
export const VadChoice = {
  /** Silero VAD v5 in the classifier worker (the default; holds up in household noise). */
  silero: 'silero',
  /** The worklet's energy detector (no model; also the fallback when Silero cannot run). */
  energy: 'energy',
} as const;
/** One of {@link VadChoice}. */
export type VadChoice = (typeof VadChoice)[keyof typeof VadChoice];

/** What the voice pipeline can be told. */
export interface VoiceSettings {
  /** Start capture at load instead of waiting for the consent button. */
  readonly autoStart: boolean;
  readonly backend: BackendPreference;
  /** WASM threads; 0 = ORT's default (min(4, cores/2)). */
  readonly numThreads: number;
  /** Browser echo cancellation / noise suppression / AGC. */
  readonly micProcessing: boolean;
  readonly vad: VadChoice;
}

const STORAGE_KEY = 'emotone.voice';

/** Parses the settings. Pure apart from the optional storage read. */
export function parseVoiceSettings(search: string, storage: Pick<Storage, 'getItem'> | null = null): VoiceSettings {
  let stored: Partial<VoiceSettings> = {};
  try {
    stored = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}') as Partial<VoiceSettings>;
  } catch {
    stored = {};
  }
  const q = new URLSearchParams(search);
  const backend = q.get('ortBackend') ?? stored.backend;
  const threads = Number(q.get('ortThreads') ?? stored.numThreads ?? 0);
  const vad = q.get('vad') ?? stored.vad;
  return {
    autoStart: q.get('voice') === 'on',
    backend: backend === 'wasm' || backend === 'webgpu' ? backend : 'auto',
    numThreads: Number.isInteger(threads) && threads >= 0 && threads <= 16 ? threads : 0,
    micProcessing: (q.get('micProcessing') ?? (stored.micProcessing === false ? 'off' : 'on')) !== 'off',
    vad: vad === VadChoice.energy ? VadChoice.energy : VadChoice.silero,
  };
}

/** The choices the panel remembers (the URL still wins over them). */
type RememberedChoice = Pick<VoiceSettings, 'backend' | 'vad'>;

function remember(storage: Pick<Storage, 'getItem' | 'setItem'>, choice: Partial<RememberedChoice>): void {
  const { backend, numThreads, micProcessing, vad } = parseVoiceSettings('', storage);
  storage.setItem(STORAGE_KEY, JSON.stringify({ backend, numThreads, micProcessing, vad, ...choice }));
}

/** Remembers the backend choice made in the panel. */
export function saveBackendPreference(storage: Pick<Storage, 'getItem' | 'setItem'>, backend: BackendPreference): void {
  remember(storage, { backend });
}

/** Remembers the voice-activity detector chosen in the panel. */
export function saveVadPreference(storage: Pick<Storage, 'getItem' | 'setItem'>, vad: VadChoice): void {
  remember(storage, { vad });
}
