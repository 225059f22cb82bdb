import { describe, expect, it } from 'vitest';
import { BLOCKED_STORAGE_KEY, createAppStore, loadBlocked, MAX_BLOCKED, saveBlocked } from '../../../src/state';

const memoryStorage = (initial: string | null = null) => {
  let value = initial;
  return { getItem: () => value, setItem: (_key: string, v: string) => void (value = v), read: () => value };
};

describe('block list', () => {
  it('blocks and unblocks by display name and avatar, once each', () => {
    const store = createAppStore();
    store.setBlocked({ name: 'Mallory', avatarId: 'sunny' }, true);
    store.setBlocked({ name: 'Mallory', avatarId: 'sunny' }, true);
    store.setBlocked({ name: 'Mallory', avatarId: 'fox' }, true);
    expect(store.getState().blocked).toEqual([{ name: 'Mallory', avatarId: 'sunny' }, { name: 'Mallory', avatarId: 'fox' }]);
    const before = store.getState().blocked;
    store.setBlocked({ name: 'Bob', avatarId: 'sunny' }, false);
    expect(store.getState().blocked).toBe(before);
    store.setBlocked({ name: 'Mallory', avatarId: 'sunny' }, false);
    expect(store.getState().blocked).toEqual([{ name: 'Mallory', avatarId: 'fox' }]);
  });

  it('remembers the list in storage and reads damage as nothing', () => {
    const storage = memoryStorage();
    expect(saveBlocked(storage, [{ name: 'M', avatarId: 'a' }])).toBe(true);
    expect(storage.read()).toBe('[{"name":"M","avatarId":"a"}]');
    expect(loadBlocked(storage)).toEqual([{ name: 'M', avatarId: 'a' }]);
    expect(loadBlocked(null)).toEqual([]);
    expect(loadBlocked(memoryStorage('{not json'))).toEqual([]);
    expect(loadBlocked(memoryStorage('{"name":"M"}'))).toEqual([]);
    expect(loadBlocked(memoryStorage('[{"name":"M","avatarId":"a","x":1},{"name":5},null,{"name":"N","avatarId":"' + 'z'.repeat(201) + '"}]')))
      .toEqual([{ name: 'M', avatarId: 'a' }]);
    const many = Array.from({ length: MAX_BLOCKED + 5 }, (_, i) => ({ name: `P${i}`, avatarId: '' }));
    expect(loadBlocked(memoryStorage(JSON.stringify(many)))).toHaveLength(MAX_BLOCKED);
    expect(saveBlocked({ setItem: () => { throw new Error('full'); } }, [])).toBe(false);
    expect(BLOCKED_STORAGE_KEY).toBe('emotone.blocked');
  });
});
