import type { EmotionState } from '../shared/emotion-labels';
import type { TimelineEntry } from './emotion-timeline';

/** Which screen the app shows. */
export const AppMode = { landing: 'landing', desktop: 'desktop', xr: 'xr', spectator: 'spectator' } as const;
/** One of the app's screens. */
export type AppMode = (typeof AppMode)[keyof typeof AppMode];

/** Head pose: position in metres and a unit quaternion [x, y, z, w]. */
export interface Pose {
  readonly position: readonly [number, number, number];
  readonly quaternion: readonly [number, number, number, number];
}

/** The room connection, as the UI shows it. */
export type ConnectionStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected'; readonly sessionId: string }
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly nextDelayMs: number; readonly retryAtMs: number }
  | { readonly kind: 'room_full' }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'left' };

/** This device's player. */
export interface SelfState {
  readonly name: string;
  readonly avatarId: string;
  readonly emotion: EmotionState;
  /** 0..1 */
  readonly speaking: number;
  readonly pose: Pose;
  readonly muted: boolean;
  /**
   * 0..1, this device's own drowsiness estimate. It stays on the device: nothing sends it to the
   * room (the protocol's `drowsiness` message exists for wearers who choose to share it). Only
   * the own mirror figure shows it. Nothing estimates it yet, so it stays 0.
   */
  readonly drowsiness: number;
}

/** Another player, as last received from the room. Pose lives apart in `AppState.poses`. */
export interface PeerState {
  readonly sessionId: string;
  readonly name: string;
  readonly avatarId: string;
  readonly emotion: EmotionState;
  /** 0..1 */
  readonly speaking: number;
  /** 0..1 */
  readonly drowsiness: number;
  readonly joinedAt: number;
  readonly connected: boolean;
}

/** A rejected message, as reported by the server. */
export interface ServerErrorNote {
  readonly code: string;
  readonly type: string;
  readonly message: string;
  readonly atMs: number;
}

/** The whole app state. Every field is replaced, never mutated. */
export interface AppState {
  readonly mode: AppMode;
  readonly self: SelfState;
  /** Own session id once joined (null before and for spectators). */
  readonly sessionId: string | null;
  /** Server time the own player joined (ms since epoch); orders seats. Null before joining. */
  readonly selfJoinedAt: number | null;
  /** Other players keyed by sessionId (own player excluded). */
  readonly peers: Readonly<Record<string, PeerState>>;
  /** Other players' head poses; changes often, so kept apart from `peers`. */
  readonly poses: Readonly<Record<string, Pose>>;
  readonly connection: ConnectionStatus;
  /** Emotion history per player of the last few minutes; the own player under SELF_KEY. */
  readonly timelines: Readonly<Record<string, readonly TimelineEntry[]>>;
  readonly lastError: ServerErrorNote | null;
}

/** Timeline key of the own player. */
export const SELF_KEY = 'self';
