import type { ActivityView } from './app-state';

const NO_WINNERS: ReadonlySet<string> = new Set();
/** Winners per activity record: records are immutable, so each is worked out once (avatars ask every frame). */
const cache = new WeakMap<ActivityView, ReadonlySet<string>>();

/** The session ids with the best total among participants (ties share); empty before any score. */
export function activityWinners(activity: ActivityView): ReadonlySet<string> {
  let winners = cache.get(activity);
  if (!winners) cache.set(activity, (winners = findWinners(activity)));
  return winners;
}

function findWinners(activity: ActivityView): ReadonlySet<string> {
  let best = 0;
  for (const e of Object.values(activity.entries)) if (!e.declined && e.total > best) best = e.total;
  if (best <= 0) return NO_WINNERS;
  return new Set(Object.entries(activity.entries).filter(([, e]) => !e.declined && e.total === best).map(([id]) => id));
}

/** True while the finished activity's winners celebrate and `sessionId` is one of them. */
export function isCelebrating(activity: ActivityView, sessionId: string | null): boolean {
  return sessionId !== null && activity.phase === 'finished' && activityWinners(activity).has(sessionId);
}
