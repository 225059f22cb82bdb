import type { RoomSignals } from '../net';
import type { SignalMessage } from '../shared/talk-protocol';
import type { SignalChannel } from '../talk';

/**
 * One signalling channel for the whole page, over whichever room client the session holds now.
 * Voice chat subscribes once; each join makes a new room client, and this moves the
 * subscriptions to it, so nothing in voice chat needs to know that clients come and go.
 */
export interface SessionSignals {
  readonly channel: SignalChannel;
  /** The session's room client changed (null: left). */
  use(signals: RoomSignals | null): void;
}

/** Creates the forwarding channel; it sends nothing until `use` gives it a client. */
export function createSessionSignals(): SessionSignals {
  const listeners = new Set<(from: string, message: SignalMessage) => void>();
  let current: RoomSignals | null = null;
  let unsubscribe: (() => void) | null = null;
  const deliver = (from: string, message: SignalMessage): void => {
    for (const listener of [...listeners]) listener(from, message);
  };
  return {
    channel: {
      send: (to, message) => current?.send(to, message) ?? false,
      onSignal(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    use(signals) {
      if (signals === current) return;
      unsubscribe?.();
      current = signals;
      unsubscribe = signals ? signals.onSignal(deliver) : null;
    },
  };
}
