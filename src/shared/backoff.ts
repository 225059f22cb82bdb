/** Delay before attempt `attempt` (1-based) of something retried with doubling waits: base·2^(attempt−1), capped at `maxMs`. */
export function doublingDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
