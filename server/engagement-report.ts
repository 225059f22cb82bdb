import type { Database } from 'better-sqlite3';
import { ENGAGEMENT_STATES, type EngagementState } from '../src/shared/engagement';
import {
  REENGAGE_WINDOW_MS, type ActivityRunRecord, type NudgeMark, type OperatorEngagementReport, type PerLevel, type StateSpan,
} from '../src/shared/operator-report';

/** Most spans, nudge marks and runs one report lists (the latest ones; aggregates cover all). */
export const REPORT_ROW_LIMIT = 5000;

/** Spans overlapping [:since, :now] of :space. */
const IN_WINDOW = 'space = :space AND from_ms <= :now AND COALESCE(to_ms, :now) >= :since';

interface Window { space: string; since: number; now: number }

/** Reads the figures of `space` over [sinceMs, nowMs] from the engagement database. */
export function readReport(db: Database, space: string, sinceMs: number, nowMs: number): OperatorEngagementReport {
  const w: Window = { space, since: sinceMs, now: nowMs };
  const spans = db.prepare<Window, { player: string; state: EngagementState; fromMs: number; toMs: number | null }>(
    `SELECT player, state, from_ms AS fromMs, to_ms AS toMs FROM spans WHERE ${IN_WINDOW}
     ORDER BY from_ms DESC, id DESC LIMIT ${REPORT_ROW_LIMIT + 1}`).all(w);
  const truncated = spans.length > REPORT_ROW_LIMIT;
  const marks = db.prepare<Window, NudgeMark>(
    `SELECT player, at_ms AS atMs, level, event FROM nudges WHERE space = :space AND at_ms BETWEEN :since AND :now
     ORDER BY at_ms DESC, id DESC LIMIT ${REPORT_ROW_LIMIT}`).all(w).reverse();
  const runs = db.prepare<Window, ActivityRunRecord>(
    `SELECT started_ms AS startedAtMs, ended_ms AS endedAtMs, reason, rounds_completed AS roundsCompleted,
     participants, declines, scores FROM activity_runs WHERE space = :space AND ended_ms BETWEEN :since AND :now
     ORDER BY ended_ms DESC, id DESC LIMIT ${REPORT_ROW_LIMIT}`).all(w).reverse();
  return {
    space,
    spaces: listSpaces(db),
    nowMs,
    sinceMs,
    players: (db.prepare<Window, { n: number }>(`SELECT COUNT(DISTINCT player) AS n FROM spans WHERE ${IN_WINDOW}`).get(w)?.n) ?? 0,
    timeInStateMs: timeInState(db, w),
    nudges: { shown: nudgesPerLevel(db, w, 'shown'), answered: nudgesPerLevel(db, w, 'answered') },
    reengagement: reengagement(db, w),
    activities: activityTotals(db, w),
    timeline: timeline(spans.slice(0, REPORT_ROW_LIMIT).reverse()),
    nudgeMarks: marks,
    runs,
    truncated,
  };
}

function listSpaces(db: Database): string[] {
  return db.prepare<[], { space: string }>(
    'SELECT space FROM spans UNION SELECT space FROM nudges UNION SELECT space FROM activity_runs ORDER BY space').all().map((r) => r.space);
}

function timeInState(db: Database, w: Window): Record<EngagementState, number> {
  const rows = db.prepare<Window, { state: string; ms: number }>(
    `SELECT state, SUM(MIN(COALESCE(to_ms, :now), :now) - MAX(from_ms, :since)) AS ms FROM spans WHERE ${IN_WINDOW} GROUP BY state`).all(w);
  const out = Object.fromEntries(ENGAGEMENT_STATES.map((s) => [s, 0])) as Record<EngagementState, number>;
  for (const row of rows) if (row.state in out) out[row.state as EngagementState] = row.ms;
  return out;
}

function nudgesPerLevel(db: Database, w: Window, event: string): PerLevel {
  const rows = db.prepare<Window & { event: string }, { level: number; n: number }>(
    `SELECT level, COUNT(*) AS n FROM nudges WHERE space = :space AND event = :event AND at_ms BETWEEN :since AND :now GROUP BY level`).all({ ...w, event });
  const count = (level: number) => rows.find((r) => r.level === level)?.n ?? 0;
  return { 1: count(1), 2: count(2), 3: count(3) };
}

/** A nudge shown counts as answered by re-engagement when the player turns 'engaged' within the window after it. */
function reengagement(db: Database, w: Window): OperatorEngagementReport['reengagement'] {
  const row = db.prepare<Window & { within: number }, { shown: number; reengaged: number | null; waiting: number | null }>(
    `SELECT COUNT(*) AS shown, SUM(r) AS reengaged, SUM(NOT r AND at_ms + :within > :now) AS waiting FROM (
       SELECT n.at_ms, EXISTS (SELECT 1 FROM spans s WHERE s.space = n.space AND s.player = n.player AND s.state = 'engaged'
         AND s.from_ms >= n.at_ms AND s.from_ms <= n.at_ms + :within) AS r
       FROM nudges n WHERE n.space = :space AND n.event = 'shown' AND n.at_ms BETWEEN :since AND :now)`).get({ ...w, within: REENGAGE_WINDOW_MS });
  const shown = row?.shown ?? 0;
  const reengaged = row?.reengaged ?? 0;
  const pending = row?.waiting ?? 0;
  const decided = shown - pending;
  return { shown, reengaged, pending, rate: decided > 0 ? reengaged / decided : null };
}

function activityTotals(db: Database, w: Window): OperatorEngagementReport['activities'] {
  const rows = db.prepare<Window, { reason: string; runs: number; rounds: number; participants: number; declines: number; scores: number }>(
    `SELECT reason, COUNT(*) AS runs, SUM(rounds_completed) AS rounds, SUM(participants) AS participants,
     SUM(declines) AS declines, SUM(scores) AS scores FROM activity_runs
     WHERE space = :space AND ended_ms BETWEEN :since AND :now GROUP BY reason`).all(w);
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    runs: sum((r) => r.runs),
    byReason: Object.fromEntries(rows.map((r) => [r.reason, r.runs])),
    roundsCompleted: sum((r) => r.rounds),
    participants: sum((r) => r.participants),
    declines: sum((r) => r.declines),
    scores: sum((r) => r.scores),
  };
}

function timeline(spans: ReadonlyArray<{ player: string } & StateSpan>): OperatorEngagementReport['timeline'] {
  const byPlayer = new Map<string, StateSpan[]>();
  for (const { player, state, fromMs, toMs } of spans) {
    const list = byPlayer.get(player) ?? [];
    list.push({ state, fromMs, toMs });
    byPlayer.set(player, list);
  }
  return [...byPlayer].map(([player, list]) => ({ player, spans: list }));
}
