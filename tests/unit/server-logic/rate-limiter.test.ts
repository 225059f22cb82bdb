import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bucketKey, createRateLimiter } from '../../../server/rate-limiter';
import { createRequestTrust } from '../../../server/request-trust';

/** A request as node:http hands it over: only the parts the trust rules read. */
const requestFrom = (remoteAddress: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('per-address token bucket', () => {
  it('spends the burst, refuses with the wait until the next token, and refills at the rate', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 0.5 }, [], () => now);
    expect([1, 2, 3].map(() => limiter.take('10.0.0.1').ok)).toEqual([true, true, true]);
    expect(limiter.take('10.0.0.1')).toEqual({ ok: false, retryAfterSec: 2 });
    expect(limiter.take('10.0.0.2').ok).toBe(true);
    now = 1900;
    expect(limiter.take('10.0.0.1').ok).toBe(false);
    now = 2000;
    expect(limiter.take('10.0.0.1').ok).toBe(true);
    expect(limiter.take('10.0.0.1').ok).toBe(false);
  });

  it('never limits exempt addresses', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001 }, ['127.0.0.1']);
    expect(Array.from({ length: 50 }, () => limiter.take('127.0.0.1').ok).every(Boolean)).toBe(true);
  });

  it('shares one bucket across an IPv6 /64', () => {
    expect(bucketKey('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(bucketKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(bucketKey('::1')).toBe('0:0:0:0::/64');
    expect(bucketKey('192.0.2.7')).toBe('192.0.2.7');
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001 });
    expect(limiter.take('2001:db8:1:2::5').ok).toBe(true);
    expect(limiter.take('2001:db8:1:2::6').ok).toBe(false);
    expect(limiter.take('2001:db8:1:3::6').ok).toBe(true);
  });
});

describe('client address behind proxies', () => {
  const trust = createRequestTrust(['127.0.0.1', '10.0.0.9']);

  it('is the socket peer unless that peer is a trusted proxy', () => {
    expect(trust.clientAddress(requestFrom('198.51.100.4', { 'x-forwarded-for': '203.0.113.1' }))).toBe('198.51.100.4');
    expect(trust.clientAddress(requestFrom('::ffff:198.51.100.4'))).toBe('198.51.100.4');
  });

  it('behind trusted proxies, is the nearest hop that is not one of them', () => {
    expect(trust.clientAddress(requestFrom('127.0.0.1', { 'x-forwarded-for': '203.0.113.1' }))).toBe('203.0.113.1');
    // A client's own forged entry sits to the left of what our proxies appended: it is skipped.
    expect(trust.clientAddress(requestFrom('127.0.0.1', { 'x-forwarded-for': '1.2.3.4, 203.0.113.1, 10.0.0.9' }))).toBe('203.0.113.1');
    expect(trust.clientAddress(requestFrom('127.0.0.1'))).toBe('127.0.0.1');
  });

  it('takes the scheme of its origin from X-Forwarded-Proto only from a trusted proxy', () => {
    const headers = { host: 'door.example:8443', 'x-forwarded-proto': 'https' };
    expect(trust.servingOrigin(requestFrom('127.0.0.1', headers))).toBe('https://door.example:8443');
    expect(trust.servingOrigin(requestFrom('198.51.100.4', headers))).toBe('http://door.example:8443');
    expect(trust.servingOrigin(requestFrom('127.0.0.1', { host: 'example.org:80' }))).toBe('http://example.org');
    expect(trust.servingOrigin(requestFrom('127.0.0.1', { host: 'bad host' }))).toBeNull();
  });
});
