import { ACTIVITY_KIND, ActivityPhase, ECHO_TARGETS, type ActivityTiming } from '../src/shared/engagement';
import { ErrorCode } from '../src/shared/protocol';
import { scoreRefusal, type ActivityEntry } from './activity-rules';

/**
 * The group activity (Emotion Echo) as a pure state machine: no clock, no I/O. The room calls
 * `tick(nowMs)` on a timer and mirrors `view()` into the synchronised state; every time check
 * uses the `nowMs` it is given, so a virtual clock drives it as well as the real one.
 *
 * idle → offered → round 1 → results → round 2 → … → round N → finished → idle
 */

/** Who started a run: a player from the menu, or the room because several players were drowsy. */
export type ActivityReason = 'menu' | 'drowsy';

/** Source of randomness in [0, 1) for round targets (injectable so tests replay a run). */
export type RandomSource = () => number;

import type { ActivityEntryView } from '../src/shared/engagement';

export type { ActivityEntryView };

/** The activity as the room state shows it (the fields of SyncedActivity). */
export interface ActivityView {
  readonly phase: ActivityPhase;
  readonly kind: string;
  readonly round: number;
  readonly rounds: number;
  readonly target: string;
  readonly phaseMs: number;
  readonly reason: ActivityReason | '';
  readonly entries: ReadonlyMap<string, ActivityEntryView>;
}

/** A finished run, as the engagement figures count it. */
export interface ActivityRun {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly reason: ActivityReason;
  readonly roundsCompleted: number;
  /** Players who had a part and did not decline (including those who left during the run). */
  readonly participants: number;
  readonly declines: number;
  /** Scores received over all rounds. */
  readonly scores: number;
}

/** What `tick` reports: a phase began, or a run ended (the room records it). */
export type ActivityEvent =
  | { readonly type: 'phase'; readonly phase: ActivityPhase; readonly round: number }
  | { readonly type: 'ended'; readonly run: ActivityRun };

/** Outcome of an action: done, or refused with a code and a sentence for the sender. */
export type ActivityResult = { ok: true } | { ok: false; code: ErrorCode; message: string };

/** The state machine the room drives. */
export interface Activity {
  /** Offers a run now to `playerIds`; refused while one is running. */
  offer(nowMs: number, reason: ActivityReason, playerIds: Iterable<string>): ActivityResult;
  /** A player joined the room: during a run they take part from the next round. */
  join(playerId: string): void;
  /** A player left the room: their part disappears from the view (the run's figures keep it). */
  leave(playerId: string): void;
  decline(playerId: string, nowMs: number): ActivityResult;
  score(playerId: string, round: number, score: number, nowMs: number): ActivityResult;
  /** Advances phases whose time is up (several, if the clock jumped); returns what happened. */
  tick(nowMs: number): ActivityEvent[];
  view(): ActivityView;
  /** When the last run ended (ms), or undefined when none has. */
  lastEndedAtMs(): number | undefined;
}

const ok: ActivityResult = { ok: true };
const refuse = (message: string): ActivityResult => ({ ok: false, code: ErrorCode.outOfTurn, message });

