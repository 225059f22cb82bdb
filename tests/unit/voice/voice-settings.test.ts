import { describe, expect, it } from 'vitest';
import { parseVoiceSettings, saveBackendPreference, saveVadPreference } from '../../../src/voice/voice-settings';

/** A Storage stand-in: a Map behind the two methods the settings use. */
function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('voice settings', () => {
  it('defaults: consent click needed, auto backend, ORT picks threads, browser processing on, Silero VAD', () => {
    expect(parseVoiceSettings('')).toEqual({ autoStart: false, backend: 'auto', numThreads: 0, micProcessing: true, vad: 'silero' });
  });

  it('reads the URL: ?voice=on&ortBackend=webgpu&ortThreads=2&micProcessing=off&vad=energy', () => {
    expect(parseVoiceSettings('?voice=on&ortBackend=webgpu&ortThreads=2&micProcessing=off&vad=energy')).toEqual({
      autoStart: true,
      backend: 'webgpu',
      numThreads: 2,
      micProcessing: false,
      vad: 'energy',
    });
  });

  it('ignores nonsense values', () => {
    expect(parseVoiceSettings('?ortBackend=cuda&ortThreads=-3')).toMatchObject({ backend: 'auto', numThreads: 0 });
    expect(parseVoiceSettings('?ortThreads=2.5')).toMatchObject({ numThreads: 0 });
    expect(parseVoiceSettings('?vad=webrtc')).toMatchObject({ vad: 'silero' });
  });

  it('remembers the backend chosen in the panel; the URL still wins', () => {
    const storage = memoryStorage();
    saveBackendPreference(storage, 'wasm');
    expect(parseVoiceSettings('', storage).backend).toBe('wasm');
    expect(parseVoiceSettings('?ortBackend=webgpu', storage).backend).toBe('webgpu');
  });

  it('remembers the VAD chosen in the panel beside the backend; the URL still wins', () => {
    const storage = memoryStorage();
    saveBackendPreference(storage, 'wasm');
    saveVadPreference(storage, 'energy');
    expect(parseVoiceSettings('', storage)).toMatchObject({ backend: 'wasm', vad: 'energy' });
    expect(parseVoiceSettings('?vad=silero', storage).vad).toBe('silero');
    saveBackendPreference(storage, 'auto');
    expect(parseVoiceSettings('', storage)).toMatchObject({ backend: 'auto', vad: 'energy' });
  });

  it('survives corrupt storage', () => {
    expect(parseVoiceSettings('', { getItem: () => '{nope' }).backend).toBe('auto');
  });
});
