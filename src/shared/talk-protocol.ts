/**
 * The voice chat vocabulary shared by client and server: WebRTC signalling relayed through the
 * room, each player's voice state, and blocks. Media never passes through the room server; only
 * these small messages do.
 */

/** What one signal carries: a session description, one ICE candidate, or the end of a connection. */
export const SignalKind = { description: 'description', candidate: 'candidate', bye: 'bye' } as const;
/** One of {@link SignalKind}. */
export type SignalKind = (typeof SignalKind)[keyof typeof SignalKind];

/** A session description as `RTCSessionDescriptionInit` serialises it. */
export interface SignalDescription {
  readonly type: 'offer' | 'answer' | 'rollback';
  /** '' only for a rollback. */
  readonly sdp: string;
}

/** An ICE candidate as `RTCIceCandidate.toJSON()` gives it; absent fields travel as null. */
export interface SignalCandidate {
  /** '' marks the end of candidates of a generation. */
  readonly candidate: string;
  readonly sdpMid: string | null;
  readonly sdpMLineIndex: number | null;
  readonly usernameFragment: string | null;
}

/**
 * A signal without its address: what a peer connection hands to its channel and gets from it.
 * `description` exactly when kind is 'description', `candidate` exactly when kind is 'candidate';
 * 'bye' carries neither (the sender closed its side: out of range, blocked, leaving).
 */
export type SignalMessage =
  | { readonly kind: 'description'; readonly description: SignalDescription }
  | { readonly kind: 'candidate'; readonly candidate: SignalCandidate }
  | { readonly kind: 'bye' };

/** Client → server `signal`: a signal for the player with session id `to`. */
export type SignalPayload = SignalMessage & { readonly to: string };

/** Server → client `signal`: a signal from the player with session id `from`. */
export type ServerSignalPayload = SignalMessage & { readonly from: string };

/** Client → server `voice`: this player's voice chat state, shown to everyone in the roster. */
export interface VoicePayload {
  readonly muted: boolean;
}

/**
 * Client → server `block`: stop (or resume) relaying signalling between the sender and the player
 * with `sessionId`, in both directions, while both are in the room. The blocked player is not told.
 */
export interface BlockPayload {
  readonly sessionId: string;
  readonly blocked: boolean;
}

/** Session ids as Colyseus makes them (nanoid: letters, digits, '_' and '-'). */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** Size and rate limits of signalling. */
export const SIGNAL_LIMITS = {
  /**
   * Longest SDP accepted, in characters (SDP is ASCII). The WebSocket transport cuts any frame
   * over 4 KB (and the socket with it), so the cap sits under that with room for the envelope.
   * One Opus m-line without candidates (trickle ICE) is about 1.5–2.5 kB from Chromium or Firefox.
   */
  sdpMaxLength: 3500,
  /** Longest candidate line: real ones are under 200 characters (an mDNS host name included). */
  candidateMaxLength: 512,
  /** Longest sdpMid (Chromium and Firefox use '0', '1', …). */
  midMaxLength: 32,
  /** Longest ICE username fragment (RFC 8839 allows 4–256 characters). */
  usernameFragmentMaxLength: 256,
  /**
   * Signals a player may send at once. Joining a space among 8 peers costs 8 descriptions and
   * a few candidates each (host, server-reflexive, relay: 3–6 per connection), about 40-50 in
   * the first second; trickle then slows to nothing.
   */
  burst: 40,
  /** Signals a player gets back per second (40 per 2 s on average). */
  perSecond: 20,
} as const;
