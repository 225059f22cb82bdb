/**
 * What this device remembers of its visitor between visits, in localStorage: the display name,
 * the avatar and whether they allowed the microphone. "Forget me" removes all of it. Nothing
 * here is sent anywhere.
 */

/** The remembered profile; empty fields are not remembered. */
export interface RememberedProfile {
  readonly name: string;
  /** A shipped avatar's id or an uploaded avatar's id; '' for none. */
  readonly avatarId: string;
  /** The visitor pressed "Allow microphone" on this device. */
  readonly micConsent: boolean;
}

/** The profile of a device that remembers nothing. */
export const EMPTY_PROFILE: RememberedProfile = Object.freeze({ name: '', avatarId: '', micConsent: false });

/** Where the profile lives in localStorage. */
export const PROFILE_STORAGE_KEY = 'emotone.profile';

/** Longest name or avatar id kept (longer stored text is treated as damage and dropped). */
const MAX_TEXT_LENGTH = 200;

const text = (value: unknown): string => (typeof value === 'string' && value.length <= MAX_TEXT_LENGTH ? value : '');

/** Reads the remembered profile; anything missing, malformed or unreadable reads as not remembered. */
export function loadProfile(storage: Pick<Storage, 'getItem'> | null): RememberedProfile {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(storage?.getItem(PROFILE_STORAGE_KEY) ?? 'null');
  } catch {
    parsed = null;
  }
  if (typeof parsed !== 'object' || parsed === null) return EMPTY_PROFILE;
  const stored = parsed as Record<string, unknown>;
  return { name: text(stored.name), avatarId: text(stored.avatarId), micConsent: stored.micConsent === true };
}

/** Remembers `change` on top of what is remembered already; false when storage refused it (full, private mode). */
export function saveProfile(storage: Pick<Storage, 'getItem' | 'setItem'>, change: Partial<RememberedProfile>): boolean {
  const next = { ...loadProfile(storage), ...change };
  try {
    storage.setItem(PROFILE_STORAGE_KEY, JSON.stringify({ name: text(next.name), avatarId: text(next.avatarId), micConsent: next.micConsent === true }));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the profile. */
export function forgetProfile(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(PROFILE_STORAGE_KEY);
}

/** The remembered profile as the page uses it: read, change, forget, and be told of changes. */
export interface ProfileMemory {
  get(): RememberedProfile;
  remember(change: Partial<RememberedProfile>): void;
  forget(): void;
  subscribe(listener: () => void): () => void;
}

/** Creates the page's profile memory over `storage` (null: remembers for this page only). */
export function createProfileMemory(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): ProfileMemory {
  let current = loadProfile(storage);
  const listeners = new Set<() => void>();
  const set = (next: RememberedProfile): void => {
    current = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => current,
    remember(change) {
      const next = { ...current, ...change };
      if (next.name === current.name && next.avatarId === current.avatarId && next.micConsent === current.micConsent) return;
      if (storage) saveProfile(storage, next);
      set(next);
    },
    forget() {
      if (storage) forgetProfile(storage);
      set(EMPTY_PROFILE);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
