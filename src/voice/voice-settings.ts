/**
 * Voice settings from the URL (tests, links) with localStorage as the remembered choice:
 * `?voice=on` starts the microphone without the consent click (tests only: the fake-UI browser
 * grants it), `?ortBackend=auto|wasm|webgpu`, `?ortThreads=N`, `?micProcessing=off`.
 */
import type { BackendPreference } from '../emotion/emotion-classifier';

/** What the voice pipeline can be told. */
export interface VoiceSettings {
  /** Start capture at load instead of waiting for the consent button. */
  readonly autoStart: boolean;
  readonly backend: BackendPreference;
  /** WASM threads; 0 = ORT's default (min(4, cores/2)). */
  readonly numThreads: number;
  /** Browser echo cancellation / noise suppression / AGC. */
  readonly micProcessing: boolean;
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
  return {
    autoStart: q.get('voice') === 'on',
    backend: backend === 'wasm' || backend === 'webgpu' ? backend : 'auto',
    numThreads: Number.isInteger(threads) && threads >= 0 && threads <= 16 ? threads : 0,
    micProcessing: (q.get('micProcessing') ?? (stored.micProcessing === false ? 'off' : 'on')) !== 'off',
  };
}

/** Remembers the backend choice made in the panel. */
export function saveBackendPreference(storage: Pick<Storage, 'getItem' | 'setItem'>, backend: BackendPreference): void {
  const current = parseVoiceSettings('', storage);
  storage.setItem(STORAGE_KEY, JSON.stringify({ backend, numThreads: current.numThreads, micProcessing: current.micProcessing }));
}
