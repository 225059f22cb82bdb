import { AVATAR_UPLOAD_PATH, type AvatarUploadResponse } from '../shared/avatar-upload';
import { readGlb } from '../shared/glb';
import { LIMITS } from '../shared/protocol';

/** A readable reason why an avatar file was refused. */
export class AvatarUploadError extends Error {
  override readonly name = 'AvatarUploadError';
}

const MB = 1024 * 1024;

/**
 * Checks size and the GLB container locally (the same reader the server uses), so obvious
 * mistakes get an answer without a round trip.
 */
export async function checkVrmFile(bytes: ArrayBuffer): Promise<void> {
  if (bytes.byteLength > LIMITS.avatarUploadMaxBytes) {
    throw new AvatarUploadError(`The file is ${(bytes.byteLength / MB).toFixed(1)} MB; the limit is ${LIMITS.avatarUploadMaxBytes / MB} MB.`);
  }
  const glb = readGlb(bytes);
  if (!glb.ok) throw new AvatarUploadError(`This is not a VRM file: ${glb.reason}`);
  if (!glb.vrmVersion) throw new AvatarUploadError('This glTF file is not a VRM avatar (it has no VRM data inside).');
}

/** Uploads VRM bytes to the room server; resolves to the avatarId every peer can load. */
export async function uploadAvatar(bytes: ArrayBuffer, fetchFn: typeof fetch = fetch): Promise<AvatarUploadResponse> {
  await checkVrmFile(bytes);
  let response: Response;
  try {
    response = await fetchFn(AVATAR_UPLOAD_PATH, { method: 'POST', body: bytes, headers: { 'Content-Type': 'model/gltf-binary' } });
  } catch {
    throw new AvatarUploadError('The server could not be reached to upload the avatar.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const reason = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : `HTTP ${response.status}`;
    throw new AvatarUploadError(`The server refused the avatar: ${reason}`);
  }
  const ok = body as Partial<AvatarUploadResponse> | null;
  if (!ok || typeof ok.avatarId !== 'string') throw new AvatarUploadError('The server answered the upload unexpectedly.');
  return ok as AvatarUploadResponse;
}

/** Downloads a VRM from a URL (same-origin or CORS-enabled) for uploading. */
export async function fetchVrmFromUrl(url: string, fetchFn: typeof fetch = fetch): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetchFn(new URL(url, location.href).href);
  } catch {
    throw new AvatarUploadError('That URL could not be downloaded (offline, or the site does not allow it).');
  }
  if (!response.ok) throw new AvatarUploadError(`That URL answered HTTP ${response.status}.`);
  return response.arrayBuffer();
}
