import type { AppState, BlockedPlayer, PeerState } from './app-state';

/**
 * Who this device blocked from voice chat, matched by display name and avatar (the only identity
 * a player keeps from one join to the next), and remembered in localStorage between visits.
 * Nothing here is sent anywhere: the room only ever hears "block this session".
 */

/** Where the block list lives in localStorage. */
export const BLOCKED_STORAGE_KEY = 'emotone.blocked';

/** Most blocks remembered (oldest forgotten first): a bound on what a damaged store can load. */
export const MAX_BLOCKED = 200;

/** Longest name or avatar id kept (longer stored text is damage). */
const MAX_TEXT_LENGTH = 200;

/** True when `a` and `b` name the same player (same display name and avatar). */
export function isSamePlayer(a: BlockedPlayer, b: BlockedPlayer): boolean {
  return a.name === b.name && a.avatarId === b.avatarId;
}

/** True when `peer` matches an entry of `blocked`. */
export function isBlockedPeer(blocked: readonly BlockedPlayer[], peer: Pick<PeerState, 'name' | 'avatarId'>): boolean {
  return blocked.some((b) => isSamePlayer(b, peer));
}

/** Session ids of the peers this device blocks right now. */
export function blockedSessionIds(state: Pick<AppState, 'peers' | 'blocked'>): Set<string> {
  const ids = new Set<string>();
  if (state.blocked.length === 0) return ids;
  for (const id in state.peers) {
    const peer = state.peers[id];
    if (peer && isBlockedPeer(state.blocked, { name: peer.name, avatarId: peer.avatarId })) ids.add(id);
  }
  return ids;
}

const isEntry = (value: unknown): value is BlockedPlayer => {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.avatarId === 'string'
    && v.name.length <= MAX_TEXT_LENGTH && v.avatarId.length <= MAX_TEXT_LENGTH;
};

/** Reads the remembered block list; anything missing or malformed reads as empty (bad entries are skipped). */
export function loadBlocked(storage: Pick<Storage, 'getItem'> | null): BlockedPlayer[] {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(storage?.getItem(BLOCKED_STORAGE_KEY) ?? 'null');
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(isEntry).slice(-MAX_BLOCKED).map((b) => ({ name: b.name, avatarId: b.avatarId }));
}

/** Remembers the block list; false when storage refused it (full, private mode). */
export function saveBlocked(storage: Pick<Storage, 'setItem'>, blocked: readonly BlockedPlayer[]): boolean {
  try {
    storage.setItem(BLOCKED_STORAGE_KEY, JSON.stringify(blocked.slice(-MAX_BLOCKED).map((b) => ({ name: b.name, avatarId: b.avatarId }))));
    return true;
  } catch {
    return false;
  }
}
