import { describe, expect, it } from 'vitest';
import { createProfileMemory, EMPTY_PROFILE, loadProfile, PROFILE_STORAGE_KEY, saveProfile } from '../../../src/state/remembered-profile';

/** A Web Storage over a Map; `full` makes every write throw as a full (or private-mode) storage does. */
function memoryStorage(full = false) {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('remembered profile', () => {
  it('keeps name, avatar and microphone consent between page loads, and forgets all of them', () => {
    const storage = memoryStorage();
    const first = createProfileMemory(storage);
    expect(first.get()).toEqual(EMPTY_PROFILE);
    first.remember({ name: 'Ada' });
    first.remember({ avatarId: 'luna' });
    first.remember({ micConsent: true });
    expect(createProfileMemory(storage).get()).toEqual({ name: 'Ada', avatarId: 'luna', micConsent: true });
    const second = createProfileMemory(storage);
    second.forget();
    expect(storage.map.has(PROFILE_STORAGE_KEY)).toBe(false);
    expect(second.get()).toEqual(EMPTY_PROFILE);
    expect(createProfileMemory(storage).get()).toEqual(EMPTY_PROFILE);
  });

  it('tells listeners of real changes only', () => {
    const memory = createProfileMemory(memoryStorage());
    let calls = 0;
    const off = memory.subscribe(() => calls++);
    memory.remember({ name: 'Bo' });
    memory.remember({ name: 'Bo' });
    memory.forget();
    off();
    memory.remember({ name: 'Cy' });
    expect(calls).toBe(2);
  });

  it('reads damaged or foreign storage as nothing remembered, field by field', () => {
    const storage = memoryStorage();
    storage.setItem(PROFILE_STORAGE_KEY, '{not json');
    expect(loadProfile(storage)).toEqual(EMPTY_PROFILE);
    storage.setItem(PROFILE_STORAGE_KEY, JSON.stringify({ name: 42, avatarId: 'x'.repeat(500), micConsent: 'yes' }));
    expect(loadProfile(storage)).toEqual(EMPTY_PROFILE);
    storage.setItem(PROFILE_STORAGE_KEY, JSON.stringify({ name: 'Di', avatarId: 7, micConsent: true }));
    expect(loadProfile(storage)).toEqual({ name: 'Di', avatarId: '', micConsent: true });
    expect(loadProfile(null)).toEqual(EMPTY_PROFILE);
  });

  it('keeps working for the page when storage refuses writes or is absent', () => {
    expect(saveProfile(memoryStorage(true), { name: 'Ed' })).toBe(false);
    const refused = createProfileMemory(memoryStorage(true));
    refused.remember({ name: 'Ed' });
    expect(refused.get().name).toBe('Ed');
    const none = createProfileMemory(null);
    none.remember({ avatarId: 'mint' });
    expect(none.get().avatarId).toBe('mint');
  });
});
