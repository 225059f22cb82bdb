import { useEffect } from 'react';
import type { AppStore } from '../state';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import type { Session } from '../app/session';
import { Roster } from './Roster';

/** The spectator's overlay: connection state, roster with timelines, and a way back. */
export function SpectatorHud({ store, session }: { readonly store: AppStore; readonly session: Session }) {
  useEffect(() => {
    const timer = setInterval(() => store.pruneTimelines(), 5000);
    return () => clearInterval(timer);
  }, [store]);
  return (
    <div className="hud spectator">
      <ConnectionBanner store={store} onRetry={session.retry} />
      <Roster store={store} />
      <div className="hud-actions">
        <span className="badge">Spectating — drag to orbit, wheel to zoom</span>
        <button type="button" className="secondary" onClick={() => void session.leave()}>Leave</button>
      </div>
    </div>
  );
}
