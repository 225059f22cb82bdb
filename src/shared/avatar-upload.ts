/**
 * Contract of the avatar upload endpoint, shared by the room server and the client.
 *
 * POST {@link AVATAR_UPLOAD_PATH} with the raw .vrm bytes as the body (any content type,
 * at most LIMITS.avatarUploadMaxBytes). Success: 201 (new) or 200 (already stored) with an
 * {@link AvatarUploadResponse}. Failure: 4xx with an {@link HttpErrorBody}
 * (400 not a VRM GLB, 411 no length, 413 too large).
 */

/** Where avatars are uploaded (POST) and served from (GET `${AVATAR_UPLOAD_PATH}/<id>.vrm`). */
export const AVATAR_UPLOAD_PATH = '/api/avatars';

/** Prefix of the avatarId a player sets after uploading: `upload:<sha256 hex>`. */
export const UPLOADED_AVATAR_PREFIX = 'upload:';

/** What a successful upload answers. */
export interface AvatarUploadResponse {
  /** sha256 of the file, lowercase hex (64 characters). */
  id: string;
  /** Same-origin URL the file is served from, e.g. `/api/avatars/<id>.vrm`. */
  url: string;
  /** The avatarId to put in the player's profile: `upload:<id>`. */
  avatarId: string;
}

/** Body of every error answer of the room server's HTTP endpoints. */
export interface HttpErrorBody {
  error: string;
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** True when `id` is a content hash as the server issues them. */
export function isAvatarHash(id: string): boolean {
  return HASH_PATTERN.test(id);
}

/** The URL an uploaded avatar is served from. */
export function uploadedAvatarUrl(hash: string): string {
  return `${AVATAR_UPLOAD_PATH}/${hash}.vrm`;
}

/** The served URL for an `upload:<hash>` avatarId, or null when the id is not an upload. */
export function urlForUploadedAvatarId(avatarId: string): string | null {
  if (!avatarId.startsWith(UPLOADED_AVATAR_PREFIX)) return null;
  const hash = avatarId.slice(UPLOADED_AVATAR_PREFIX.length);
  return isAvatarHash(hash) ? uploadedAvatarUrl(hash) : null;
}
