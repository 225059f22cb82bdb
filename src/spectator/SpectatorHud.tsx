import { useEffect } from 'react';
import type { AppStore } from '../state';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { GalleryCaptions } from './GalleryCaptions';
import { Roster } from './Roster';

/** The spectator's overlay: connection state, roster with timelines, and a way back. */
export function SpectatorHud({ store, onRetry, onLeave }: { readonly store: AppStore; readonly onRetry: () => void; readonly onLeave: () => void }) {
  useEffect(() => {
    const timer = setInterval(() => store.pruneTimelines(), 5000);
    return () => clearInterval(timer);
  }, [store]);
  return (
    <div className="hud spectator">
      <ConnectionBanner store={store} onRetry={onRetry} />
      <Roster store={store} />
      <GalleryCaptions store={store} />
      <div className="hud-actions">
        <span className="badge">Spectating — drag to orbit, wheel to zoom</span>
        <button type="button" className="secondary" onClick={onLeave}>Leave</button>
      </div>
    </div>
  );
}
