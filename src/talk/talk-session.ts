import { systemClock, type TimerClock } from '../shared/timer-clock';
import { blockedSessionIds, type AppState, type AppStore } from '../state';
import {
  chooseConnections, distanceM, HEARING, mayAccept, selectVoices, SILENT_MIX,
  type ConnectionInput, type HearingConfig, type PeerPlace, type VoiceMix,
} from './hearing-policy';
import type { VoiceSource } from './peer-types';
import type { TalkPeers } from './talk-peers';

/**
 * Voice chat for the own player: reads positions, levels, blocks and the mute from the store,
 * runs the hearing policy a few times a second, and keeps the connections and the voice mix in
 * step. One set of connections per session id: a fresh join (new id) starts a fresh set.
 */

/** Options of {@link createTalkSession}. */
export interface TalkSessionOptions {
  readonly store: AppStore;
  /** Makes the connections of one session; `accept` is the session's answer to incoming offers. */
  readonly createPeers: (selfId: string, accept: (peerId: string) => boolean, source: VoiceSource) => TalkPeers;
  readonly clock?: TimerClock;
  readonly config?: HearingConfig;
  /** How often the policy runs (ms): positions arrive at 20 Hz, rooms change slower than that. */
  readonly intervalMs?: number;
  /** The voices to play changed. */
  readonly onMix?: (mix: VoiceMix) => void;
}

/** A running voice chat session. */
export interface TalkSession {
  /** The voices playing now (at most config.maxVoices). */
  mix(): VoiceMix;
  /** The connections of the current session id (null before joining as a player). */
  peers(): TalkPeers | null;
  /** The microphone track for voice chat (a clone of the capture's, say); null: listen only. */
  setTrack(track: MediaStreamTrack | null): void;
  /** Runs the policy now (the timer does it every intervalMs). */
  update(): void;
  dispose(): void;
}

/** Default of TalkSessionOptions.intervalMs. */
export const TALK_UPDATE_MS = 250;

/** The policy's view of the room, leaving out blocked peers and peers not connected to the room. */
export function connectionInput(state: AppState, linked: ReadonlySet<string>, coolingDown: ReadonlySet<string>): ConnectionInput {
  const excluded = new Set([...blockedSessionIds(state), ...coolingDown]);
  const peers: PeerPlace[] = [];
  for (const id in state.peers) {
    const pose = state.poses[id];
    if (!pose) continue;
    // A player whose room connection dropped cannot be signalled, but a working call with them
    // needs no signalling: keep it through the blip, just do not start a new one.
    if (!state.peers[id]?.connected && !linked.has(id)) excluded.add(id);
    peers.push({ id, position: pose.position });
  }
  return { self: state.self.pose.position, peers, connected: linked, excluded };
}

/** Starts voice chat over `store`; connections follow the own session id as it comes and goes. */
export function createTalkSession(options: TalkSessionOptions): TalkSession {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const config = options.config ?? HEARING;
  let selfId: string | null = null;
  let peers: TalkPeers | null = null;
  let mix: VoiceMix = SILENT_MIX;
  let timer: unknown = null;
  let disposed = false;
  let track: MediaStreamTrack | null = null;
  const source = (): VoiceSource => ({ track, muted: store.getState().self.muted });

  const accept = (peerId: string): boolean => {
    if (!peers) return false;
    return mayAccept(connectionInput(store.getState(), peers.linkedIds(), peers.coolingDown()), peerId, config);
  };
  const follow = (state: AppState): void => {
    if (state.sessionId === selfId) return;
    peers?.close();
    selfId = state.sessionId;
    peers = selfId === null ? null : options.createPeers(selfId, accept, source());
    mix = SILENT_MIX;
    options.onMix?.(mix);
  };
  const update = (): void => {
    const state = store.getState();
    follow(state);
    if (!peers) return;
    const wanted = chooseConnections(connectionInput(state, peers.linkedIds(), peers.coolingDown()), config);
    peers.setWanted(wanted);
    const candidates = wanted.filter((id) => peers?.status(id)?.kind === 'connected').map((id) => ({
      id,
      distanceM: distanceM(state.self.pose.position, state.poses[id]?.position ?? state.self.pose.position),
      level: state.peers[id]?.speaking ?? 0,
    }));
    const next = selectVoices(mix, candidates, clock.now(), config);
    const changed = next.playing.length !== mix.playing.length || next.playing.some((id, i) => id !== mix.playing[i]);
    mix = next;
    if (changed) options.onMix?.(mix);
  };
  const tick = (): void => {
    if (disposed) return;
    update();
    timer = clock.setTimeout(tick, options.intervalMs ?? TALK_UPDATE_MS);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.sessionId !== previous.sessionId) follow(state);
    if (state.self.muted !== previous.self.muted) peers?.setSource(source());
  });
  tick();

  return {
    mix: () => mix,
    peers: () => peers,
    setTrack(next) {
      track = next;
      peers?.setSource(source());
    },
    update,
    dispose() {
      disposed = true;
      unsubscribe();
      if (timer !== null) clock.clearTimeout(timer);
      peers?.close();
      peers = null;
    },
  };
}
