import { useEffect, useState } from 'react';
import type { AppState, AppStore, ConnectionStatus } from '../state';
import { describeConnection } from './connection-text';
import { useAppStore } from '../state/use-app-store';

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
  const { text, retry } = describeConnection(status, seconds);
  if (!text) return <div className="connection ok" data-testid="connection" data-state={status.kind} aria-live="polite" />;
  return (
    <div className={`connection ${status.kind}`} role="status" aria-live="polite" data-testid="connection" data-state={status.kind}>
      {text}
      {retry ? <button type="button" onClick={onRetry}>Try again</button> : null}
    </div>
  );
}
