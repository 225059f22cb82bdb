import type { Object3D } from 'three';
import type { AvatarInstance } from './avatar-instance';

/** A live avatar in the scene, as the test hook and look-at logic see it. */
export interface DirectoryEntry {
  readonly key: string;
  name: string;
  avatar: AvatarInstance;
  /** Object at eye height that other avatars look at. */
  readonly head: Object3D;
}

/** Registry of the avatars currently in the scene (own mirror under key 'self'). */
export interface AvatarDirectory {
  set(entry: DirectoryEntry): void;
  remove(key: string, avatar: AvatarInstance): void;
  get(key: string): DirectoryEntry | undefined;
  /** Looks up by session id first, then by display name. */
  find(keyOrName: string): DirectoryEntry | undefined;
  readonly size: number;
  entries(): IterableIterator<DirectoryEntry>;
}

/** Creates an empty directory (one per app instance). */
export function createAvatarDirectory(): AvatarDirectory {
  const map = new Map<string, DirectoryEntry>();
  return {
    set: (entry) => void map.set(entry.key, entry),
    remove(key, avatar) {
      if (map.get(key)?.avatar === avatar) map.delete(key);
    },
    get: (key) => map.get(key),
    find(keyOrName) {
      const byKey = map.get(keyOrName);
      if (byKey) return byKey;
      for (const entry of map.values()) if (entry.name === keyOrName) return entry;
      return undefined;
    },
    get size() {
      return map.size;
    },
    entries: () => map.values(),
  };
}
