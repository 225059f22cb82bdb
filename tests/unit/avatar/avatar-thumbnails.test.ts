import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedAvatarThumbnailUrl } from '../../../src/avatar/avatar-thumbnails';
import { SHIPPED_AVATARS } from '../../../src/avatar/shipped-avatars';
import { sha256File, THUMBNAIL_SIZE_PX, THUMBNAILS_DIR, type ThumbnailRecord } from '../../../scripts/tools/avatar-thumbnails';

const AVATARS_DIR = join(THUMBNAILS_DIR, '..');
/** Each picture's budget: seven of them load with the landing page. */
const MAX_THUMBNAIL_BYTES = 12_000;
const REGENERATE = 'run `npx tsx scripts/tools/avatar-thumbnails.ts` and commit the pictures';

/** Width and height of a WebP (lossy VP8, lossless VP8L or extended VP8X). */
function webpSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WEBP') throw new Error('not a WebP file');
  const chunk = bytes.toString('ascii', 12, 16);
  if (chunk === 'VP8 ') return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
  throw new Error(`unknown WebP chunk ${chunk}`);
}

describe('avatar pictures', () => {
  const manifest = JSON.parse(readFileSync(join(THUMBNAILS_DIR, 'manifest.json'), 'utf8')) as { thumbnails: ThumbnailRecord[] };

  it('exist for every shipped avatar and show its current VRM (else they are stale)', () => {
    for (const avatar of SHIPPED_AVATARS) {
      const record = manifest.thumbnails.find((t) => t.id === avatar.id);
      expect(record, `${avatar.id} has no picture: ${REGENERATE}`).toBeDefined();
      expect(record?.vrm).toBe(avatar.file);
      expect(record?.vrmSha256, `${avatar.id}'s picture shows an older ${avatar.file}: ${REGENERATE}`).toBe(sha256File(join(AVATARS_DIR, avatar.file)));
    }
    expect(manifest.thumbnails.map((t) => t.id).sort()).toEqual(SHIPPED_AVATARS.map((a) => a.id).sort());
  });

  it('are small square WebP files that the app resolves', () => {
    for (const avatar of SHIPPED_AVATARS) {
      const path = join(THUMBNAILS_DIR, `${avatar.id}.webp`);
      const bytes = readFileSync(path);
      expect(webpSize(bytes)).toEqual({ width: THUMBNAIL_SIZE_PX, height: THUMBNAIL_SIZE_PX });
      expect(statSync(path).size).toBeLessThanOrEqual(MAX_THUMBNAIL_BYTES);
      expect(shippedAvatarThumbnailUrl(avatar.id)).toMatch(new RegExp(`${avatar.id}\\.webp`));
    }
    expect(shippedAvatarThumbnailUrl('no-such-avatar')).toBeNull();
  });
});
