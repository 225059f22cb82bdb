import { UPLOADED_AVATAR_PREFIX, urlForUploadedAvatarId } from './avatar-upload';
import { LIMITS } from './protocol';

/**
 * Text rules shared by client and server: display names are shown as plain text only, so the
 * server stores the cleaned form and every peer renders exactly that.
 */

/**
 * C0/C1 control characters plus the bidirectional and zero-width formatting characters that let
 * a name spoof or hide its neighbours (RLO "…txet", invisible names).
 */
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

/**
 * Cleans a display name: removes control and invisible formatting characters, collapses runs of
 * whitespace, trims, and cuts to `LIMITS.displayNameMaxLength` code points (never splitting a
 * surrogate pair). May return '' when nothing visible is left.
 */
export function sanitizeDisplayName(raw: string): string {
  const cleaned = raw.replace(UNSAFE_CHARS, '').replace(/\s+/gu, ' ').trim();
  const codePoints = Array.from(cleaned);
  if (codePoints.length <= LIMITS.displayNameMaxLength) return cleaned;
  return codePoints.slice(0, LIMITS.displayNameMaxLength).join('').trim();
}

/**
 * Avatar ids are opaque tokens: a shipped avatar's name (`fox`), an uploaded file's id
 * (`upload:<sha256>`), or a same-origin path. Printable ASCII without spaces, quotes, angle
 * brackets or backslashes, so an id can never turn into markup or a script URL.
 * The empty string means "the client's default avatar".
 */
const AVATAR_ID_PATTERN = /^[A-Za-z0-9._~:/@+=%-]*$/;

/**
 * Any URL scheme (`https:`, `javascript:`, `data:`…) or protocol-relative `//host`: ids never point
 * peers at another origin (a peer's IP would leak to it). `upload:` is our own id prefix.
 */
const FOREIGN_REFERENCE = /^(?!upload:)[a-z][a-z0-9+.-]*:|^\/\//i;

/** True when `value` is an acceptable avatar id (see AVATAR_ID_PATTERN's rules). */
export function isValidAvatarId(value: string): boolean {
  if (value.startsWith(UPLOADED_AVATAR_PREFIX)) return urlForUploadedAvatarId(value) !== null;
  return value.length <= LIMITS.avatarIdMaxLength && AVATAR_ID_PATTERN.test(value) && !FOREIGN_REFERENCE.test(value);
}

/** Why `value` is not an acceptable avatar id, or null when it is. */
export function avatarIdProblem(value: string): string | null {
  if (value.length > LIMITS.avatarIdMaxLength) {
    return `avatarId is longer than ${LIMITS.avatarIdMaxLength} characters`;
  }
  if (!isValidAvatarId(value)) {
    if (value.startsWith(UPLOADED_AVATAR_PREFIX)) return 'avatarId upload:<id> needs the 64-character id the upload answered';
    return FOREIGN_REFERENCE.test(value)
      ? 'avatarId must not be a URL to another site (use a shipped name or upload:<id>)'
      : 'avatarId may only contain letters, digits and . _ ~ : / @ + = % -';
  }
  return null;
}
