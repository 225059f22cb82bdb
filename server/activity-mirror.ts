import type { ActivityEntryView, ActivityView } from './activity';
import { ActivityEntrySchema, type ActivitySchema } from './schema';

/**
 * Copies the activity state machine's view into the synchronised schema. @colyseus/schema skips
 * assignments of an unchanged value, so mirroring after every action sends only what changed.
 */
export function mirrorActivity(view: ActivityView, target: ActivitySchema): void {
  target.phase = view.phase;
  target.kind = view.kind;
  target.round = view.round;
  target.rounds = view.rounds;
  target.target = view.target;
  target.phaseMs = view.phaseMs;
  target.reason = view.reason;
  for (const id of [...target.entries.keys()]) {
    if (!view.entries.has(id)) target.entries.delete(id);
  }
  for (const [id, entry] of view.entries) {
    let synced = target.entries.get(id);
    if (!synced) {
      synced = new ActivityEntrySchema();
      target.entries.set(id, synced);
    }
    mirrorEntry(entry, synced);
  }
}

function mirrorEntry(entry: ActivityEntryView, synced: ActivityEntrySchema): void {
  synced.declined = entry.declined;
  synced.total = entry.total;
  const { scores } = synced;
  while (scores.length > entry.scores.length) scores.pop();
  entry.scores.forEach((score, i) => {
    if (i >= scores.length) scores.push(score);
    else if (scores[i] !== score) scores[i] = score;
  });
}
