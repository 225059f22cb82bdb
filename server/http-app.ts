import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { COLYSEUS_PATH, LIMITS } from '../src/shared/protocol';
import { NO_ICE_SERVERS, VOICE_CONFIG_PATH, type IceConfig, type VoiceConfigResponse } from '../src/shared/ice-config';
import { voiceConfigFor, type TurnSecretConfig } from './turn-credentials';
import { SPACE_LIST_PATH, type SpaceListResponse } from '../src/shared/spaces';
import { AVATAR_UPLOAD_PATH } from '../src/shared/avatar-upload';
import type { AvatarStore } from './avatar-store';
import type { ContentSecurityPolicy } from './content-security-policy';
import { lingerThenClose, requestPath, sendError, sendJson, setIsolationHeaders } from './http-util';
import { gateJoin } from './join-gate';
import type { OperatorRoute } from './operator-route';
import { changesState } from './origin-policy';
import { HOST_HEADER } from './request-trust';
import { refuseOverRate, type Security } from './security';
import type { HealthRoom, SpaceDirectory } from './space-directory';
import type { StaticFiles } from './static-files';

/** What a process can be short of: 'redis' (rooms go on, cross-process matchmaking does not), 'draining'. */
export type Degradation = 'redis' | 'draining';

/** Body of GET /health (status 200 when ok, else 503). */
export interface HealthResponse {
  /** Nothing degraded. */
  ok: boolean;
  degraded: Degradation[];
  /** The process that answered. */
  processId: string;
  /**
   * Every room of every process sharing the matchmaking driver (one process without Redis); with
   * Redis away, only this process's own.
   */
  rooms: HealthRoom[];
  /** Clients seated over all those rooms (players + spectators). */
  clients: number;
}

/** What the process's own state says for /health and matchmaking. */
export interface ProcessStatus {
  /** Shutting down: new joins are refused. */
  draining: boolean;
  /** Redis connections up; undefined without Redis. */
  redis: boolean | undefined;
}

/** What the HTTP dispatcher routes to. */
export interface HttpAppParts {
  /** Colyseus' own request listener (matchmaking), reached under COLYSEUS_PATH. */
  colyseus: RequestListener;
  /** This process's Colyseus process id. */
  processId: string;
  spaces: SpaceDirectory;
  status: () => ProcessStatus;
  /** Player seats per space (LIMITS.maxPlayers unless the tests shrink it). */
  maxPlayers?: number;
  avatars: AvatarStore;
  /** GET /api/operator/engagement. */
  operator: OperatorRoute;
  /** The built app; absent in development, where Vite serves it. */
  staticFiles?: StaticFiles;
  /** Origin checks, client addresses and per-address rates. */
  security: Security;
  /** Sent with the built app's files. */
  csp?: ContentSecurityPolicy;
  /** What pages use for voice chat connections (GET VOICE_CONFIG_PATH). */
  ice?: IceConfig;
  /** Mints each page a short-lived TURN credential besides `ice`'s fixed servers. */
  turnSecret?: TurnSecretConfig;
  /** Clock of minted credentials' expiry; default Date.now. */
  now?: () => number;
}

/** Set on a draining process's 503 to matchmaking, so a front door tries another process. */
export const DRAINING_HEADER = 'X-EmoTone-Draining';

/** Colyseus' "create" matchmaking method: it would let any client open extra, split-off spaces. */
const CREATE_ROOM = new RegExp(`^${COLYSEUS_PATH}/matchmake/create/`);

/** True when `path` is COLYSEUS_PATH itself or below it. */
export function isColyseusPath(path: string): boolean {
  return path === COLYSEUS_PATH || path.startsWith(`${COLYSEUS_PATH}/`);
}

/**
 * Colyseus routes matchmaking at /matchmake/…; clients reach it at /colyseus/matchmake/… in
 * development (through the Vite proxy) and production alike, so strip the prefix.
 */
function stripColyseusPrefix(req: IncomingMessage): void {
  const rest = (req.url ?? '').slice(COLYSEUS_PATH.length);
  req.url = rest.startsWith('/') ? rest : `/${rest}`;
}

/** Matchmaking calls (joinOrCreate, join, joinById, reconnect…): each may reserve a seat. */
const MATCHMAKE_PREFIX = `${COLYSEUS_PATH}/matchmake/`;

/**
 * Colyseus' router builds a URL from Host and X-Forwarded-Proto and fails outside the request
 * (an unhandled rejection that ends the process) when they do not make one: keep only values
 * that do, so no request can take the room server down.
 */
