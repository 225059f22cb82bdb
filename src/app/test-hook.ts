import type { XRStore } from '@react-three/xr';
import type { AppStore } from '../state';
import type { SceneServices } from '../scene/scene-services';

/** The read-only view tests get of a running page (`window.__emotone`). Getters only. */
export interface EmotoneTestHook {
  readonly mode: string;
  readonly connection: string;
  readonly sessionId: string | null;
  /** Other players' emotion labels keyed by display name. */
  readonly peerLabels: Readonly<Record<string, string>>;
  /** Avatars in the scene (own mirror included), and how many are still placeholders. */
  readonly avatarCount: number;
  readonly placeholderCount: number;
  readonly frameCount: number;
  /** 'immersive-vr' while in a session, else null; and views per XR frame. */
  readonly xrSessionMode: string | null;
  readonly xrViewCount: number;
  /** Current weight of a VRM preset on the avatar of a session id or display name ('self' = mirror). */
  expressionWeight(sessionIdOrName: string, preset: string): number | null;
  /** Whether that avatar is still the stand-in (no VRM loaded, or loading failed); null if absent. */
  isPlaceholder(sessionIdOrName: string): boolean | null;
  /** Last received head position of another player (by session id or name), or null. */
  peerPosition(sessionIdOrName: string): [number, number, number] | null;
}

declare global {
  interface Window {
    __emotone?: EmotoneTestHook;
  }
}

/** Builds the hook; nothing in it can change app state. */
export function createTestHook(store: AppStore, xrStore: XRStore, scene: SceneServices): EmotoneTestHook {
  const count = (placeholdersOnly: boolean): number => {
    let n = 0;
    for (const entry of scene.directory.entries()) if (!placeholdersOnly || entry.avatar.isPlaceholder) n++;
    return n;
  };
  return Object.freeze({
    get mode() { return store.getState().mode; },
    get connection() { return store.getState().connection.kind; },
    get sessionId() { return store.getState().sessionId; },
    get peerLabels() {
      const out: Record<string, string> = {};
      for (const peer of Object.values(store.getState().peers)) out[peer.name || peer.sessionId] = peer.emotion.label;
      return out;
    },
    get avatarCount() { return count(false); },
    get placeholderCount() { return count(true); },
    get frameCount() { return scene.stats.frames; },
    get xrSessionMode() { return xrStore.getState().session ? 'immersive-vr' : null; },
    get xrViewCount() { return scene.stats.xrViews; },
    expressionWeight(key: string, preset: string) {
      const entry = scene.directory.find(key);
      return entry ? entry.avatar.expressionWeight(preset) : null;
    },
    isPlaceholder(key: string) {
      return scene.directory.find(key)?.avatar.isPlaceholder ?? null;
    },
    peerPosition(key: string): [number, number, number] | null {
      const { peers, poses } = store.getState();
      const id = key in peers ? key : Object.values(peers).find((p) => p.name === key)?.sessionId;
      const pose = id === undefined ? undefined : poses[id];
      return pose ? [pose.position[0], pose.position[1], pose.position[2]] : null;
    },
  });
}

/** Installs the hook on `window` as a non-writable property. */
export function installTestHook(hook: EmotoneTestHook): void {
  Object.defineProperty(window, '__emotone', { value: hook, writable: false, configurable: false });
}
