import manifest from '../../assets/avatars/index.json';

/** One avatar the project ships (assets/avatars/index.json, written by `npm run avatars`). */
export interface ShippedAvatar {
  /** Stable id stored in player state, e.g. `"sunny"`. */
  id: string;
  /** Display name. */
  name: string;
  /** File name inside assets/avatars/. */
  file: string;
  /** Main colour as `#rrggbb`, for name tags and roster chips. */
  colour: string;
  /** SPDX licence id of the model. */
  licence: string;
}

/** Every shipped avatar, in manifest order. Usable from the browser bundle and from Node. */
export const SHIPPED_AVATARS: readonly ShippedAvatar[] = Object.freeze(manifest.avatars.map((a) => Object.freeze({ ...a })));

/** The avatar a player gets before choosing, and keeps when their own VRM fails to load. */
export const DEFAULT_AVATAR_ID: string = SHIPPED_AVATARS[0]?.id ?? 'sunny';

/** The shipped avatar with this id, or `undefined`. */
export function findShippedAvatar(id: string): ShippedAvatar | undefined {
  return SHIPPED_AVATARS.find((avatar) => avatar.id === id);
}
