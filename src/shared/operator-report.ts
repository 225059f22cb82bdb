/**
 * The operator's engagement figures as `GET /api/operator/engagement` returns them. Players appear
 * only as pseudonyms ('P-' and 8 hex digits, one per room seat); there are no display names,
 * session ids, audio, per-window values or drowsiness values anywhere in it.
 */
import type { EngagementState, NudgeEvent, NudgeLevel } from './engagement';

/** Where the room server serves the figures (Authorization: Bearer <EMOTONE_OPERATOR_TOKEN>). */
export const OPERATOR_ENGAGEMENT_PATH = '/api/operator/engagement';

/** How long after a nudge a change to 'engaged' counts as a re-engagement. */
export const REENGAGE_WINDOW_MS = 60_000;

/** One stretch of a player's state; `toMs` null while it is still open. */
export interface StateSpan {
  readonly state: EngagementState;
  readonly fromMs: number;
  readonly toMs: number | null;
}

/** A nudge shown to or answered by a player. */
export interface NudgeMark {
  readonly player: string;
  readonly atMs: number;
  readonly level: NudgeLevel;
  readonly event: NudgeEvent;
}

/** One finished activity run. */
export interface ActivityRunRecord {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly reason: string;
  readonly roundsCompleted: number;
  readonly participants: number;
  readonly declines: number;
  readonly scores: number;
}

/** Counts per nudge level ('1', '2', '3'). */
export type PerLevel = Readonly<Record<'1' | '2' | '3', number>>;

/** The body of a 200 answer. */
export interface OperatorEngagementReport {
  readonly space: string;
  /** Spaces that have figures (for a space picker). */
  readonly spaces: readonly string[];
  /** The server's clock when the report was made; open spans run until here. */
  readonly nowMs: number;
  /** The window the figures cover: [sinceMs, nowMs]. */
  readonly sinceMs: number;
  /** Distinct pseudonymous players with any state in the window. */
  readonly players: number;
  readonly timeInStateMs: Readonly<Record<EngagementState, number>>;
  readonly nudges: { readonly shown: PerLevel; readonly answered: PerLevel };
  /**
   * Nudges shown after which the player changed to 'engaged' within REENGAGE_WINDOW_MS. `rate` is
   * reengaged / (shown − pending), null while nothing is decided; `pending` nudges are younger
   * than the window and not yet followed by 'engaged'.
   */
  readonly reengagement: { readonly shown: number; readonly reengaged: number; readonly pending: number; readonly rate: number | null };
  readonly activities: {
    readonly runs: number;
    readonly byReason: Readonly<Record<string, number>>;
    readonly roundsCompleted: number;
    readonly participants: number;
    readonly declines: number;
    readonly scores: number;
  };
  /** Per player, their spans in time order (the window's latest spans when `truncated`). */
  readonly timeline: ReadonlyArray<{ readonly player: string; readonly spans: readonly StateSpan[] }>;
  readonly nudgeMarks: readonly NudgeMark[];
  readonly runs: readonly ActivityRunRecord[];
  readonly truncated: boolean;
}
