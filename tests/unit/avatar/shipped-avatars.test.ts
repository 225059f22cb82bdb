import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AVATAR_ID,
  findShippedAvatar,
  SHIPPED_AVATARS,
  shippedAvatarUrl,
} from '../../../src/avatar';

describe('shipped avatar list', () => {
  it('lists files that exist, with a default among them', () => {
    for (const a of SHIPPED_AVATARS) expect(existsSync(join(import.meta.dirname, '../../../assets/avatars', a.file)), a.file).toBe(true);
    expect(findShippedAvatar(DEFAULT_AVATAR_ID)?.id).toBe(DEFAULT_AVATAR_ID);
    expect(findShippedAvatar('no-such-avatar')).toBeUndefined();
    expect(findShippedAvatar('upload:abc')).toBeUndefined();
  });

  it('resolves a URL for every shipped id through Vite, and null for unknown ids', () => {
    for (const a of SHIPPED_AVATARS) {
      const url = shippedAvatarUrl(a.id);
      expect(url, a.id).toBeTypeOf('string');
      expect(url).toContain(a.file.replace('.vrm', ''));
    }
    expect(shippedAvatarUrl('nope')).toBeNull();
  });

  it('is frozen so no caller can change it for everyone', () => {
    expect(Object.isFrozen(SHIPPED_AVATARS)).toBe(true);
    expect(Object.isFrozen(SHIPPED_AVATARS[0])).toBe(true);
  });
});
