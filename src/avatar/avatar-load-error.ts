/** Why an avatar file could not be used. */
export const AvatarLoadErrorCode = {
  /** The URL could not be fetched (network error or HTTP status). */
  fetchFailed: 'fetch-failed',
  /** The bytes are not a binary glTF (GLB) file. */
  notGlb: 'not-glb',
  /** A valid GLB without a VRMC_vrm (1.0) or VRM (0.x) extension. */
  noVrmExtension: 'no-vrm-extension',
  /** three / three-vrm failed to build the model. */
  parseFailed: 'parse-failed',
  /** The file is larger than the caller allows. */
  tooLarge: 'too-large',
} as const;
/** One reason code of {@link AvatarLoadError}. */
export type AvatarLoadErrorCode = (typeof AvatarLoadErrorCode)[keyof typeof AvatarLoadErrorCode];

const messages: Readonly<Record<AvatarLoadErrorCode, string>> = {
  'fetch-failed': 'The avatar file could not be downloaded.',
  'not-glb': 'This file is not a VRM model (not a binary glTF file).',
  'no-vrm-extension': 'This glTF file is not a VRM avatar (no VRM data inside).',
  'parse-failed': 'The VRM file is damaged or uses features we cannot read.',
  'too-large': 'The avatar file is too large.',
};

/**
 * A typed failure of {@link loadVrm}: `code` for programs, `message` is a sentence a player can
 * read. Callers keep the player's current (shipped) avatar when they catch one.
 */
export class AvatarLoadError extends Error {
  override readonly name = 'AvatarLoadError';
  readonly code: AvatarLoadErrorCode;

  constructor(code: AvatarLoadErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${messages[code]} (${detail})` : messages[code], options);
    this.code = code;
  }
}

/** True when `error` is an {@link AvatarLoadError}, optionally of the given code. */
export function isAvatarLoadError(error: unknown, code?: AvatarLoadErrorCode): error is AvatarLoadError {
  return error instanceof AvatarLoadError && (code === undefined || error.code === code);
}
