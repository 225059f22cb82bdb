import { clamp01 } from './clamp';
import type { EmotionState } from './emotion-labels';
import type { ActivityPayload, ActivityScorePayload, EngagementPayload, NudgePayload } from './engagement';
import type { BlockPayload, SignalPayload, VoicePayload } from './talk-protocol';

/** The single room type. */
export const ROOM_NAME = 'space';

/** Path prefix under which the room server exposes matchmaking and room WebSockets. */
export const COLYSEUS_PATH = '/colyseus';

/** How a client takes part in a room. */
export const Role = { player: 'player', spectator: 'spectator' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Limits shared by client and server. */
export const LIMITS = {
  maxPlayers: 16,
  maxSpectators: 32,
  /**
   * Colyseus maxMessagesPerSecond per client (pings count too). The steady stream is ~35 a second
   * (pose 20 Hz + speaking 10 Hz + emotion 4 Hz + engagement and pings). Voice chat signalling
   * comes in bursts on top: up to SIGNAL_LIMITS.burst (40) at once plus its refill (20/s) within
   * one second when a player joins among 8 peers, so 35 + 60 must fit; 60 would cut such a
   * player off. Signalling has its own per-sender limit in the room (SIGNAL_LIMITS).
   */
  maxMessagesPerSecond: 100,
  displayNameMaxLength: 32,
  avatarIdMaxLength: 80,
  reconnectionWindowSec: 20,
  /**
   * A seat matchmaking reserved is freed if its WebSocket does not arrive within this (Colyseus'
   * default is 15 s): a client connects within a second, and unused seats lock a room sooner.
   */
  seatReservationSec: 10,
  avatarUploadMaxBytes: 10 * 1024 * 1024,
  /** Clients send head pose at most this often. */
  poseSendHz: 20,
  /** Clients send emotion changes at most this often. */
  emotionSendHz: 4,
  /** Clients send speaking level at most this often. */
  speakingSendHz: 10,
  /** |position| components beyond this (metres) are rejected. */
  maxPositionM: 100,
} as const;

/** Messages a client sends. */
export const ClientMessage = {
  emotion: 'emotion',
  pose: 'pose',
  speaking: 'speaking',
  drowsiness: 'drowsiness',
  profile: 'profile',
  engagement: 'engagement',
  nudge: 'nudge',
  activity: 'activity',
  activityScore: 'activityScore',
  /** WebRTC signalling for one other player (src/shared/talk-protocol.ts). */
  signal: 'signal',
  /** The own voice chat state (muted). */
  voice: 'voice',
  /** Stop or resume signalling with one other player. */
  block: 'block',
} as const;
export type ClientMessage = (typeof ClientMessage)[keyof typeof ClientMessage];

/** Messages the server sends to one client. */
export const ServerMessage = {
  /** A message of this client was rejected; see ErrorPayload. */
  error: 'error',
  /**
   * The room's process is shutting down (a restart or a deploy): leave and join the space again,
   * which lands on a live process (or waits for this one to come back). See RestartingPayload.
   */
  restarting: 'restarting',
  /** WebRTC signalling from another player (ServerSignalPayload in src/shared/talk-protocol.ts). */
  signal: 'signal',
} as const;
export type ServerMessage = (typeof ServerMessage)[keyof typeof ServerMessage];

/** Body of ServerMessage.restarting. */
export interface RestartingPayload {
  /** A sentence for people (the client shows its own words). */
  readonly message: string;
  /** When the process stops waiting and closes what is left, ms from now. */
  readonly closesInMs: number;
}

/** Options a client passes when joining. */
export interface JoinOptions {
  role: Role;
  /** The space (see src/shared/spaces.ts); absent means DEFAULT_SPACE. */
  space?: string;
  displayName?: string;
  avatarId?: string;
}

/** An emotion message carries exactly the emotion state. */
export type EmotionPayload = EmotionState;

export interface PosePayload {
  /** metres, [x, y, z] */
  position: [number, number, number];
  /** unit quaternion [x, y, z, w] */
  quaternion: [number, number, number, number];
}

/** Speaking levels travel in tenths (0, 0.1, … 1), so noise below a tenth causes no traffic. */
export const SPEAKING_LEVEL_STEPS = 10;

/** The speaking level as it travels: clamped to 0..1 and rounded to 1 / {@link SPEAKING_LEVEL_STEPS}. */
export function quantiseSpeaking(level: number): number {
  return Math.round(clamp01(level) * SPEAKING_LEVEL_STEPS) / SPEAKING_LEVEL_STEPS;
}

export interface SpeakingPayload {
  /** 0..1 */
  level: number;
}

export interface DrowsinessPayload {
  /** 0..1 */
  level: number;
}

export interface ProfilePayload {
  displayName?: string;
  avatarId?: string;
}

/**
 * The synchronised room state as every client receives it: exactly the fields of
 * server/schema.ts (which checks that it matches), read by the client's state mapper.
 */
export interface SyncedEmotion {
  readonly label: string;
  readonly confidence: number;
  readonly arousal: number;
  readonly valence: number;
  readonly source: string;
}

/** A head pose as synchronised: wire integers (mm, quaternion × 32767; src/shared/pose-wire.ts). */
export interface SyncedHeadPose {
  readonly px: number;
  readonly py: number;
  readonly pz: number;
  readonly qx: number;
  readonly qy: number;
  readonly qz: number;
  readonly qw: number;
}

/** One player as synchronised. */
export interface SyncedPlayer {
  readonly sessionId: string;
  readonly displayName: string;
  readonly avatarId: string;
  readonly emotion: SyncedEmotion;
  readonly speakingLevel: number;
  readonly drowsiness: number;
  readonly head: SyncedHeadPose;
  readonly joinedAt: number;
  readonly connected: boolean;
  /** What the wearer shares of their engagement state: a SharedEngagement ('' before any report). */
  readonly engagement: string;
  /** The player muted their voice chat microphone (the `voice` message). */
  readonly voiceMuted: boolean;
}

/** A player's part in the group activity. */
export interface SyncedActivityEntry {
  readonly declined: boolean;
  /** Sum of the round scores so far. */
  readonly total: number;
  /** Score per finished round (index 0 = round 1); −1 where the player sent none. */
  readonly scores: { readonly length: number; forEach(callback: (score: number, index: number) => void): void };
}

/** The group activity as synchronised (see ActivityPhase in shared/engagement.ts). */
export interface SyncedActivity {
  readonly phase: string;
  readonly kind: string;
  /** 1-based round number; 0 before the first round. */
  readonly round: number;
  readonly rounds: number;
  /** The emotion the current round asks for ('' outside rounds and results). */
  readonly target: string;
  /** How long the current phase lasts, ms (clients count down from when they see it change). */
  readonly phaseMs: number;
  /** Who started it: 'menu' (a player), 'drowsy' (the room, for drowsy players). */
  readonly reason: string;
  /** Players taking part or having declined, keyed by session id. */
  readonly entries: { forEach(callback: (entry: SyncedActivityEntry, sessionId: string) => void): void };
}

/** The room's root state as synchronised: players keyed by session id. */
export interface SyncedSpaceState {
  readonly players: { forEach(callback: (player: SyncedPlayer, sessionId: string) => void): void };
  readonly activity: SyncedActivity;
}

/** Payload type of each client message. */
export interface ClientPayloads {
  emotion: EmotionPayload;
  pose: PosePayload;
  speaking: SpeakingPayload;
  drowsiness: DrowsinessPayload;
  profile: ProfilePayload;
  engagement: EngagementPayload;
  nudge: NudgePayload;
  activity: ActivityPayload;
  activityScore: ActivityScorePayload;
  signal: SignalPayload;
  voice: VoicePayload;
  block: BlockPayload;
}

/** Why a message was rejected. */
export const ErrorCode = {
  invalidPayload: 'invalid_payload',
  forbidden: 'forbidden',
  unknownMessage: 'unknown_message',
  /** A valid message at the wrong time: an activity score out of turn, late or twice. */
  outOfTurn: 'out_of_turn',
  /** A signal (or block) named a session that is not a connected player of this room, or oneself. */
  peerUnavailable: 'peer_unavailable',
  /** A signal to a player the sender blocks (unblock first). */
  blocked: 'blocked',
  /** More signals than SIGNAL_LIMITS allow; this one was dropped. */
  rateLimited: 'rate_limited',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorPayload {
  code: ErrorCode;
  /** The message type that was rejected. */
  type: string;
  /** Human-readable reason. */
  message: string;
}

/**
 * Why the server refused a join. On the client, `client.joinOrCreate(...)` rejects with the
 * SDK's ServerError carrying one of these as `code` and a sentence to show as `message`.
 */
export const JoinErrorCode = {
  /** All LIMITS.maxPlayers player seats are taken (spectating is still possible). */
  playersFull: 4501,
  /** All LIMITS.maxSpectators spectator seats are taken. */
  spectatorsFull: 4502,
  /** JoinOptions failed validation (unknown role, bad space name or avatarId, unknown fields…). */
  invalidOptions: 4503,
} as const;
export type JoinErrorCode = (typeof JoinErrorCode)[keyof typeof JoinErrorCode];
