import type { EmotionLabel, EmotionState } from '../shared/emotion-labels';
import type { ActivityEntryView, ActivityPhase, EngagementSettings, EngagementState, NudgeLevel, NudgeView, SharedEngagement } from '../shared/engagement';
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
  | {
    readonly kind: 'reconnecting'; readonly attempt: number; readonly nextDelayMs: number; readonly retryAtMs: number;
    /** 'restarting': the server said it is shutting down (not a lost network). */
    readonly cause?: 'restarting';
  }
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
   * 0..1, this device's own drowsiness estimate. It stays on the device unless the wearer opts
   * in to sharing it (engagementSettings.shareValue); the own mirror figure shows it.
   */
  readonly drowsiness: number;
  /** This device's engagement state; the room sees what engagementSettings.share allows. */
  readonly engagement: EngagementState;
}

/** A private nudge: what is shown now and the last one answered (for the room's figures). */
export interface NudgeStatus {
  readonly current: NudgeView | null;
  readonly lastAnswered: { readonly level: NudgeLevel; readonly atMs: number } | null;
}

export type { ActivityEntryView } from '../shared/engagement';

/** The group activity as last received from the room. */
export interface ActivityView {
  readonly phase: ActivityPhase;
  readonly round: number;
  readonly rounds: number;
  /** The emotion the round asks for, or null outside rounds and results. */
  readonly target: EmotionLabel | null;
  readonly phaseMs: number;
  /** Local time (Date.now) when this client saw the phase begin: counts down from here. */
  readonly phaseSeenAtMs: number;
  readonly reason: string;
  readonly entries: Readonly<Record<string, ActivityEntryView>>;
}

/** No activity. */
export const IDLE_ACTIVITY: ActivityView = Object.freeze({ phase: 'idle', round: 0, rounds: 0, target: null, phaseMs: 0, phaseSeenAtMs: 0, reason: '', entries: Object.freeze({}) });

/** Another player, as last received from the room. Pose lives apart in `AppState.poses`. */
export interface PeerState {
  readonly sessionId: string;
  readonly name: string;
  readonly avatarId: string;
  readonly emotion: EmotionState;
  /** 0..1 */
  readonly speaking: number;
  /** 0..1, only when that wearer shares it (else 0). */
  readonly drowsiness: number;
  /** What that wearer shares of their engagement state ('' before any report). */
  readonly engagement: SharedEngagement;
  readonly joinedAt: number;
  readonly connected: boolean;
  /** That player muted their voice chat microphone. */
  readonly voiceMuted: boolean;
}

/**
 * A player this device blocked from voice chat. Players have no stable id in the room (session
 * ids change with every join, and the server's pseudonyms are private), so a block names the
 * display name and avatar: it also covers anyone else showing both, and ends if that player
 * changes either.
 */
export interface BlockedPlayer {
  readonly name: string;
  readonly avatarId: string;
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
  readonly nudge: NudgeStatus;
  readonly engagementSettings: EngagementSettings;
  readonly activity: ActivityView;
  /** Players this device blocked from voice chat (see BlockedPlayer); the room client tells the room. */
  readonly blocked: readonly BlockedPlayer[];
}

/** Timeline key of the own player. */
export const SELF_KEY = 'self';
