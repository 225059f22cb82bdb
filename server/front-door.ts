import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable, type Duplex } from 'node:stream';
import httpProxy from 'http-proxy';
import { COLYSEUS_PATH } from '../src/shared/protocol';
import { DRAINING_HEADER, type Degradation, type HealthResponse } from './http-app';
import { requestPath, sendError, sendJson } from './http-util';
import { createRateLimiter, type RateLimit } from './rate-limiter';
import { createRequestTrust, LOOPBACK_ADDRESSES, normaliseAddress } from './request-trust';
import { refuseOverRate, SECURITY_DEFAULTS } from './security';

/** One room process behind the front door. */
export interface RoomProcess {
  /** Path segment of its room WebSockets: `/colyseus/<name>/…` (e.g. `p1`). */
  name: string;
  /** Where it listens, e.g. http://127.0.0.1:2568. */
  url: string;
}

/** Options of {@link createFrontDoor}. */
export interface FrontDoorOptions {
  port: number;
  host?: string;
  processes: readonly RoomProcess[];
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Rewrite the host of seat reservations' `publicAddress` to the Host the client used, so one
   * cluster works from localhost and from the LAN alike (default true; false when the processes
   * were given a fixed public host, e.g. several machines behind one name).
   */
  rewritePublicHost?: boolean;
  /**
   * Proxies in front of this door (a load balancer) whose X-Forwarded-For/-Proto are kept and
   * extended; anyone else's are replaced with what the door saw. Default none.
   */
  trustedProxies?: readonly string[];
  /**
   * Matchmaking per client address, counted here once for the whole cluster (each process also
   * counts what reaches it); default SECURITY_DEFAULTS.matchmakeRate, loopback exempt.
   */
  matchmakeRate?: RateLimit;
  rateExempt?: readonly string[];
}

/** Body of the front door's GET /health (200 when ok, else 503). */
export interface FrontDoorHealth {
  /** Every process answered and none is degraded. */
  ok: boolean;
  /** What any process is short of ('process' when one does not answer). */
  degraded: Array<Degradation | 'process'>;
  /**
   * Every room of every process (read through the shared matchmaking driver); with Redis away,
   * the rooms each process still holds, put together.
   */
  rooms: HealthResponse['rooms'];
  clients: number;
  processes: Array<{ name: string; ok: boolean; processId?: string; degraded?: Degradation[]; error?: string }>;
}

