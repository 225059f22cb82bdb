import { systemClock, type TimerClock } from '../shared/timer-clock';

/** Timer functions, injectable so tests can drive time. */
export type SenderClock = TimerClock;
export { systemClock };

/** A value channel that sends only changes, at most `maxHz`, always delivering the latest value. */
export interface ThrottledSender<T> {
  /** Offers the current value; it is sent now, later (trailing) or never if unchanged. */
  offer(value: T): void;
  /** Forgets what was sent so the next offer goes out (after a reconnection). */
  reset(): void;
  /** Cancels a pending trailing send. */
  dispose(): void;
}

/**
 * Creates a throttled sender: values equal to the last sent one are skipped; a changed value is
 * sent immediately if the interval has passed, otherwise once when it has (latest value wins).
 */
export function createThrottledSender<T>(
  maxHz: number,
  send: (value: T) => void,
  equals: (a: T, b: T) => boolean,
  clock: SenderClock = systemClock,
): ThrottledSender<T> {
  const intervalMs = 1000 / maxHz;
  let hasSent = false;
  let lastSent: T | undefined;
  let lastSentAt = -Infinity;
  let pending: { value: T } | null = null;
  let timer: unknown = null;

  const flush = (): void => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    if (hasSent && equals(lastSent as T, value)) return;
    hasSent = true;
    lastSent = value;
    lastSentAt = clock.now();
    send(value);
  };

  return {
    offer(value) {
      const unchanged = hasSent && equals(lastSent as T, value);
      if (unchanged && !pending) return;
      pending = { value };
      if (timer !== null) return;
      const wait = lastSentAt + intervalMs - clock.now();
      if (wait <= 0) flush();
      else timer = clock.setTimeout(flush, wait);
    },
    reset() {
      hasSent = false;
      lastSent = undefined;
      lastSentAt = -Infinity;
    },
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
