import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPERATOR_ENGAGEMENT_PATH } from '../src/shared/operator-report';
import { DEFAULT_SPACE } from '../src/shared/spaces';
import type { EngagementStore } from './engagement-store';
import { sendError, sendJson } from './http-util';

/** What the operator endpoint needs. */
export interface OperatorRouteDeps {
  /** The bearer token; unset or empty turns the endpoint off (404). */
  token: string | undefined;
  store: EngagementStore;
  now: () => number;
}

/** The window a report covers when the request names none. */
export const DEFAULT_WINDOW_MS = 24 * 60 * 60_000;

const SPACE_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** Compares two strings in time that depends on neither's content (both are hashed to 32 bytes). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The bearer token of a request, or undefined. */
function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** `?space=&since=` of a request, or the sentence saying what is wrong with them. */
function readQuery(req: IncomingMessage, nowMs: number): { space: string; sinceMs: number } | string {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const space = query.get('space') ?? DEFAULT_SPACE;
  if (!SPACE_KEY.test(space)) return 'space must be 1 to 64 letters, digits, "-" or "_".';
  const sinceRaw = query.get('since');
  if (sinceRaw === null) return { space, sinceMs: nowMs - DEFAULT_WINDOW_MS };
  const sinceMs = Number(sinceRaw);
  if (sinceRaw.trim() === '' || !Number.isFinite(sinceMs) || sinceMs < 0) return 'since must be a time in ms since the epoch (0 for everything).';
  return { space, sinceMs };
}

/**
 * GET /api/operator/engagement[?space=<key>&since=<ms>]: the space's engagement figures (see
 * OperatorEngagementReport), to a request carrying `Authorization: Bearer <token>`.
 */
export function createOperatorRoute({ token, store, now }: OperatorRouteDeps) {
  const enabled = typeof token === 'string' && token.length > 0;
  return {
    /** Answers the request when it is for the operator endpoint; false otherwise. */
    handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      if (path !== OPERATOR_ENGAGEMENT_PATH) return false;
      if (!enabled) {
        sendError(res, 404, 'The operator endpoint is off: set EMOTONE_OPERATOR_TOKEN on the room server to turn it on.');
        return true;
      }
      if (!store.recording) {
        sendError(res, 404, 'This room server keeps no engagement figures (EMOTONE_ENGAGEMENT_DB=off).');
        return true;
      }
      const given = bearer(req);
      if (given === undefined || !sameSecret(given, token)) {
        const why = given === undefined ? 'Send the operator token as "Authorization: Bearer <token>".' : 'The operator token is not right.';
        sendError(res, 401, why, { 'WWW-Authenticate': 'Bearer realm="operator"' });
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendError(res, 405, `Use GET ${OPERATOR_ENGAGEMENT_PATH}.`, { Allow: 'GET' });
        return true;
      }
      const nowMs = now();
      const query = readQuery(req, nowMs);
      if (typeof query === 'string') sendError(res, 400, query);
      else sendJson(res, 200, store.report(query.space, query.sinceMs, nowMs));
      return true;
    },
  };
}

/** The operator endpoint as the HTTP app routes to it. */
export type OperatorRoute = ReturnType<typeof createOperatorRoute>;
