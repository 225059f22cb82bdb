import { describe, expect, it } from 'vitest';
import {
  isAvatarHash, uploadedAvatarUrl, urlForUploadedAvatarId,
} from '../../../src/shared/avatar-upload';
import { LIMITS } from '../../../src/shared/protocol';
import { avatarIdProblem, isValidAvatarId, sanitizeDisplayName } from '../../../src/shared/text';

describe('sanitizeDisplayName', () => {
  it('removes control, bidi and zero-width characters and collapses whitespace', () => {
    expect(sanitizeDisplayName('\u202eAlice\u202c')).toBe('Alice');
    expect(sanitizeDisplayName('Bo\u0000b\u0007\u001b[31m')).toBe('Bob[31m');
    expect(sanitizeDisplayName('  Ann \t\n  Lee  ')).toBe('Ann Lee');
    expect(sanitizeDisplayName('in\u200bvisible\ufeff')).toBe('invisible');
    expect(sanitizeDisplayName('\u0085\u009f')).toBe('');
  });

  it(`cuts to ${LIMITS.displayNameMaxLength} code points without splitting a surrogate pair`, () => {
    const emoji = '😀'.repeat(40);
    const cut = sanitizeDisplayName(emoji);
    expect(Array.from(cut)).toHaveLength(LIMITS.displayNameMaxLength);
    expect(cut).toBe('😀'.repeat(32));
    expect(sanitizeDisplayName(`${'a'.repeat(31)} b`)).toBe('a'.repeat(31));
  });

  it('keeps markup as literal text (names are rendered as text, never parsed)', () => {
    expect(sanitizeDisplayName('<b>Zed</b>')).toBe('<b>Zed</b>');
  });
});

describe('avatar ids', () => {
  it('accepts names, uploads and same-origin paths; explains rejections', () => {
    for (const id of ['', 'fox', 'avatar-01.vrm', `upload:${'0'.repeat(64)}`, '/assets/avatars/owl.vrm']) {
      expect(isValidAvatarId(id), id).toBe(true);
      expect(avatarIdProblem(id)).toBeNull();
    }
    expect(avatarIdProblem('x'.repeat(LIMITS.avatarIdMaxLength + 1))).toMatch(/longer than/);
    expect(avatarIdProblem('<svg onload=x>')).toMatch(/may only contain/);
    expect(isValidAvatarId('JavaScript:alert(1)')).toBe(false);
    expect(avatarIdProblem('upload:https://evil.example/a.vrm')).toMatch(/64-character id/);
    for (const foreign of ['https://evil.example/a.vrm', '//evil.example/a.vrm', 'data:x', 'blob:abc']) {
      expect(avatarIdProblem(foreign), foreign).toMatch(/another site/);
    }
  });

  it('maps upload ids to their served URL', () => {
    const hash = 'ab'.repeat(32);
    expect(isAvatarHash(hash)).toBe(true);
    expect(isAvatarHash(hash.toUpperCase())).toBe(false);
    expect(uploadedAvatarUrl(hash)).toBe(`/api/avatars/${hash}.vrm`);
    expect(urlForUploadedAvatarId(`upload:${hash}`)).toBe(`/api/avatars/${hash}.vrm`);
    expect(urlForUploadedAvatarId('fox')).toBeNull();
    expect(urlForUploadedAvatarId('upload:../../etc')).toBeNull();
  });
});
