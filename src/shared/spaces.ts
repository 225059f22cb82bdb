/**
 * Spaces: one room per space name. Public names are chosen by people (`team-standup`) and listed
 * in the lobby; private codes are random, unguessable and never listed.
 */

/** The space of a join that names none: the lobby, as before spaces had names. */
export const DEFAULT_SPACE = 'lobby';

/** Longest public space name. */
export const SPACE_NAME_MAX_LENGTH = 32;

/** Private codes start with this character, which public names cannot contain. */
export const PRIVATE_SPACE_PREFIX = '_';

/** Alphabet of private codes: RFC 4648 base32, lower case (5 bits a character). */
export const PRIVATE_CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Random characters in a private code: 20 × 5 = 100 bits. */
export const PRIVATE_CODE_LENGTH = 20;

/** A public name: lower-case letters, digits and inner hyphens. */
export const PUBLIC_SPACE_PATTERN = new RegExp(`^[a-z0-9](?:[a-z0-9-]{0,${SPACE_NAME_MAX_LENGTH - 2}}[a-z0-9])?$`);

/** A private code as {@link createPrivateSpaceCode} makes it. */
export const PRIVATE_SPACE_PATTERN = new RegExp(`^${PRIVATE_SPACE_PREFIX}[${PRIVATE_CODE_ALPHABET}]{${PRIVATE_CODE_LENGTH}}$`);

/** True for a private code (never listed in the lobby). */
export function isPrivateSpace(space: string): boolean {
  return PRIVATE_SPACE_PATTERN.test(space);
}

/** Minimal source of cryptographic randomness (Web Crypto in browsers and Node ≥ 19). */
export interface RandomBytesSource {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
}

/**
 * A new private space code: {@link PRIVATE_CODE_LENGTH} base32 characters from the platform's
 * cryptographic generator (100 bits), behind {@link PRIVATE_SPACE_PREFIX}.
 */
export function createPrivateSpaceCode(random: RandomBytesSource = globalThis.crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(new ArrayBuffer(PRIVATE_CODE_LENGTH)));
  let code = PRIVATE_SPACE_PREFIX;
  // 256 is a multiple of 32, so the low 5 bits of each byte are uniform.
  for (const byte of bytes) code += PRIVATE_CODE_ALPHABET[byte & 31];
  return code;
}

/** One public space in the lobby list. */
export interface SpaceSummary {
  readonly space: string;
  readonly players: number;
  readonly spectators: number;
  readonly maxPlayers: number;
  /** Every player seat is taken (spectating is still possible). */
  readonly full: boolean;
}

/** Body of GET {@link SPACE_LIST_PATH}. */
export interface SpaceListResponse {
  readonly spaces: readonly SpaceSummary[];
}

/** The room server's lobby list of public spaces. */
export const SPACE_LIST_PATH = '/api/spaces';

/** How often the landing page refreshes the lobby list. */
export const SPACE_LIST_REFRESH_MS = 3000;

/** Most spaces the lobby list returns (the fullest first). */
export const SPACE_LIST_MAX = 50;
