import type { IncomingMessage, ServerResponse } from 'node:http';
import { lingerThenClose, sendJson } from './http-util';
import { createOriginPolicy, type OriginPolicy } from './origin-policy';
import { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limiter';
import { createRequestTrust, LOOPBACK_ADDRESSES, type RequestTrust } from './request-trust';

/** Abuse limits of one server; production uses {@link SECURITY_DEFAULTS}, tests tighten them. */
export interface SecurityConfig {
  /** Origins besides the server's own whose pages may open room sockets, matchmake and upload. */
  allowedOrigins: readonly string[];
  /** Proxies whose X-Forwarded-For / -Proto are believed (the front door, a local TLS terminator). */
  trustedProxies: readonly string[];
  /** Client addresses no rate applies to (this machine: the load generator, tests, `npm run dev`). */
  rateExempt: readonly string[];
  /** `/colyseus/matchmake/*` per client address. */
  matchmakeRate: RateLimit;
  /** `POST /api/avatars` per client address. */
  uploadRate: RateLimit;
  /** Disk the uploaded avatars may take, bytes; the least recently used are evicted past it. */
  uploadQuotaBytes: number;
  /** Uploads used (uploaded or downloaded) this recently are never evicted: a full store answers 507 instead. */
  uploadKeepRecentMs: number;
}

/**
 * Production limits. Matchmaking: 20 at once, then one a second — a join is one request and a
 * recovery two or three, while an address can hold at most 20 + 1 × the seat reservation time
 * (10 s) = 30 unused reservations, under the 64 seats (16 + 32 + 16 headroom) that lock a room.
 * Uploads: 5 at once, then one a minute. Quota: 1 GiB (about 100 avatars at the 10 MB cap, 6,000
 * of the shipped ones' 160 KB); an avatar used in the last 10 minutes is never evicted, so a
 * flood of uploads cannot push out the ones people are wearing.
 */
export const SECURITY_DEFAULTS: SecurityConfig = {
  allowedOrigins: [],
  trustedProxies: LOOPBACK_ADDRESSES,
  rateExempt: LOOPBACK_ADDRESSES,
  matchmakeRate: { burst: 20, perSecond: 1 },
  uploadRate: { burst: 5, perSecond: 1 / 60 },
  uploadQuotaBytes: 1024 * 1024 * 1024,
  uploadKeepRecentMs: 10 * 60 * 1000,
};

/** The parts the HTTP layer applies. */
export interface Security {
  readonly config: SecurityConfig;
  readonly trust: RequestTrust;
  readonly origins: OriginPolicy;
  readonly matchmaking: RateLimiter;
  readonly uploads: RateLimiter;
}

/** Builds the server's security parts from `config` over the defaults. */
export function createSecurity(config: Partial<SecurityConfig> = {}, now: () => number = Date.now): Security {
  const full: SecurityConfig = { ...SECURITY_DEFAULTS, ...config };
  const trust = createRequestTrust(full.trustedProxies);
  return {
    config: full,
    trust,
    origins: createOriginPolicy(trust, full.allowedOrigins),
    matchmaking: createRateLimiter(full.matchmakeRate, full.rateExempt, now),
    uploads: createRateLimiter(full.uploadRate, full.rateExempt, now),
  };
}

/**
 * Spends one request of `address`'s bucket; answers 429 with Retry-After and `what` in the
 * sentence when it is empty. True when the request was answered (refused).
 */
export function refuseOverRate(limiter: RateLimiter, address: string, req: IncomingMessage, res: ServerResponse, what: string): boolean {
  const decision = limiter.take(address);
  if (decision.ok) return false;
  const seconds = decision.retryAfterSec;
  sendJson(res, 429, { code: 429, error: `Too many ${what} from your address: try again in ${seconds} s.` }, { 'Retry-After': String(seconds) });
  lingerThenClose(req);
  return true;
}
