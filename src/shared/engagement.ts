/**
 * The engagement vocabulary shared by client and server: the wearer's state, what of it the room
 * may see, private nudges, and the group activity (Emotion Echo) the room server runs.
 */
import type { EmotionLabel } from './emotion-labels';

/** The wearer's state, estimated on the device over minutes. */
export const EngagementState = { engaged: 'engaged', quiet: 'quiet', drowsy: 'drowsy', away: 'away' } as const;
/** One of {@link EngagementState}. */
export type EngagementState = (typeof EngagementState)[keyof typeof EngagementState];
/** All states, in a stable order (plots, tables). */
export const ENGAGEMENT_STATES: readonly EngagementState[] = Object.freeze(Object.values(EngagementState));

/**
 * What other participants may see of a wearer's state: `away` (default) shows only away or
 * present; `state` shows the state itself. The drowsiness value never travels unless the wearer
 * also opts in to sharing it (the `drowsiness` message).
 */
export const EngagementShare = { away: 'away', state: 'state' } as const;
/** One of {@link EngagementShare}. */
export type EngagementShare = (typeof EngagementShare)[keyof typeof EngagementShare];

/** What the room state shows of a player: '' before any report, 'present', or a shared state. */
export type SharedEngagement = '' | 'present' | EngagementState;

/** The room-visible form of a state under a share setting. */
export function sharedEngagement(state: EngagementState, share: EngagementShare): SharedEngagement {
  if (share === EngagementShare.state) return state;
  return state === EngagementState.away ? EngagementState.away : 'present';
}

/** The wearer's engagement choices (remembered on the device; see engagement/engagement-settings.ts). */
export interface EngagementSettings {
  readonly nudges: boolean;
  readonly share: EngagementShare;
  /** Also send the 0..1 value (off by default: it stays on the device). */
  readonly shareValue: boolean;
  readonly sound: boolean;
  readonly haptics: boolean;
}

/** The defaults: nudges on, the room sees only away/present, the value stays here. */
export const DEFAULT_ENGAGEMENT_SETTINGS: EngagementSettings = Object.freeze({
  nudges: true,
  share: EngagementShare.away,
  shareValue: false,
  sound: true,
  haptics: true,
});

/** Escalation levels of a private nudge: 1 a gentle cue, 2 haptics and a chime, 3 an invitation. */
export const NudgeLevel = { cue: 1, alert: 2, invite: 3 } as const;
/** One of {@link NudgeLevel}. */
export type NudgeLevel = (typeof NudgeLevel)[keyof typeof NudgeLevel];

/** The nudge on show: its level and when that level appeared. */
export interface NudgeView {
  readonly level: NudgeLevel;
  readonly sinceMs: number;
}

/** What happened to a nudge, as reported for the operator's figures (never shown to others). */
export const NudgeEvent = { shown: 'shown', answered: 'answered' } as const;
/** One of {@link NudgeEvent}. */
export type NudgeEvent = (typeof NudgeEvent)[keyof typeof NudgeEvent];

/** The group activity's phases, as the room state shows them. */
export const ActivityPhase = {
  /** Nothing running. */
  idle: 'idle',
  /** Offered: players may decline until `endsAt`; the rest take part. */
  offered: 'offered',
  /** A round: say any sentence in `target` before `endsAt`; the device sends its score. */
  round: 'round',
  /** Between rounds: the scoreboard until `endsAt`. */
  results: 'results',
  /** Finished: final scoreboard, avatars celebrate, until `endsAt`. */
  finished: 'finished',
} as const;
/** One of {@link ActivityPhase}. */
export type ActivityPhase = (typeof ActivityPhase)[keyof typeof ActivityPhase];

/** A player's part in the group activity: declined or not, the total, a score per finished round. */
export interface ActivityEntryView {
  readonly declined: boolean;
  readonly total: number;
  /** Index 0 = round 1; −1 where the player sent no score. */
  readonly scores: readonly number[];
}

/** The one activity today. */
export const ACTIVITY_KIND = 'emotion-echo';

/** Emotions a round may ask for: ones the classifier outputs and people can act on request. */
export const ECHO_TARGETS: readonly EmotionLabel[] = Object.freeze(['happy', 'sad', 'angry', 'surprised', 'calm', 'fearful']);

/** Timing and size of the activity (production values; tests and the simulator shorten them). */
export interface ActivityTiming {
  readonly rounds: number;
  readonly offerMs: number;
  readonly roundMs: number;
  readonly resultsMs: number;
  readonly finishedMs: number;
  /** Drowsy players (shared state or an invitation request within `requestWindowMs`) that make the room offer it. */
  readonly drowsyToOffer: number;
  readonly requestWindowMs: number;
  /** No automatic offer sooner than this after the last activity ended. */
  readonly cooldownMs: number;
}

/** Production timing: three rounds of 10 s. */
export const ACTIVITY_TIMING: ActivityTiming = Object.freeze({
  rounds: 3,
  offerMs: 10_000,
  roundMs: 10_000,
  resultsMs: 4_000,
  finishedMs: 10_000,
  drowsyToOffer: 2,
  requestWindowMs: 5 * 60_000,
  cooldownMs: 10 * 60_000,
});

/** `engagement`: the wearer's current state and what of it the room may show. */
export interface EngagementPayload {
  state: EngagementState;
  share: EngagementShare;
}

/** `nudge`: a private nudge was shown or answered (counted for the operator only). */
export interface NudgePayload {
  level: NudgeLevel;
  event: NudgeEvent;
}

/**
 * `activity`: the player's part in the group activity. `start` offers it now (from the menu),
 * `request` asks for it (a level-3 nudge accepted: counted toward an automatic offer),
 * `decline` sits out the offered or running activity.
 */
export interface ActivityPayload {
  action: 'start' | 'request' | 'decline';
}

/** `activityScore`: the device's score for a round: the probability of the target, 0..1. */
export interface ActivityScorePayload {
  round: number;
  score: number;
}
