/**
 * How the room client reacts to failures: backoff between attempts, and what a failed join means.
 */

import { doublingDelayMs } from '../shared/backoff';
/** Reconnection policy: exponential backoff with a cap and an overall seat-keeping window. */
export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** How long the server keeps a dropped seat; past it the client joins afresh. */
  readonly seatWindowMs: number;
  /** Give up (status 'unreachable') after this many attempts the server answered and refused. */
  readonly maxAttempts: number;
  /**
   * While the server cannot be reached at all (connection refused, a gateway with no process
   * behind it), probe this often instead of backing off: a restarted server is found within it.
   */
  readonly probeDelayMs?: number;
  /** Give up after this long without getting back in, however the attempts failed. */
  readonly giveUpAfterMs?: number;
}

/** Defaults sized to the server's 20 s reconnection window. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 8000,
  seatWindowMs: 20_000,
  maxAttempts: 12,
  probeDelayMs: 500,
  giveUpAfterMs: 120_000,
};

/** Delay before attempt `attempt` (1-based): initial·2^(attempt-1), capped. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return doublingDelayMs(attempt, policy.initialDelayMs, policy.maxDelayMs);
}

/** How a failed join or reconnection should be reported and handled. */
export type JoinFailure =
  | { readonly kind: 'room_full' }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

const GATEWAY_STATUSES = new Set([0, 502, 503, 504]);

/**
 * Classifies an error thrown by the SDK's matchmaking calls. Network failures carry a string code
 * (ECONNREFUSED), none at all (browser fetch TypeError), or a proxy's gateway status.
 */
export function classifyJoinError(error: unknown): JoinFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (/\bfull\b|maxClients|max(imum)? (players|clients|spectators)/i.test(message)) return { kind: 'room_full' };
  // ECONN… in capitals only: 'reconnectionToken' in a server's sentence is no network failure.
  if (typeof code !== 'number' || GATEWAY_STATUSES.has(code) || /fetch|network|socket hang up/i.test(message) || /\bECONN[A-Z]+\b/.test(message)) {
    return { kind: 'unreachable', message: message || 'server unreachable' };
  }
  return { kind: 'error', message };
}
