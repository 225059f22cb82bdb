import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Who sent a request and which origin it was made to, trusting X-Forwarded-* only from the
 * proxies named here (the cluster's front door, a local TLS terminator). A client talking to us
 * directly cannot choose its address or our scheme by sending those headers itself.
 */
export interface RequestTrust {
  /** The client's address: the socket peer, or the nearest untrusted hop of X-Forwarded-For behind trusted proxies. */
  clientAddress(req: IncomingMessage): string;
  /** `scheme://host[:port]` the client addressed (Host plus the scheme seen or forwarded by a trusted proxy); null without a usable Host. */
  servingOrigin(req: IncomingMessage): string | null;
}

/** Proxies trusted by default: this machine (the front door and `npm run dev`'s Vite run here). */
export const LOOPBACK_ADDRESSES: readonly string[] = ['127.0.0.1', '::1'];

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) → `10.0.0.1`; lower case. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
}

/** Host header values a URL can be built from (name or address, optional port). */
export const HOST_HEADER = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The origin `scheme://host` normalised by the URL parser (default ports dropped), or null. */
export function normaliseOrigin(scheme: string, host: string): string | null {
  if (!HOST_HEADER.test(host)) return null;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Creates the trust rules for `trustedProxies` (addresses, compared after normalising). */
export function createRequestTrust(trustedProxies: readonly string[] = LOOPBACK_ADDRESSES): RequestTrust {
  const trusted = new Set(trustedProxies.map(normaliseAddress));
  const peer = (req: IncomingMessage) => normaliseAddress(req.socket.remoteAddress ?? '');
  const fromTrustedProxy = (req: IncomingMessage) => trusted.has(peer(req));

  return {
    clientAddress(req) {
      const direct = peer(req);
      if (!trusted.has(direct)) return direct;
      const header = req.headers['x-forwarded-for'];
      const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map(normaliseAddress).filter(Boolean);
      // Each proxy appends the address it saw: walk back past our own proxies to the first stranger.
      for (let i = hops.length - 1; i >= 0; i--) {
        const hop = hops[i] as string;
        if (!trusted.has(hop)) return hop;
      }
      return hops[0] ?? direct;
    },
    servingOrigin(req) {
      const host = req.headers.host;
      if (!host) return null;
      const forwarded = fromTrustedProxy(req) ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase() : '';
      const scheme = forwarded === 'http' || forwarded === 'https' ? forwarded : (req.socket as TLSSocket).encrypted ? 'https' : 'http';
      return normaliseOrigin(scheme, host);
    },
  };
}
