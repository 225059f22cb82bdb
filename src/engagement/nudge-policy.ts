/**
 * When to nudge the wearer, privately: drowsy for a while → a gentle cue (level 1); no answer →
 * haptics and a chime (level 2); still no answer → an invitation to the group activity or a break
 * (level 3). Any speech, head movement, input or "I'm here" answers it. A cooldown follows an
 * answer, at most a few nudges an hour, and "don't remind me" silences it for the session.
 * Pure: callers pass time and the estimate; the policy returns what to show.
 */
import { EngagementState, NudgeLevel, type NudgeView } from '../shared/engagement';

export type { NudgeView } from '../shared/engagement';

/** Timing and limits of {@link createNudgePolicy}. */
export interface NudgePolicyOptions {
  /** Drowsy this long before the first cue, ms. */
  readonly firstAfterMs: number;
  /** Unanswered this long, the nudge escalates one level, ms. */
  readonly escalateAfterMs: number;
  /** After an answer, no nudge for this long, ms. */
  readonly cooldownMs: number;
  /** At most this many nudge episodes (first cues) per rolling hour. */
  readonly maxPerHour: number;
}

/** The defaults. */
export const NUDGE_DEFAULTS: NudgePolicyOptions = Object.freeze({
  firstAfterMs: 30_000,
  escalateAfterMs: 30_000,
  cooldownMs: 5 * 60_000,
  maxPerHour: 4,
});

/** What happened in a tick, for the room's figures and the device's feedback (haptics, chime). */
export type NudgeChange =
  | { readonly kind: 'shown'; readonly level: NudgeLevel; readonly atMs: number }
  | { readonly kind: 'answered'; readonly level: NudgeLevel; readonly atMs: number }
  | { readonly kind: 'withdrawn'; readonly level: NudgeLevel; readonly atMs: number };

/** Why a nudge was answered. */
export type NudgeAnswer = 'speech' | 'movement' | 'input' | 'button';

/** The policy's state machine. */
export interface NudgePolicy {
  /** Advances with the current estimate; returns what changed (usually nothing). */
  update(nowMs: number, state: EngagementState): NudgeChange[];
  /** The wearer responded (spoke, moved, clicked); answers a shown nudge and starts the cooldown. */
  answer(nowMs: number, how: NudgeAnswer): NudgeChange[];
  /** Silences nudges for the rest of the session ("don't remind me"); withdraws a shown one. */
  silence(nowMs: number): NudgeChange[];
  /** Allows nudges again (the wearer turned them back on). */
  resume(): void;
  readonly current: NudgeView | null;
  readonly silenced: boolean;
}

/** Creates a policy with no history. `enabled: false` behaves as silenced from the start. */
export function createNudgePolicy(options: Partial<NudgePolicyOptions> = {}, enabled = true): NudgePolicy {
  const o = { ...NUDGE_DEFAULTS, ...options };
  let current: NudgeView | null = null;
  let drowsySinceMs: number | null = null;
  let cooldownUntilMs = -Infinity;
  let silenced = !enabled;
  const episodes: number[] = [];

  const withdraw = (nowMs: number): NudgeChange[] => {
    if (!current) return [];
    const change: NudgeChange = { kind: 'withdrawn', level: current.level, atMs: nowMs };
    current = null;
    return [change];
  };

  return {
    get current() {
      return current;
    },
    get silenced() {
      return silenced;
    },
    update(nowMs, state) {
      if (state === EngagementState.away) {
        // Nobody is there to see it: take it down without counting an answer.
        drowsySinceMs = null;
        return withdraw(nowMs);
      }
      if (state !== EngagementState.drowsy) {
        drowsySinceMs = null;
        return [];
      }
      drowsySinceMs ??= nowMs;
      if (silenced) return [];
      if (current) {
        if (current.level < NudgeLevel.invite && nowMs - current.sinceMs >= o.escalateAfterMs) {
          current = { level: (current.level + 1) as NudgeLevel, sinceMs: nowMs };
          return [{ kind: 'shown', level: current.level, atMs: nowMs }];
        }
        return [];
      }
      while (episodes.length > 0 && nowMs - (episodes[0] ?? 0) > 3_600_000) episodes.shift();
      if (nowMs < cooldownUntilMs || episodes.length >= o.maxPerHour || nowMs - drowsySinceMs < o.firstAfterMs) return [];
      episodes.push(nowMs);
      current = { level: NudgeLevel.cue, sinceMs: nowMs };
      return [{ kind: 'shown', level: NudgeLevel.cue, atMs: nowMs }];
    },
    answer(nowMs) {
      drowsySinceMs = null;
      if (!current) return [];
      const change: NudgeChange = { kind: 'answered', level: current.level, atMs: nowMs };
      current = null;
      cooldownUntilMs = nowMs + o.cooldownMs;
      return [change];
    },
    silence(nowMs) {
      silenced = true;
      return withdraw(nowMs);
    },
    resume() {
      silenced = false;
    },
  };
}
