import type { IncomingMessage } from 'node:http';
import type { RequestTrust } from './request-trust';

/**
 * Which web pages may drive the room server: a browser names the page that makes a request in
 * `Origin`, and a page from another site must not open room sockets, matchmake or upload as
 * the person visiting it. Allowed: the origin the request was made to (its own Host, so it holds
 * behind the front door and on any LAN address) and a configured list. No `Origin` header at all
 * is a client that is not a web page (the load generator, curl, the SDK under Node): allowed.
 */
export interface OriginPolicy {
  /** Null when the request may go on; otherwise the sentence of the 403. */
  refusal(req: IncomingMessage): string | null;
}

/** Methods that change something: these and WebSocket upgrades are checked; reads are not. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request is one the origin check applies to (an upgrade, or a method that changes state). */
export function changesState(req: IncomingMessage): boolean {
  return !SAFE_METHODS.has(req.method ?? 'GET');
}

/** Parses `EMOTONE_ALLOWED_ORIGINS` (comma or space separated); throws naming a malformed entry. */
export function parseAllowedOrigins(raw: string | undefined): string[] {
  const entries = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  return entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`EMOTONE_ALLOWED_ORIGINS: "${entry}" is not an origin such as https://example.org:8443.`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry.replace(/\/$/, '')) {
      throw new Error(`EMOTONE_ALLOWED_ORIGINS: "${entry}" is not an origin (scheme://host[:port], no path), e.g. https://example.org:8443.`);
    }
    return url.origin;
  });
}

/** Creates the policy: the request's own origin plus `allowed` (full origins). */
export function createOriginPolicy(trust: RequestTrust, allowed: readonly string[] = []): OriginPolicy {
  const extra = new Set(allowed);
  return {
    refusal(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return null;
      const own = trust.servingOrigin(req);
      if (origin === own || extra.has(origin)) return null;
      return `Requests from the page at ${origin} are not allowed here: this server accepts its own pages${own ? ` (${own})` : ''}`
        + ' and the origins listed in EMOTONE_ALLOWED_ORIGINS.';
    },
  };
}
