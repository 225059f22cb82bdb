import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CloseCode, matchMaker, Server } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { ACTIVITY_TIMING } from '../src/shared/engagement';
import { LIMITS, ROOM_NAME } from '../src/shared/protocol';
import { createAvatarStore, type AvatarStore } from './avatar-store';
import { createContentSecurityPolicy } from './content-security-policy';
import { defaultEngagementDb, openEngagementStore, type EngagementStore } from './engagement-store';
import { createHttpApp, isColyseusPath } from './http-app';
import { createLocalRooms } from './local-rooms';
import { WatchedRedisPresence } from './redis-watch';
import { createOperatorRoute } from './operator-route';
import { requestPath } from './http-util';
import { createSecurity, type Security, type SecurityConfig } from './security';
import { NO_ICE_SERVERS, type IceConfig } from '../src/shared/ice-config';
import type { TurnSecretConfig } from './turn-credentials';
import { createSpaceDirectory } from './space-directory';
import { createSpaceRoomType, type SpaceRoomConfig } from './space-room';
import { createStaticFiles } from './static-files';
import { ensureWebSocketGlobal } from './websocket-global';

/** Options of {@link createEmotoneServer}. */
export interface EmotoneServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Default 0.0.0.0. */
  host?: string;
  /** Built app to serve (dist/); omit in development. */
  staticDir?: string;
  /** Where uploaded avatars are stored; default $EMOTONE_UPLOAD_DIR, else server/uploads. */
  uploadDir?: string;
  /**
   * Room limits, clock and activity timing; default LIMITS (src/shared/protocol.ts), Date.now and
   * ACTIVITY_TIMING (src/shared/engagement.ts). A simulator passes a virtual `now` and short timing.
   */
  room?: Partial<SpaceRoomConfig>;
  /**
   * SQLite file of the engagement figures; default $EMOTONE_ENGAGEMENT_DB, else
   * server/data/engagement.sqlite. 'off' keeps no figures (and the operator endpoint says so).
   */
  engagementDb?: string;
  /** Bearer token of GET /api/operator/engagement; unset or empty turns the endpoint off. */
  operatorToken?: string;
  /** Serve HTTPS/WSS with this certificate (PEM); a Quest needs a secure context for WebXR. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Redis shared by every process of a cluster (RedisPresence + RedisDriver); unset: this process
   * alone, with Colyseus' local presence and driver.
   */
  redisUrl?: string;
  /**
   * Where clients open this process's room WebSockets, `host:port[/path]` without scheme: the
   * front door's address plus this process's path prefix in a cluster. Unset: the address the
   * client matchmade with.
   */
  publicAddress?: string;
  /** Allowed origins, trusted proxies, per-address rates, upload quota; default SECURITY_DEFAULTS (security.ts). */
  security?: Partial<SecurityConfig>;
  /**
   * On close() (SIGTERM), how long clients get to leave (they are told to join again, which lands
   * on a live process) before the rest are closed; default 3000.
   */
  drainTimeoutMs?: number;
  /**
   * How often the server pings each WebSocket; a client that misses two pings is cut and keeps
   * its seat for the reconnection window. Default 3000 (Colyseus'); tests shorten it.
   */
  pingIntervalMs?: number;
  /**
   * ICE servers and policy that pages use for voice chat, served at VOICE_CONFIG_PATH; default
   * none (host candidates only: enough on one network). main.ts reads EMOTONE_ICE_SERVERS.
   */
  ice?: IceConfig;
  /** A TURN secret shared with coturn: each page also gets a short-lived TURN credential (turn-credentials.ts). */
  turnSecret?: TurnSecretConfig;
}

/** A room server instance: HTTP (health, avatars, app) and Colyseus on one port. */
export interface EmotoneServer {
  /** Starts listening; resolves with the actual port and whether it speaks HTTPS. */
  listen(): Promise<{ port: number; host: string; secure: boolean }>;
  /**
   * Drains: refuses new joins (503), tells every client the server is restarting, waits up to
   * `drainTimeoutMs` for them to leave, closes the rest, disposes rooms and stops listening.
   */
  close(): Promise<void>;
}

/** How often rooms advance the activity and check the automatic offer (real time). */
const ACTIVITY_TICK_MS = 200;

/** Colyseus' default ping interval: a silent client is cut 6–9 s after its last answer. */
const PING_INTERVAL_MS = 3000;

/** Default wait for clients to leave on close() before they are closed. */
const DRAIN_TIMEOUT_MS = 3000;
/** After the drain timeout, how long closed rooms get to dispose before connections are cut. */
const DISPOSE_TIMEOUT_MS = 1000;

/** Colyseus' matchmaker is process-wide state, so only one server may be live per process. */
let serverLive = false;

/** Default upload directory: $EMOTONE_UPLOAD_DIR, else server/uploads (gitignored). */
export function defaultUploadDir(): string {
  return process.env.EMOTONE_UPLOAD_DIR || fileURLToPath(new URL('./uploads', import.meta.url));
}

/** Ends an upgrade request with a plain HTTP answer (the socket never becomes a WebSocket). */
function refuseUpgrade(socket: Duplex, status: string, message = ''): void {
  const body = message ? JSON.stringify({ error: message }) : '';
  const type = body ? 'Content-Type: application/json; charset=utf-8\r\n' : '';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** Lets only WebSocket upgrades under COLYSEUS_PATH, from an allowed origin, reach the transport. */
function filterUpgrades(http: HttpServer, security: Security): void {
  const transportListeners = http.listeners('upgrade') as Array<(req: unknown, socket: Duplex, head: Buffer) => void>;
  http.removeAllListeners('upgrade');
  http.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    const path = requestPath(req);
    if (path === null || !isColyseusPath(path)) return refuseUpgrade(socket, '404 Not Found');
    const refusal = security.origins.refusal(req);
    if (refusal) return refuseUpgrade(socket, '403 Forbidden', refusal);
    for (const listener of transportListeners) listener.call(http, req, socket, head);
  });
}

