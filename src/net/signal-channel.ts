import { ClientMessage, ServerMessage, type ErrorPayload } from '../shared/protocol';
import { SIGNAL_LIMITS, type SignalMessage, type SignalPayload } from '../shared/talk-protocol';
import { validateServerSignal, validateSignal } from '../shared/validate';
import { systemClock, type SenderClock } from './throttled-sender';

/**
 * WebRTC signalling over the room: what voice chat's SignalChannel (src/talk) asks of the
 * network. Outgoing signals are paced to stay inside the room's per-sender limit, since a refused
 * ICE candidate can cost a connection; incoming ones are checked before anyone sees them.
 */

/** Sends and receives signals for the own player. */
export interface RoomSignals {
  /**
   * Queues a signal for the player `to`. False when it cannot go out: not joined as a player, or
   * the message breaks the protocol (an SDP too long for the room, say), which the caller must
   * treat as a failed connection rather than wait for an answer.
   */
  send(to: string, message: SignalMessage): boolean;
  /** Calls `listener` for every signal from another player; returns the unsubscribe. */
  onSignal(listener: (from: string, message: SignalMessage) => void): () => void;
  /**
   * Calls `listener` when the room refused one of our signals (peer gone, blocked, rate). These
   * are routine while peers come and go, so they are not the store's lastError (the HUD shows that).
   */
  onRefused(listener: (error: ErrorPayload) => void): () => void;
}

/** The part of an SDK Room the channel uses. */
export interface SignalRoom {
  send(type: string, payload: unknown): void;
  onMessage(type: string, callback: (payload: unknown) => void): () => void;
}

/** The channel and the room client's handle on it. */
export interface RoomSignalsHandle {
  readonly signals: RoomSignals;
  /** Joined (a room) or left (null): signals still queued belong to the old connection and are dropped. */
  attach(room: SignalRoom | null): void;
  /** The room refused a signal: passed to onRefused listeners. */
  refused(error: ErrorPayload): void;
  dispose(): void;
}

/**
 * Burst the client allows itself: under the room's SIGNAL_LIMITS.burst, because the network can
 * bunch messages sent apart, and the room counts when they arrive.
 */
export const CLIENT_SIGNAL_BURST = SIGNAL_LIMITS.burst - 10;

/** Creates the signalling channel of one room client. */
export function createRoomSignals(clock: SenderClock = systemClock): RoomSignalsHandle {
  const listeners = new Set<(from: string, message: SignalMessage) => void>();
  const refusalListeners = new Set<(error: ErrorPayload) => void>();
  let room: SignalRoom | null = null;
  let unsubscribe: (() => void) | null = null;
  const queue: SignalPayload[] = [];
  let tokens: number = CLIENT_SIGNAL_BURST;
  let tokensAtMs = clock.now();
  let timer: unknown = null;

  const refill = (): void => {
    const now = clock.now();
    tokens = Math.min(CLIENT_SIGNAL_BURST, tokens + ((now - tokensAtMs) / 1000) * SIGNAL_LIMITS.perSecond);
    tokensAtMs = now;
  };
  const drain = (): void => {
    timer = null;
    refill();
    while (room && queue.length > 0 && tokens >= 1) {
      tokens -= 1;
      room.send(ClientMessage.signal, queue.shift());
    }
    if (room && queue.length > 0) timer = clock.setTimeout(drain, Math.ceil(((1 - tokens) / SIGNAL_LIMITS.perSecond) * 1000));
  };
  const deliver = (payload: unknown): void => {
    const checked = validateServerSignal(payload);
    if (!checked.ok) return;
    const { from, ...message } = checked.value;
    for (const listener of [...listeners]) listener(from, message as SignalMessage);
  };
  const detach = (): void => {
    unsubscribe?.();
    unsubscribe = null;
    room = null;
    queue.length = 0;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };

  return {
    signals: {
      send(to, message) {
        if (!room) return false;
        const checked = validateSignal({ ...message, to });
        if (!checked.ok) return false;
        queue.push(checked.value);
        if (timer === null) drain();
        return true;
      },
      onSignal(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      onRefused(listener) {
        refusalListeners.add(listener);
        return () => void refusalListeners.delete(listener);
      },
    },
    refused(error) {
      for (const listener of [...refusalListeners]) listener(error);
    },
    attach(next) {
      detach();
      if (!next) return;
      room = next;
      unsubscribe = next.onMessage(ServerMessage.signal, deliver);
    },
    dispose() {
      detach();
      listeners.clear();
      refusalListeners.clear();
    },
  };
}
