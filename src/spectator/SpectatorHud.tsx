import { useEffect } from 'react';
import type { AppStore } from '../state';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { GalleryCaptions } from './GalleryCaptions';
import { Roster } from './Roster';

/** The spectator's overlay: connection state, roster with timelines, why no voices are heard, and a way back. */
export function SpectatorHud({ store, onRetry, onLeave, voiceNote }: { readonly store: AppStore; readonly onRetry: () => void; readonly onLeave: () => void; readonly voiceNote?: string }) {
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
        {voiceNote ? <span className="badge" data-testid="spectator-voice-note">{voiceNote}</span> : null}
        <button type="button" className="secondary" onClick={onLeave}>Leave</button>
      </div>
    </div>
  );
}
