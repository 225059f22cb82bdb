import { describe, expect, it } from 'vitest';
import { AvatarUploadError, checkVrmFile } from '../../../src/ui/avatar-upload';
import { describeConnection } from '../../../src/ui/connection-text';
import { shippedBytes } from '../../fixtures/avatars';

describe('describeConnection', () => {
  it('says nothing while connected and offers a retry only where it helps', () => {
    expect(describeConnection({ kind: 'connected', sessionId: 'x' }, 0).text).toBe('');
    expect(describeConnection({ kind: 'reconnecting', attempt: 3, nextDelayMs: 2000, retryAtMs: 0 }, 2)).toEqual({
      text: 'Connection lost. Reconnecting (attempt 3) in 2 s…', retry: false,
    });
    expect(describeConnection({ kind: 'reconnecting', attempt: 1, nextDelayMs: 0, retryAtMs: 0, cause: 'restarting' }, 0)).toEqual({
      text: 'The server is restarting. Rejoining the space (attempt 1) in 0 s…', retry: false,
    });
    expect(describeConnection({ kind: 'room_full' }, 0).retry).toBe(true);
    expect(describeConnection({ kind: 'unreachable', message: 'ECONNREFUSED' }, 0).text).toContain('cannot be reached');
  });
});

describe('checkVrmFile', () => {
  it('accepts a VRM and refuses other, truncated or oversized files with a readable reason', async () => {
    const vrm = shippedBytes('sunny');
    await expect(checkVrmFile(vrm)).resolves.toBeUndefined();
    await expect(checkVrmFile(new TextEncoder().encode('<html>').buffer)).rejects.toThrow(AvatarUploadError);
    await expect(checkVrmFile(vrm.slice(0, 4096))).rejects.toThrow(/truncated/);
    await expect(checkVrmFile(new ArrayBuffer(11 * 1024 * 1024))).rejects.toThrow(/limit is 10 MB/);
  });
});
