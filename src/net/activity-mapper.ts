import { isEmotionLabel } from '../shared/emotion-labels';
import { ActivityPhase } from '../shared/engagement';
import type { SyncedActivity } from '../shared/protocol';
import { IDLE_ACTIVITY, type ActivityEntryView, type ActivityView } from '../state';

const PHASES: ReadonlySet<string> = new Set(Object.values(ActivityPhase));

function sameEntry(a: ActivityEntryView | undefined, b: ActivityEntryView): boolean {
  return a !== undefined && a.declined === b.declined && a.total === b.total && a.scores.length === b.scores.length && a.scores.every((v, i) => v === b.scores[i]);
}

/**
 * The synchronised activity as a store record. Keeps `previous` (and each unchanged entry) when
 * nothing changed; a new phase or round is stamped with the local time `nowMs` it was seen.
 */
export function mapActivity(synced: SyncedActivity | undefined, previous: ActivityView, nowMs: number): ActivityView {
  if (!synced || !PHASES.has(synced.phase) || synced.phase === ActivityPhase.idle) return previous.phase === ActivityPhase.idle ? previous : IDLE_ACTIVITY;
  const entries: Record<string, ActivityEntryView> = {};
  let entriesChanged = false;
  let count = 0;
  synced.entries.forEach((raw, sessionId) => {
    const scores: number[] = [];
    raw.scores.forEach((score) => void scores.push(Number.isFinite(score) ? score : -1));
    const entry: ActivityEntryView = { declined: raw.declined, total: Number.isFinite(raw.total) ? raw.total : 0, scores };
    const prev = previous.entries[sessionId];
    const keep = sameEntry(prev, entry);
    entriesChanged ||= !keep;
    entries[sessionId] = keep && prev ? prev : entry;
    count++;
  });
  entriesChanged ||= count !== Object.keys(previous.entries).length;
  const phase = synced.phase as ActivityPhase;
  const target = isEmotionLabel(synced.target) ? synced.target : null;
  const newPhase = phase !== previous.phase || synced.round !== previous.round;
  const same = !newPhase && !entriesChanged && target === previous.target && synced.rounds === previous.rounds && synced.phaseMs === previous.phaseMs && synced.reason === previous.reason;
  if (same) return previous;
  return {
    phase,
    round: synced.round,
    rounds: synced.rounds,
    target,
    phaseMs: synced.phaseMs,
    phaseSeenAtMs: newPhase ? nowMs : previous.phaseSeenAtMs,
    reason: synced.reason,
    entries: entriesChanged ? entries : previous.entries,
  };
}
