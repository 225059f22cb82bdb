/**
 * Per-address token buckets: each address may spend `burst` requests at once and gets
 * `perSecond` back over time. A full bucket is forgotten, so memory follows the addresses that
 * are actually busy, not every address ever seen.
 */

/** Rate of one kind of request. */
export interface RateLimit {
  /** Requests an idle address may make at once. */
  burst: number;
  /** Requests per second an address gets back. */
  perSecond: number;
}

/** Result of {@link RateLimiter.take}. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSec: number };

/** Buckets keyed by client address. */
export interface RateLimiter {
  /** Spends one request of `address`, or says how long until it may try again. */
  take(address: string): RateDecision;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/** Sweep for full buckets once this many addresses are tracked, at most once a second. */
const SWEEP_AT = 4096;
const SWEEP_EVERY_MS = 1000;

/**
 * The bucket an address spends from: an IPv4 address itself, an IPv6 address's /64 (one
 * subscriber usually holds a whole /64, so single IPv6 addresses would cost nothing to vary).
 */
export function bucketKey(address: string): string {
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Creates a limiter; `exempt` addresses are never limited, `now` is the clock (ms). */
export function createRateLimiter(limit: RateLimit, exempt: readonly string[] = [], now: () => number = Date.now): RateLimiter {
  if (!(limit.burst >= 1) || !(limit.perSecond > 0)) throw new Error('A rate limit needs burst ≥ 1 and perSecond > 0.');
  const free = new Set(exempt);
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, at: number) => Math.min(limit.burst, bucket.tokens + ((at - bucket.atMs) / 1000) * limit.perSecond);

  let sweptAt = -Infinity;
  const sweep = (at: number) => {
    sweptAt = at;
    for (const [key, bucket] of buckets) if (refill(bucket, at) >= limit.burst) buckets.delete(key);
  };

  return {
    take(address) {
      if (free.has(address)) return { ok: true };
      const at = now();
      if (buckets.size >= SWEEP_AT && at - sweptAt >= SWEEP_EVERY_MS) sweep(at);
      const key = bucketKey(address);
      const bucket = buckets.get(key) ?? { tokens: limit.burst, atMs: at };
      const tokens = refill(bucket, at);
      if (tokens < 1) {
        buckets.set(key, { tokens, atMs: at });
        return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)) };
      }
      buckets.set(key, { tokens: tokens - 1, atMs: at });
      return { ok: true };
    },
  };
}
