import type { ConnectionStatus } from '../state';

/** How a connection state reads to a person, and whether a retry makes sense. */
export interface ConnectionText {
  /** Empty when there is nothing to say (connected, idle). */
  readonly text: string;
  readonly retry: boolean;
}

/** Words for a connection state; `secondsLeft` is the reconnection countdown. Pure. */
export function describeConnection(status: ConnectionStatus, secondsLeft: number): ConnectionText {
  switch (status.kind) {
    case 'idle':
    case 'connected':
      return { text: '', retry: false };
    case 'connecting':
      return { text: 'Connecting to the space…', retry: false };
    case 'reconnecting':
      if (status.cause === 'restarting') return { text: `The server is restarting. Rejoining the space (attempt ${status.attempt}) in ${secondsLeft} s…`, retry: false };
      return { text: `Connection lost. Reconnecting (attempt ${status.attempt}) in ${secondsLeft} s…`, retry: false };
    case 'room_full':
      return { text: 'The space is full right now.', retry: true };
    case 'unreachable':
      return { text: `The server cannot be reached (${status.message}).`, retry: true };
    case 'error':
      return { text: `Could not join: ${status.message}`, retry: true };
    case 'left':
      return { text: 'You left the space.', retry: false };
  }
}
