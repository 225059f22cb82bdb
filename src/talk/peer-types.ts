import type { SignalMessage } from '../shared/talk-protocol';

/**
 * The small interfaces voice chat is built from: the signalling transport (the room client
 * implements it), one peer's link (the only RTCPeerConnection owner implements it), and the
 * status of a peer as the UI shows it.
 */

/** Carries signals to and from other players; src/net's RoomSignals is one. */
export interface SignalChannel {
  /** Sends a signal to `to`; false when it cannot go out (not joined, or not a valid signal). */
  send(to: string, message: SignalMessage): boolean;
  /** Calls `listener` for every signal from another player; returns the unsubscribe. */
  onSignal(listener: (from: string, message: SignalMessage) => void): () => void;
}

/** Why a connection failed. */
export const PeerFailure = {
  /** ICE found no working path (or lost it and did not get it back). */
  ice: 'ice-failed',
  /** Not connected within the time allowed. */
  timeout: 'timeout',
  /** A signal could not be sent (not joined, or too large for the room). */
  signalling: 'signalling',
  /** The browser refused a description (setLocalDescription / setRemoteDescription threw). */
  negotiation: 'negotiation',
} as const;
/** One of {@link PeerFailure}. */
export type PeerFailure = (typeof PeerFailure)[keyof typeof PeerFailure];

/** A peer's voice connection as the UI shows it. */
export type PeerStatus =
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'connected' }
  /** `retryInMs` null: no retry of our own (given up, or waiting for the peer who offers). */
  | { readonly kind: 'failed'; readonly reason: PeerFailure; readonly attempt: number; readonly retryInMs: number | null };

/** The transport state a link reports (RTCPeerConnectionState). */
export type LinkState = 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

/** What the own microphone contributes to every link. */
export interface VoiceSource {
  /** The microphone track for voice chat (null: none yet, the peer only listens). */
  readonly track: MediaStreamTrack | null;
  readonly muted: boolean;
}

/** What a link tells its owner. */
export interface PeerLinkEvents {
  onState(state: LinkState): void;
  /** The peer's voice arrived (one audio track per link). */
  onTrack(track: MediaStreamTrack): void;
  /** A signal could not be sent or a description was refused. */
  onFailure(reason: typeof PeerFailure.signalling | typeof PeerFailure.negotiation): void;
}

/** What a link is made from. */
export interface PeerLinkOptions {
  readonly peerId: string;
  /** Sends the first offer (makes the audio transceiver); the other side answers with it. */
  readonly offerer: boolean;
  /** Perfect negotiation: the polite side yields when offers collide. */
  readonly polite: boolean;
  readonly send: (message: SignalMessage) => boolean;
  readonly source: VoiceSource;
  readonly events: PeerLinkEvents;
}

/** One peer's voice connection. */
export interface PeerLink {
  /** A description or candidate from the peer ('bye' is its owner's business). */
  handle(message: SignalMessage): void;
  /** Sends the current microphone (or nothing, when muted or absent). */
  setSource(source: VoiceSource): void;
  /** Asks for new ICE candidates on the same connection (after a failure). */
  restartIce(): void;
  close(): void;
}