/**
 * Creates the room server used by production (server/main.ts), development (scripts/dev.mjs)
 * and the server tests: one definition everywhere.
 */
export function createEmotoneServer(options: EmotoneServerOptions): EmotoneServer {
  const config: SpaceRoomConfig = {
    maxPlayers: LIMITS.maxPlayers,
    maxSpectators: LIMITS.maxSpectators,
    maxMessagesPerSecond: LIMITS.maxMessagesPerSecond,
    reconnectionWindowSec: LIMITS.reconnectionWindowSec,
    now: Date.now,
    activityTiming: ACTIVITY_TIMING,
    activityTickMs: ACTIVITY_TICK_MS,
    random: Math.random,
    seatReservationSec: LIMITS.seatReservationSec,
    ...options.room,
  };
  const host = options.host ?? '0.0.0.0';
  // An https.Server is an http.Server as far as the transport and Colyseus are concerned.
  const http = options.tls ? (createTlsServer(options.tls) as unknown as HttpServer) : createServer();
  const transport = new WebSocketTransport({ server: http, pingInterval: options.pingIntervalMs ?? PING_INTERVAL_MS, pingMaxRetries: 2 });
  const security = createSecurity(options.security);
  filterUpgrades(http, security);
  let colyseus: Server | undefined;
  let store: EngagementStore | undefined;
  let avatars: AvatarStore | undefined;
  let draining = false;
  const drainTimeoutMs = options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS;
  const localRooms = createLocalRooms();
  const presence = options.redisUrl ? new WatchedRedisPresence(options.redisUrl) : undefined;

  return {
    async listen() {
      if (serverLive) throw new Error('Another EmoTone server is live in this process (Colyseus state is process-wide).');
      serverLive = true;
      ensureWebSocketGlobal();
      const figures = openEngagementStore(options.engagementDb ?? defaultEngagementDb());
      store = figures;
      presence?.watch(() => {
        // A restarted Redis holds nothing: put this process's rooms and room count back.
        Promise.all([matchMaker.restoreMissingRoomCaches(), matchMaker.stats.persist()]).catch((error: unknown) => {
          console.error('[redis] could not republish the rooms:', error instanceof Error ? error.message : error);
        });
      });
      colyseus = new Server({
        transport, gracefullyShutdown: false, greet: false,
        ...(options.redisUrl && presence ? { presence, driver: new RedisDriver(options.redisUrl) } : {}),
        ...(options.publicAddress ? { publicAddress: options.publicAddress } : {}),
      });
      // One room per space: joinOrCreate with { space } finds that space's room on any process.
      colyseus.define(ROOM_NAME, createSpaceRoomType(config, figures, { drainTimeoutMs, localRooms })).filterBy(['space']);
      await colyseus.listen(options.port, host);
      // Colyseus installed its router as the request listener; put ours in front of it.
      const colyseusListeners = http.listeners('request') as RequestListener[];
      http.removeAllListeners('request');
      avatars = createAvatarStore(options.uploadDir ?? defaultUploadDir(), {
        quotaBytes: security.config.uploadQuotaBytes, protectRecentMs: security.config.uploadKeepRecentMs,
      });
      const staticFiles = options.staticDir ? createStaticFiles(options.staticDir) : undefined;
      http.on('request', createHttpApp({
        colyseus: (req, res) => colyseusListeners.forEach((listener) => listener.call(http, req, res)),
        processId: matchMaker.processId,
        spaces: createSpaceDirectory(localRooms),
        status: () => ({ draining, redis: presence ? presence.up() : undefined }),
        maxPlayers: config.maxPlayers,
        avatars,
        operator: createOperatorRoute({ token: options.operatorToken, store: figures, now: config.now }),
        security,
        ice: options.ice ?? NO_ICE_SERVERS,
        ...(options.turnSecret ? { turnSecret: options.turnSecret } : {}),
        ...(staticFiles && options.staticDir ? { staticFiles, csp: createContentSecurityPolicy(options.staticDir) } : {}),
      }));
      return { port: (http.address() as AddressInfo).port, host, secure: Boolean(options.tls) };
    },

    async close() {
      if (!colyseus) return;
      const closed = new Promise<void>((resolve) => {
        if (!http.listening) resolve();
        else http.once('close', () => resolve());
      });
      draining = true;
      // Colyseus locks every room and calls its onBeforeShutdown (which tells the clients), waits
      // for the rooms to empty, then drops this process's listings. Clients that do not leave,
      // and rooms holding an unconsumed seat reservation (15 s), are cut at the timeout.
      const shutdown = colyseus.gracefullyShutdown(false);
      const after = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
      if ((await Promise.race([shutdown, after(drainTimeoutMs)])) === 'timeout') {
        await Promise.all(matchMaker.disconnectAll(CloseCode.SERVER_SHUTDOWN)).catch(() => undefined);
        await Promise.race([shutdown, after(DISPOSE_TIMEOUT_MS)]);
      }
      transport.shutdown();
      http.closeAllConnections();
      await closed;
      store?.endAll(config.now());
      store?.close();
      store = undefined;
      await avatars?.close();
      avatars = undefined;
      colyseus = undefined;
      draining = false;
      serverLive = false;
    },
  };
}
