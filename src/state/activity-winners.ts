import type { ActivityView } from './app-state';

/** The session ids with the best total among participants (ties share); empty before any score. */
export function activityWinners(activity: ActivityView): ReadonlySet<string> {
  let best = 0;
  for (const e of Object.values(activity.entries)) if (!e.declined && e.total > best) best = e.total;
  if (best <= 0) return new Set();
  return new Set(Object.entries(activity.entries).filter(([, e]) => !e.declined && e.total === best).map(([id]) => id));
}

/** True while the finished activity's winners celebrate and `sessionId` is one of them. */
export function isCelebrating(activity: ActivityView, sessionId: string | null): boolean {
  return sessionId !== null && activity.phase === 'finished' && activityWinners(activity).has(sessionId);
}
