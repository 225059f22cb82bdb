/** Reconnection policy: exponential backoff with a cap and an overall seat-keeping window. */
export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** How long the server keeps a dropped seat; past it the client joins afresh. */
  readonly seatWindowMs: number;
  /** Give up (status 'unreachable') after this many attempts in total. */
  readonly maxAttempts: number;
}

/** Defaults sized to the server's 20 s reconnection window. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 8000,
  seatWindowMs: 20_000,
  maxAttempts: 12,
};

/** Delay before attempt `attempt` (1-based): initial·2^(attempt-1), capped. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}