/** Creates an idle activity with `timing` (phase lengths, rounds) and `random` for targets. */
export function createActivity(timing: ActivityTiming, random: RandomSource = Math.random): Activity {
  let phase: ActivityPhase = ActivityPhase.idle;
  let round = 0;
  let target = '';
  let previousTarget = '';
  let reason: ActivityReason | '' = '';
  let phaseMs = 0;
  let endsAtMs = 0;
  let startedAtMs = 0;
  let lastEnded: number | undefined;
  let entries = new Map<string, ActivityEntry>();

  const running = () => phase !== ActivityPhase.idle;
  const finishedRounds = () => (phase === ActivityPhase.round ? round - 1 : round);

  function enter(next: ActivityPhase, atMs: number, durationMs: number): ActivityEvent {
    phase = next;
    phaseMs = durationMs;
    endsAtMs = atMs + durationMs;
    return { type: 'phase', phase, round };
  }

  function pickTarget(): string {
    const choices = ECHO_TARGETS.filter((label) => label !== previousTarget);
    const index = Math.min(choices.length - 1, Math.floor(random() * choices.length));
    previousTarget = choices[Math.max(0, index)] ?? ECHO_TARGETS[0] ?? 'happy';
    return previousTarget;
  }

  function end(atMs: number): ActivityEvent[] {
    const all = [...entries.values()];
    const run: ActivityRun = {
      startedAtMs,
      endedAtMs: atMs,
      reason: reason === '' ? 'menu' : reason,
      roundsCompleted: finishedRounds(),
      participants: all.filter((e) => !e.declined).length,
      declines: all.filter((e) => e.declined).length,
      scores: all.reduce((n, e) => n + e.scores.filter((s) => s >= 0).length, 0),
    };
    phase = ActivityPhase.idle;
    round = 0;
    target = '';
    reason = '';
    phaseMs = 0;
    entries = new Map();
    lastEnded = atMs;
    return [{ type: 'phase', phase, round }, { type: 'ended', run }];
  }

  /** The phase after the current one, starting at `atMs`. */
  function advance(atMs: number): ActivityEvent[] {
    if (phase === ActivityPhase.offered || phase === ActivityPhase.results) {
      round += 1;
      target = pickTarget();
      return [enter(ActivityPhase.round, atMs, timing.roundMs)];
    }
    if (phase === ActivityPhase.round) {
      return [round >= timing.rounds ? enter(ActivityPhase.finished, atMs, timing.finishedMs) : enter(ActivityPhase.results, atMs, timing.resultsMs)];
    }
    return end(atMs);
  }

  const active = () => [...entries.values()].filter((e) => !e.declined && !e.left);
  /** Everyone who can score this round has: no need to wait out the timer. */
  function roundComplete(): boolean {
    const eligible = active().filter((e) => e.fromRound <= round);
    return eligible.length > 0 && eligible.every((e) => (e.scores[round - 1] ?? -1) >= 0);
  }

  return {
    offer(nowMs, why, playerIds) {
      if (running()) return refuse('The activity is already running: take part or decline it, and start another once it has finished.');
      entries = new Map([...playerIds].map((id) => [id, newEntry(1)]));
      startedAtMs = nowMs;
      reason = why;
      round = 0;
      target = '';
      enter(ActivityPhase.offered, nowMs, timing.offerMs);
      return ok;
    },
    join(playerId) {
      if (!running() || phase === ActivityPhase.finished || entries.has(playerId)) return;
      const fromRound = phase === ActivityPhase.offered ? 1 : round + 1;
      if (fromRound <= timing.rounds) entries.set(playerId, newEntry(fromRound));
    },
    leave(playerId) {
      const entry = entries.get(playerId);
      if (entry) entry.left = true;
    },
    decline(playerId, nowMs) {
      if (!running() || phase === ActivityPhase.finished || (phase === ActivityPhase.round && round >= timing.rounds && nowMs >= endsAtMs)) {
        return refuse('There is no activity running to decline.');
      }
      const entry = entries.get(playerId);
      if (!entry || entry.left) return refuse('You are not part of this activity: you joined during its last round.');
      if (entry.declined) return refuse('You have already declined this activity.');
      entry.declined = true;
      return ok;
    },
    score(playerId, scoreRound, score, nowMs) {
      const problem = scoreRefusal({ phase, round, scoreRound, timeUp: nowMs >= endsAtMs, entry: entries.get(playerId) });
      if (problem) return refuse(problem);
      const entry = entries.get(playerId) as ActivityEntry;
      entry.scores[scoreRound - 1] = score;
      return ok;
    },
    tick(nowMs) {
      const events: ActivityEvent[] = [];
      if (running() && phase !== ActivityPhase.finished && active().length === 0) return end(nowMs);
      if (phase === ActivityPhase.round && roundComplete() && nowMs < endsAtMs) events.push(...advance(nowMs));
      while (running() && nowMs >= endsAtMs) events.push(...advance(endsAtMs));
      return events;
    },
    view() {
      const shown = finishedRounds();
      const out = new Map<string, ActivityEntryView>();
      for (const [id, entry] of entries) {
        if (entry.left) continue;
        const scores = entry.scores.slice(0, shown);
        out.set(id, { declined: entry.declined, total: scores.reduce((sum, s) => sum + Math.max(0, s), 0), scores });
      }
      const showTarget = phase === ActivityPhase.round || phase === ActivityPhase.results;
      return {
        phase, kind: running() ? ACTIVITY_KIND : '', round, rounds: timing.rounds,
        target: showTarget ? target : '', phaseMs, reason, entries: out,
      };
    },
    lastEndedAtMs: () => lastEnded,
  };

  function newEntry(fromRound: number): ActivityEntry {
    return { declined: false, left: false, fromRound, scores: new Array<number>(timing.rounds).fill(-1) };
  }
}
