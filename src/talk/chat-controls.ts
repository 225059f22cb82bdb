/**
 * What the listener controls and sees of each peer's voice: volume, a local mute, the connection
 * status, and the settings. A small framework-free store (subscribe + snapshot) that the people
 * list renders; applying volume and mute to the audio is the spatial voice's job (via `apply`).
 */
import { DEFAULT_CHAT_SETTINGS, type ChatSettings } from './chat-settings';
import type { PeerStatus } from './peer-types';

/** One peer as the people list shows it. */
export interface PeerVoiceControl {
  /** 0..2, 1 as received. */
  readonly volume: number;
  /** Muted here only (the peer is not told). */
  readonly muted: boolean;
  /** The connection, or null when there is none (out of range, blocked, not yet). */
  readonly status: PeerStatus | null;
}

/** Everything the people list needs, replaced on every change. */
export interface ChatControlsSnapshot {
  readonly peers: Readonly<Record<string, PeerVoiceControl>>;
  readonly settings: ChatSettings;
  /** Why the deployment's ICE settings could not be used ('' when they could). */
  readonly iceProblem: string;
}

/** Where a change is applied (the spatial voice). */
export interface ChatControlsSink {
  setPeerVolume(sessionId: string, volume: number): void;
  setPeerMuted(sessionId: string, muted: boolean): void;
}

/** The controls' store. */
export interface ChatControls {
  getSnapshot(): ChatControlsSnapshot;
  subscribe(listener: () => void): () => void;
  setVolume(sessionId: string, volume: number): void;
  setMuted(sessionId: string, muted: boolean): void;
  setStatus(sessionId: string, status: PeerStatus | null): void;
  setSettings(settings: ChatSettings): void;
  setIceProblem(reason: string): void;
  /** The room's peers now: new ones get their defaults (muted when startOthersMuted), gone ones are forgotten. */
  followPeers(sessionIds: Iterable<string>): void;
}

const NEW_PEER: PeerVoiceControl = Object.freeze({ volume: 1, muted: false, status: null });

/** Creates the controls; `sink` receives every volume and mute. */
export function createChatControls(sink: ChatControlsSink, settings: ChatSettings = DEFAULT_CHAT_SETTINGS): ChatControls {
  const listeners = new Set<() => void>();
  let snapshot: ChatControlsSnapshot = { peers: {}, settings, iceProblem: '' };
  const publish = (patch: Partial<ChatControlsSnapshot>): void => {
    snapshot = { ...snapshot, ...patch };
    for (const listener of [...listeners]) listener();
  };
  const patchPeer = (id: string, patch: Partial<PeerVoiceControl>): void => {
    publish({ peers: { ...snapshot.peers, [id]: { ...(snapshot.peers[id] ?? NEW_PEER), ...patch } } });
  };
  const clampVolume = (v: number): number => (Number.isFinite(v) ? Math.min(2, Math.max(0, v)) : 1);
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    setVolume(id, volume) {
      const v = clampVolume(volume);
      sink.setPeerVolume(id, v);
      patchPeer(id, { volume: v });
    },
    setMuted(id, muted) {
      sink.setPeerMuted(id, muted);
      patchPeer(id, { muted });
    },
    setStatus(id, status) {
      if (snapshot.peers[id]?.status === status || (status === null && !(id in snapshot.peers))) return;
      patchPeer(id, { status });
    },
    setSettings: (next) => publish({ settings: next }),
    setIceProblem: (iceProblem) => void (iceProblem !== snapshot.iceProblem && publish({ iceProblem })),
    followPeers(ids) {
      const present = new Set(ids);
      const peers: Record<string, PeerVoiceControl> = {};
      let changed = false;
      for (const id of present) {
        const known = snapshot.peers[id];
        if (known) peers[id] = known;
        else {
          changed = true;
          const muted = snapshot.settings.startOthersMuted;
          sink.setPeerMuted(id, muted);
          peers[id] = { ...NEW_PEER, muted };
        }
      }
      for (const id in snapshot.peers) if (!present.has(id)) changed = true;
      if (changed) publish({ peers });
    },
  };
}
