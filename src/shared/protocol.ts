import type { EmotionLabel, EmotionSource } from './emotion-labels';

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
  /** Colyseus maxMessagesPerSecond per client; pose at 20 Hz + speaking 10 Hz + emotion 4 Hz fit. */
  maxMessagesPerSecond: 60,
  displayNameMaxLength: 32,
  avatarIdMaxLength: 80,
  reconnectionWindowSec: 20,
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
} as const;
export type ClientMessage = (typeof ClientMessage)[keyof typeof ClientMessage];

/** Messages the server sends to one client. */
export const ServerMessage = {
  /** A message of this client was rejected; see ErrorPayload. */
  error: 'error',
} as const;
export type ServerMessage = (typeof ServerMessage)[keyof typeof ServerMessage];

/** Options a client passes when joining. */
export interface JoinOptions {
  role: Role;
  displayName?: string;
  avatarId?: string;
}

export interface EmotionPayload {
  label: EmotionLabel;
  confidence: number;
  arousal: number;
  valence: number;
  source: EmotionSource;
}

export interface PosePayload {
  /** metres, [x, y, z] */
  position: [number, number, number];
  /** unit quaternion [x, y, z, w] */
  quaternion: [number, number, number, number];
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

/** Payload type of each client message. */
export interface ClientPayloads {
  emotion: EmotionPayload;
  pose: PosePayload;
  speaking: SpeakingPayload;
  drowsiness: DrowsinessPayload;
  profile: ProfilePayload;
}

/** Why a message was rejected. */
export const ErrorCode = {
  invalidPayload: 'invalid_payload',
  forbidden: 'forbidden',
  unknownMessage: 'unknown_message',
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
  /** JoinOptions failed validation (unknown role, bad avatarId, unknown fields…). */
  invalidOptions: 4503,
} as const;
export type JoinErrorCode = (typeof JoinErrorCode)[keyof typeof JoinErrorCode];
