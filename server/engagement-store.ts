import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { EngagementState, NudgeEvent, NudgeLevel } from '../src/shared/engagement';
import type { OperatorEngagementReport } from '../src/shared/operator-report';
import type { ActivityRun } from './activity';
import { readReport } from './engagement-report';

/**
 * The operator's engagement figures in SQLite (better-sqlite3, synchronous): per space, state
 * spans per pseudonymous player, nudge reports and activity runs. Nothing else is stored: no
 * names, session ids, audio or drowsiness values.
 *
 * Crash safety: open spans carry a heartbeat the room refreshes; opening the file closes spans
 * left open by a process that died at their last heartbeat.
 */
export interface EngagementStore {
  /** False for the store of a server that keeps no figures (EMOTONE_ENGAGEMENT_DB=off). */
  readonly recording: boolean;
  /** The player's state from `nowMs`; closes their previous span when the state changed. */
  setState(space: string, player: string, state: EngagementState, nowMs: number): void;
  /** Closes the player's open span (they left). */
  endPlayer(space: string, player: string, nowMs: number): void;
  /** Marks the space's open spans as alive at `nowMs`. */
  heartbeat(space: string, nowMs: number): void;
  nudge(space: string, player: string, level: NudgeLevel, event: NudgeEvent, nowMs: number): void;
  recordRun(space: string, run: ActivityRun): void;
  /** Figures of `space` over [sinceMs, nowMs]. */
  report(space: string, sinceMs: number, nowMs: number): OperatorEngagementReport;
  /** Closes every open span at `nowMs` (shutdown). */
  endAll(nowMs: number): void;
  close(): void;
}

/** The database setting that keeps no figures at all. */
export const ENGAGEMENT_DB_OFF = 'off';

/** Default file: $EMOTONE_ENGAGEMENT_DB, else server/data/engagement.sqlite (gitignored). */
export function defaultEngagementDb(): string {
  return process.env.EMOTONE_ENGAGEMENT_DB || fileURLToPath(new URL('./data/engagement.sqlite', import.meta.url));
}

/** The store of a server that keeps no figures: every write is dropped, nothing can be read. */
export function createNoEngagementStore(): EngagementStore {
  const nothing = () => undefined;
  return {
    recording: false,
    setState: nothing, endPlayer: nothing, heartbeat: nothing, nudge: nothing, recordRun: nothing, endAll: nothing, close: nothing,
    report() {
      throw new Error('This server keeps no engagement figures.');
    },
  };
}

/** The store `setting` names: a SQLite file, or none for ENGAGEMENT_DB_OFF. */
export function openEngagementStore(setting: string): EngagementStore {
  return setting === ENGAGEMENT_DB_OFF ? createNoEngagementStore() : createEngagementStore(setting);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS spans (
  id INTEGER PRIMARY KEY, space TEXT NOT NULL, player TEXT NOT NULL, state TEXT NOT NULL,
  from_ms REAL NOT NULL, to_ms REAL, heartbeat_ms REAL NOT NULL);
CREATE INDEX IF NOT EXISTS spans_by_space ON spans (space, from_ms);
CREATE INDEX IF NOT EXISTS spans_open ON spans (space, player) WHERE to_ms IS NULL;
CREATE TABLE IF NOT EXISTS nudges (
  id INTEGER PRIMARY KEY, space TEXT NOT NULL, player TEXT NOT NULL, at_ms REAL NOT NULL,
  level INTEGER NOT NULL, event TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS nudges_by_space ON nudges (space, at_ms);
CREATE TABLE IF NOT EXISTS activity_runs (
  id INTEGER PRIMARY KEY, space TEXT NOT NULL, started_ms REAL NOT NULL, ended_ms REAL NOT NULL,
  reason TEXT NOT NULL, rounds_completed INTEGER NOT NULL, participants INTEGER NOT NULL,
  declines INTEGER NOT NULL, scores INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS runs_by_space ON activity_runs (space, ended_ms);
`;

/** Opens (creating folder, file and tables as needed) the store at `path`. */
export function createEngagementStore(path: string): EngagementStore {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  // Spans a crashed process left open end at their last sign of life.
  db.prepare('UPDATE spans SET to_ms = heartbeat_ms WHERE to_ms IS NULL').run();

  const openSpan = db.prepare<[string, string], { id: number; state: string }>(
    'SELECT id, state FROM spans WHERE space = ? AND player = ? AND to_ms IS NULL');
  const closeSpan = db.prepare<[number, number, number]>('UPDATE spans SET to_ms = ?, heartbeat_ms = ? WHERE id = ?');
  const insertSpan = db.prepare<[string, string, string, number, number]>(
    'INSERT INTO spans (space, player, state, from_ms, heartbeat_ms) VALUES (?, ?, ?, ?, ?)');
  const beat = db.prepare<[number, string]>('UPDATE spans SET heartbeat_ms = ? WHERE space = ? AND to_ms IS NULL');
  const closeAll = db.prepare<[number, number]>('UPDATE spans SET to_ms = ?, heartbeat_ms = ? WHERE to_ms IS NULL');
  const insertNudge = db.prepare<[string, string, number, number, string]>(
    'INSERT INTO nudges (space, player, at_ms, level, event) VALUES (?, ?, ?, ?, ?)');
  const insertRun = db.prepare<[string, number, number, string, number, number, number, number]>(
    `INSERT INTO activity_runs (space, started_ms, ended_ms, reason, rounds_completed, participants, declines, scores)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);

  const endOpen = (space: string, player: string, nowMs: number): string | undefined => {
    const open = openSpan.all(space, player);
    for (const span of open) closeSpan.run(nowMs, nowMs, span.id);
    return open.at(-1)?.state;
  };
  const setState = db.transaction((space: string, player: string, state: EngagementState, nowMs: number) => {
    const open = openSpan.all(space, player);
    if (open.length === 1 && open[0]?.state === state) return;
    endOpen(space, player, nowMs);
    insertSpan.run(space, player, state, nowMs, nowMs);
  });
  let closed = false;

  return {
    recording: true,
    setState: (space, player, state, nowMs) => setState(space, player, state, nowMs),
    endPlayer: (space, player, nowMs) => void endOpen(space, player, nowMs),
    heartbeat: (space, nowMs) => void beat.run(nowMs, space),
    nudge: (space, player, level, event, nowMs) => void insertNudge.run(space, player, nowMs, level, event),
    recordRun(space, run) {
      insertRun.run(space, run.startedAtMs, run.endedAtMs, run.reason, run.roundsCompleted, run.participants, run.declines, run.scores);
    },
    report: (space, sinceMs, nowMs) => readReport(db, space, sinceMs, nowMs),
    endAll: (nowMs) => void closeAll.run(nowMs, nowMs),
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
