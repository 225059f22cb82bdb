import { doublingDelayMs } from '../shared/backoff';
import type { TimerClock } from '../shared/timer-clock';

/**
 * How voice connections are retried. ICE usually settles in 1–3 s on one network and a few more
 * through TURN; a connection that is not up in 15 s will not come up without a new attempt.
 */

/** Timings of connection attempts. */
export interface RetryPolicy {
  /** The offering side's limit for a new or restarted connection to come up. */
  readonly connectTimeoutMs: number;
  /** The answering side closes a link that never comes up (or stays down) this long. */
  readonly answerTimeoutMs: number;
  /** A 'disconnected' connection gets this long to recover by itself before it counts as failed. */
  readonly disconnectGraceMs: number;
  /** Failures the offering side retries before it gives up for giveUpCooldownMs. */
  readonly maxAttempts: number;
  /** Of those, how many are ICE restarts on the same connection (the rest make a new one). */
  readonly iceRestarts: number;
  /** First retry delay; doubled for each further failure up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A peer that said bye is not offered to again for this long (doubled each time, up to maxCooldownMs). */
  readonly byeCooldownMs: number;
  /** A peer given up on is not offered to again for this long. */
  readonly giveUpCooldownMs: number;
  readonly maxCooldownMs: number;
}

/** The defaults. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  connectTimeoutMs: 15_000,
  answerTimeoutMs: 60_000,
  disconnectGraceMs: 5_000,
  maxAttempts: 5,
  iceRestarts: 2,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  byeCooldownMs: 10_000,
  giveUpCooldownMs: 60_000,
  maxCooldownMs: 120_000,
});

/** Delay before retry number `attempt` (1-based): 1 s, 2 s, 4 s, … up to maxDelayMs. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return doublingDelayMs(attempt, policy.baseDelayMs, policy.maxDelayMs);
}

/** Peers this side does not offer to for a while (they said bye, or could not be reached). */
export interface Cooldowns {
  /** Starts (or lengthens) a peer's wait: `baseMs`, doubled for each earlier one, up to maxCooldownMs. */
  start(peerId: string, baseMs: number): void;
  active(peerId: string): boolean;
  activeIds(): Set<string>;
  /** The peer connected, or offered to us itself: it owes no wait any more. */
  delete(peerId: string): void;
}

/** Creates the cooldowns of one session. */
export function createCooldowns(clock: TimerClock, policy: RetryPolicy = DEFAULT_RETRY): Cooldowns {
  const waits = new Map<string, { untilMs: number; count: number }>();
  const active = (peerId: string): boolean => (waits.get(peerId)?.untilMs ?? -Infinity) > clock.now();
  return {
    start(peerId, baseMs) {
      const count = (waits.get(peerId)?.count ?? 0) + 1;
      waits.set(peerId, { untilMs: clock.now() + Math.min(policy.maxCooldownMs, baseMs * 2 ** (count - 1)), count });
    },
    active,
    activeIds: () => new Set([...waits.keys()].filter(active)),
    delete: (peerId) => void waits.delete(peerId),
  };
}
