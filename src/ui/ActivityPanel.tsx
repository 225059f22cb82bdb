import { useEffect, useState } from 'react';
import { ActivityPhase } from '../shared/engagement';
import type { ActivityView, AppState, AppStore } from '../state';
import { useAppStore } from '../state/use-app-store';
import { activityHeadline, formatScore, scoreboard } from './engagement-text';

const selectActivity = (s: AppState): ActivityView => s.activity;
const selectPeers = (s: AppState): AppState['peers'] => s.peers;
const selectSessionId = (s: AppState): string | null => s.sessionId;
const selectName = (s: AppState): string => s.self.name;

/** Re-renders every 250 ms while `active`, for the countdown. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Props of {@link ActivityPanel}. */
export interface ActivityPanelProps {
  readonly store: AppStore;
  /** Sit out the offered or running activity; absent for spectators. */
  readonly onDecline?: () => void;
  /** Where it sits: at the top for players, at the bottom for spectators (their panels are at the top). */
  readonly placement?: 'top' | 'bottom';
}

/**
 * The group activity for desktop players and spectators: the countdown and the emotion to say,
 * and a scoreboard of every player's round scores. Nothing while no activity runs.
 */
export function ActivityPanel({ store, onDecline, placement = 'top' }: ActivityPanelProps) {
  const activity = useAppStore(store, selectActivity);
  const peers = useAppStore(store, selectPeers);
  const ownId = useAppStore(store, selectSessionId);
  const ownName = useAppStore(store, selectName);
  const now = useNow(activity.phase !== ActivityPhase.idle);
  if (activity.phase === ActivityPhase.idle) return null;
  const own = ownId ? activity.entries[ownId] : undefined;
  const sittingOut = own?.declined ?? false;
  const nameOf = (id: string): string => (id === ownId ? `${ownName || 'you'} (you)` : peers[id]?.name || 'guest');
  const rows = scoreboard(activity, nameOf);
  const canDecline = onDecline && own && !own.declined && activity.phase !== ActivityPhase.finished;
  return (
    <section className={`activity ${placement}`} aria-label="Emotion Echo" data-testid="activity" data-phase={activity.phase} data-round={activity.round}>
      <h2>Emotion Echo</h2>
      <p className="activity-headline" data-testid="activity-headline">{activityHeadline(activity, now, sittingOut)}</p>
      {activity.phase === ActivityPhase.round && !sittingOut && activity.target ? (
        <p className="activity-target" data-testid="activity-target">{activity.target}</p>
      ) : null}
      <table className="scoreboard" data-testid="scoreboard">
        <thead>
          <tr>
            <th scope="col">Player</th>
            {Array.from({ length: activity.rounds }, (_, i) => <th key={i} scope="col">R{i + 1}</th>)}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.sessionId} className={row.declined ? 'declined' : ''} data-testid="score-row">
              <td>{row.name}{row.declined ? ' (sat out)' : ''}</td>
              {Array.from({ length: activity.rounds }, (_, i) => <td key={i}>{formatScore(row.scores[i] ?? -1)}</td>)}
              <td>{Math.round(row.total * 100)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canDecline ? <button type="button" className="secondary" onClick={onDecline} data-testid="activity-decline">Sit this out</button> : null}
    </section>
  );
}