/** The front door of a cluster: one origin (and one certificate) for every room process. */
export interface FrontDoor {
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** How long a process that refused a connection is skipped for new requests. */
const DOWN_FOR_MS = 2000;
const HEALTH_TIMEOUT_MS = 1500;
const MATCHMAKE_PATH = `${COLYSEUS_PATH}/matchmake/`;

/**
 * Routes with http-proxy: a room WebSocket (`/colyseus/<name>/<processId>/<roomId>`) to the process
 * `<name>` that holds the room; matchmaking and everything else to the processes in turn (they
 * share rooms through Redis, so any of them can matchmake); /health gathers every process's.
 */
export function createFrontDoor(options: FrontDoorOptions): FrontDoor {
  const byName = new Map(options.processes.map((p) => [p.name, p]));
  const downUntil = new Map<string, number>();
  // X-Forwarded-* are set once by forwardedHeaders(): http-proxy's xfwd would append again on each retry.
  const proxy = httpProxy.createProxyServer({ ws: true });
  const trusted = new Set((options.trustedProxies ?? []).map(normaliseAddress));
  const setForwarded = (req: IncomingMessage) => forwardedHeaders(req, Boolean(options.tls), trusted);
  // After setForwarded, X-Forwarded-For ends with the peer: the client is the nearest untrusted hop.
  const clients = createRequestTrust([...trusted]);
  const matchmaking = createRateLimiter(options.matchmakeRate ?? SECURITY_DEFAULTS.matchmakeRate, options.rateExempt ?? LOOPBACK_ADDRESSES);
  let turn = 0;
  /** Per matchmaking request in flight: how to ask another process when this one is draining. */
  const retries = new WeakMap<IncomingMessage, (() => void) | undefined>();

  const nextProcess = (): RoomProcess => {
    const all = options.processes;
    for (let i = 0; i < all.length; i++) {
      const candidate = all[(turn + i) % all.length] as RoomProcess;
      if ((downUntil.get(candidate.name) ?? 0) <= Date.now()) {
        turn = (turn + i + 1) % all.length;
        return candidate;
      }
    }
    turn = (turn + 1) % all.length;
    return all[turn] as RoomProcess;
  };
  /** The process a room WebSocket path names, or undefined. */
  const holder = (path: string): RoomProcess | undefined => {
    const segments = path.slice(COLYSEUS_PATH.length + 1).split('/');
    return segments.length === 3 ? byName.get(segments[0] ?? '') : undefined;
  };

  // Every proxy.web/ws call below passes its own error callback; this only keeps a stray error from crashing the door.
  proxy.on('error', () => undefined);
  proxy.on('proxyRes', (proxyRes, req, res) => {
    if (!(requestPath(req) ?? '').startsWith(MATCHMAKE_PATH)) return;
    const retry = retries.get(req);
    if (proxyRes.statusCode === 503 && proxyRes.headers[DRAINING_HEADER.toLowerCase()] && retry) {
      proxyRes.resume();
      return retry();
    }
    passSeat(proxyRes, req, res as ServerResponse, options.rewritePublicHost !== false);
  });

  /**
   * Forwards to the next live process; a matchmaking body is read first (it is small) so that a
   * process refusing the connection (killed) is skipped and the next one tried.
   */
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer | undefined, triesLeft: number): void => {
    const to = nextProcess();
    res.setHeader('X-EmoTone-Process', to.name);
    const matchmaking = (requestPath(req) ?? '').startsWith(MATCHMAKE_PATH);
    const target = { target: to.url, selfHandleResponse: matchmaking, ...(body ? { buffer: Readable.from([body]) } : {}) };
    // A draining process refuses matchmaking with DRAINING_HEADER: skip it and ask the next one.
    const retry = body && triesLeft > 1
      ? () => {
        downUntil.set(to.name, Date.now() + DOWN_FOR_MS);
        forward(req, res, body, triesLeft - 1);
      }
      : undefined;
    retries.set(req, retry);
    proxy.web(req, res, target, (error) => {
      const refused = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
      if (refused) downUntil.set(to.name, Date.now() + DOWN_FOR_MS);
      if (refused && body && triesLeft > 1 && !res.headersSent) return forward(req, res, body, triesLeft - 1);
      if (!res.headersSent) sendError(res, 502, `The room process ${to.name} is not answering; try again.`);
    });
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    setForwarded(req);
    const path = requestPath(req) ?? '';
    if (path === '/health') {
      void gatherHealth(options.processes).then((body) => sendJson(res, body.ok ? 200 : 503, body));
      return;
    }
    if (!path.startsWith(MATCHMAKE_PATH)) return forward(req, res, undefined, 1);
    if (refuseOverRate(matchmaking, clients.clientAddress(req), req, res, 'join attempts')) return;
    if (req.method !== 'POST') return forward(req, res, undefined, 1);
    void readSmallBody(req).then((body) => {
      if (body === null) return sendError(res, 413, 'A matchmaking request must be under 64 KB.');
      forward(req, res, body, options.processes.length);
    }, () => res.destroy());
  };
  const server: HttpServer = options.tls ? (createTlsServer(options.tls, handler) as unknown as HttpServer) : createServer(handler);
  // Upgraded sockets leave the HTTP server's bookkeeping: keep them to cut them on close().
  const sockets = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const to = holder(requestPath(req) ?? '');
    setForwarded(req);
    if (!to) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.on('error', () => socket.destroy());
    proxy.ws(req, socket, head, { target: to.url }, (error) => {
      if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') downUntil.set(to.name, Date.now() + DOWN_FOR_MS);
      socket.destroy();
    });
  });

  return {
    listen: () => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '0.0.0.0', () => resolve({ port: (server.address() as AddressInfo).port }));
    }),
    close: () => new Promise((resolve) => {
      proxy.close();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Replaces whatever X-Forwarded-* a client sent with what this door saw; behind a trusted proxy,
 * appends to its X-Forwarded-For and keeps its X-Forwarded-Proto (it terminated TLS, not us).
 */
function forwardedHeaders(req: IncomingMessage, secure: boolean, trusted: ReadonlySet<string>): void {
  const peer = normaliseAddress(req.socket.remoteAddress ?? '');
  const chain = trusted.has(peer) ? String(req.headers['x-forwarded-for'] ?? '').trim() : '';
  req.headers['x-forwarded-for'] = chain ? `${chain}, ${peer}` : peer;
  const proto = trusted.has(peer) ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase() : '';
  req.headers['x-forwarded-proto'] = proto === 'http' || proto === 'https' ? proto : secure ? 'https' : 'http';
  if (req.headers.host) req.headers['x-forwarded-host'] = req.headers.host;
  else delete req.headers['x-forwarded-host'];
}

/** A request body of at most 64 KB, or null when it is longer. */
function readSmallBody(req: IncomingMessage, limit = 64 * 1024): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : null));
    req.on('error', reject);
  });
}

