import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AVATAR_ID,
  findShippedAvatar,
  isShippedAvatarId,
  SHIPPED_AVATARS,
  shippedAvatarForIndex,
  shippedAvatarUrl,
} from '../../../src/avatar';

describe('shipped avatar list', () => {
  it('lists files that exist, with a default among them', () => {
    for (const a of SHIPPED_AVATARS) expect(existsSync(join(import.meta.dirname, '../../../assets/avatars', a.file)), a.file).toBe(true);
    expect(isShippedAvatarId(DEFAULT_AVATAR_ID)).toBe(true);
    expect(findShippedAvatar('no-such-avatar')).toBeUndefined();
    expect(isShippedAvatarId('sha256:abc')).toBe(false);
  });

  it('resolves a URL for every shipped id through Vite, and null for unknown ids', () => {
    for (const a of SHIPPED_AVATARS) {
      const url = shippedAvatarUrl(a.id);
      expect(url, a.id).toBeTypeOf('string');
      expect(url).toContain(a.file.replace('.vrm', ''));
    }
    expect(shippedAvatarUrl('nope')).toBeNull();
  });

  it('cycles through the list by seat index, including negative indices', () => {
    const n = SHIPPED_AVATARS.length;
    expect(shippedAvatarForIndex(0)).toBe(SHIPPED_AVATARS[0]);
    expect(shippedAvatarForIndex(n + 1)).toBe(SHIPPED_AVATARS[1]);
    expect(shippedAvatarForIndex(-1)).toBe(SHIPPED_AVATARS[n - 1]);
    const firstSix = new Set(Array.from({ length: 6 }, (_, i) => shippedAvatarForIndex(i).id));
    expect(firstSix.size).toBe(6);
  });

  it('is frozen so no caller can change it for everyone', () => {
    expect(Object.isFrozen(SHIPPED_AVATARS)).toBe(true);
    expect(Object.isFrozen(SHIPPED_AVATARS[0])).toBe(true);
  });
});