function sanitiseForwarding(req: IncomingMessage): boolean {
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase();
  if (proto === 'http' || proto === 'https') req.headers['x-forwarded-proto'] = proto;
  else delete req.headers['x-forwarded-proto'];
  return req.headers.host === undefined || HOST_HEADER.test(req.headers.host);
}

/**
 * Matchmaking needs a live process and, on a cluster, Redis (rooms are found there): refuse at
 * once rather than leave the join hanging on Redis' retries. True when it refused.
 */
function refuseMatchmaking(status: ProcessStatus, res: ServerResponse): boolean {
  if (status.draining) {
    // The front door of a cluster reads the header and asks another process.
    sendError(res, 503, 'The server is restarting: join again in a moment.', { 'Retry-After': '1', [DRAINING_HEADER]: '1' });
    return true;
  }
  if (status.redis === false) {
    sendError(res, 503, 'Joining is paused: the server lost its shared room store and is reconnecting. Rooms in progress go on; try again in a moment.', { 'Retry-After': '2' });
    return true;
  }
  return false;
}

/** Answers GET-only endpoints' other methods; true when it did. */
function refuseNonGet(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  sendError(res, 405, `Use GET ${path}.`, { Allow: 'GET' });
  return true;
}

/** The single request listener of the room server: isolation headers, then routing. */
export function createHttpApp(parts: HttpAppParts): RequestListener {
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setIsolationHeaders(res);
    const path = requestPath(req);
    if (path === null) return sendError(res, 400, 'The request path is not valid URL encoding.');
    const { security } = parts;
    if (changesState(req)) {
      const refusal = security.origins.refusal(req);
      if (refusal) return void (sendError(res, 403, refusal), lingerThenClose(req));
    }
    if (path.startsWith(MATCHMAKE_PREFIX) && refuseOverRate(security.matchmaking, security.trust.clientAddress(req), req, res, 'join attempts')) return;
    if ((path === AVATAR_UPLOAD_PATH || path === `${AVATAR_UPLOAD_PATH}/`) && req.method === 'POST' && refuseOverRate(security.uploads, security.trust.clientAddress(req), req, res, 'avatar uploads')) return;
    if (isColyseusPath(path)) {
      if (CREATE_ROOM.test(path)) {
        return sendError(res, 403, 'A space is made by joining it: use joinOrCreate with { space } instead of creating rooms.');
      }
      if (!sanitiseForwarding(req)) return sendError(res, 400, 'The Host header is not a host name.');
      if (path.startsWith(MATCHMAKE_PREFIX) && refuseMatchmaking(parts.status(), res)) return;
      if (await gateJoin(req, res, path)) return;
      stripColyseusPrefix(req);
      parts.colyseus(req, res);
      return;
    }
    if (path === '/health') {
      if (refuseNonGet(req, res, path)) return;
      const status = parts.status();
      const { rooms, clients, local } = await parts.spaces.rooms();
      const degraded: Degradation[] = [];
      if (status.redis === false || local) degraded.push('redis');
      if (status.draining) degraded.push('draining');
      const body: HealthResponse = { ok: degraded.length === 0, degraded, processId: parts.processId, rooms, clients };
      return sendJson(res, body.ok ? 200 : 503, body);
    }
    if (path === SPACE_LIST_PATH) {
      if (refuseNonGet(req, res, path)) return;
      const body: SpaceListResponse = { spaces: await parts.spaces.publicSpaces(parts.maxPlayers ?? LIMITS.maxPlayers) };
      return sendJson(res, 200, body);
    }
    if (path === VOICE_CONFIG_PATH) {
      if (refuseNonGet(req, res, path)) return;
      const ice = voiceConfigFor(parts.ice ?? NO_ICE_SERVERS, parts.turnSecret, (parts.now ?? Date.now)());
      // A TURN credential is in here: no shared cache may keep it.
      res.setHeader('Cache-Control', 'no-store');
      const body: VoiceConfigResponse = { iceServers: ice.iceServers, iceTransportPolicy: ice.iceTransportPolicy };
      return sendJson(res, 200, body);
    }
    if (path === '/api' || path.startsWith('/api/')) {
      if (parts.operator.handle(req, res, path)) return;
      if (await parts.avatars.handle(req, res, path)) return;
      return sendError(res, 404, `No API endpoint at ${path}.`);
    }
    if (parts.staticFiles) {
      if (parts.csp) res.setHeader('Content-Security-Policy', parts.csp.header(req));
      return parts.staticFiles.handle(req, res, path);
    }
    sendError(res, 404, 'This is the EmoTone room server; in development the app is served by Vite (npm run dev).');
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(`[http] ${req.method} ${req.url} failed:`, error);
      if (!res.headersSent) sendError(res, 500, 'Internal server error.');
      else res.destroy();
    });
  };
}