/**
 * Passes a matchmaking answer on. With `rewrite`, a seat reservation's `publicAddress`
 * (`<host>/colyseus/<name>`) keeps the process's path behind the Host the client used, so the
 * room WebSocket comes back through this door.
 */
function passSeat(proxyRes: IncomingMessage, req: IncomingMessage, res: ServerResponse, rewrite: boolean): void {
  const chunks: Buffer[] = [];
  proxyRes.on('data', (chunk: Buffer) => chunks.push(chunk));
  proxyRes.on('end', () => {
    let body = Buffer.concat(chunks);
    try {
      const seat = JSON.parse(body.toString('utf8')) as { publicAddress?: unknown };
      const at = rewrite && typeof seat.publicAddress === 'string' ? seat.publicAddress.indexOf(`${COLYSEUS_PATH}/`) : -1;
      if (at >= 0 && req.headers.host) {
        seat.publicAddress = `${req.headers.host}${(seat.publicAddress as string).slice(at)}`;
        body = Buffer.from(JSON.stringify(seat));
      }
    } catch {
      // Not JSON (an error page): pass it on as it is.
    }
    const headers = { ...proxyRes.headers, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    res.writeHead(proxyRes.statusCode ?? 502, headers);
    res.end(body);
  });
}

/**
 * Asks every process for its /health. Rooms come from the first healthy answer (they share the
 * driver); when none reads Redis, from every answer (each then lists only its own rooms).
 */
async function gatherHealth(processes: readonly RoomProcess[]): Promise<FrontDoorHealth> {
  const answers = await Promise.all(processes.map(async (p) => {
    try {
      const res = await fetch(`${p.url}/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
      if (!res.ok && res.status !== 503) throw new Error(`status ${res.status}`);
      return { process: p, body: (await res.json()) as HealthResponse };
    } catch (error) {
      return { process: p, error: error instanceof Error ? error.message : String(error) };
    }
  }));
  const bodies = answers.flatMap((a) => ('body' in a && a.body ? [a.body] : []));
  const shared = bodies.find((b) => !b.degraded.includes('redis'));
  const rooms = shared ? shared.rooms : bodies.flatMap((b) => b.rooms);
  const degraded = new Set<Degradation | 'process'>(bodies.flatMap((b) => b.degraded));
  if (bodies.length < answers.length) degraded.add('process');
  return {
    ok: degraded.size === 0,
    degraded: [...degraded],
    rooms,
    clients: shared ? shared.clients : bodies.reduce((sum, b) => sum + b.clients, 0),
    processes: answers.map((a) => ('body' in a && a.body
      ? { name: a.process.name, ok: a.body.ok, processId: a.body.processId, degraded: a.body.degraded }
      : { name: a.process.name, ok: false, error: a.error ?? 'no answer' })),
  };
}
