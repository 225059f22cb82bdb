import { useEffect, useState } from 'react';
import type { AppState, AppStore, ConnectionStatus } from '../state';
import { useAppStore } from './use-app-store';

const selectConnection = (s: AppState): ConnectionStatus => s.connection;

/** Seconds until `atMs`, refreshed every 250 ms while shown. */
function useCountdown(atMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (atMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [atMs]);
  return atMs === null ? 0 : Math.max(0, Math.ceil((atMs - now) / 1000));
}

/** Shows the room connection: connecting, reconnecting (with countdown), room full, unreachable. */
export function ConnectionBanner({ store, onRetry }: { readonly store: AppStore; readonly onRetry: () => void }) {
  const status = useAppStore(store, selectConnection);
  const seconds = useCountdown(status.kind === 'reconnecting' ? status.retryAtMs : null);
  let text: string;
  let retry = false;
  switch (status.kind) {
    case 'idle':
    case 'connected':
      return <div className="connection ok" data-testid="connection" data-state={status.kind} aria-live="polite" />;
    case 'connecting':
      text = 'Connecting to the space…';
      break;
    case 'reconnecting':
      text = `Connection lost. Reconnecting (attempt ${status.attempt}) in ${seconds} s…`;
      break;
    case 'room_full':
      text = 'The space is full right now.';
      retry = true;
      break;
    case 'unreachable':
      text = `The server cannot be reached (${status.message}).`;
      retry = true;
      break;
    case 'error':
      text = `Could not join: ${status.message}`;
      retry = true;
      break;
    case 'left':
      text = 'You left the space.';
      break;
  }
  return (
    <div className={`connection ${status.kind}`} role="status" aria-live="polite" data-testid="connection" data-state={status.kind}>
      {text}
      {retry ? <button type="button" onClick={onRetry}>Try again</button> : null}
    </div>
  );
}
