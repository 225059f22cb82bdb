/**
 * `npm run cluster`: several room processes sharing rooms through Redis, behind one front door.
 *
 * Environment:
 *   PORT            the front door's port (default 8080); HOST its interface (default 0.0.0.0)
 *   PROCESSES       room processes (default: one per core)
 *   REDIS_URL       an existing Redis; unset: starts Debian's redis-server on a free local port
 *   EMOTONE_PUBLIC_HOST   host:port clients reach this front door at, fixed (several machines behind
 *                   one name); unset: each seat reservation names the Host the client used
 *   EMOTONE_ENGAGEMENT_DB  as for one process; each process keeps its own file (…-p1.sqlite, …)
 *   HTTPS=1 or EMOTONE_TLS_CERT + EMOTONE_TLS_KEY   TLS on the front door (the processes stay on 127.0.0.1)
 *   EMOTONE_TRUSTED_PROXIES  a load balancer in front of the door (its address): its X-Forwarded-For
 *                   and -Proto are kept, so rates still count each client (the processes trust the door)
 *   COLYSEUS_PRESENCE_SHORT_TIMEOUT  ms a process waits for another over Redis before it takes it
 *                   for dead and clears its rooms (default here 1000; Colyseus' own is 2000): it
 *                   bounds how long the players of a killed process wait to get back in
 *   EMOTONE_DRAIN_TIMEOUT_MS  as for one process: how long a process given SIGTERM waits for its
 *                   clients to move (default 10000); a process still running 3 s past it is killed
 * Ctrl-C (or SIGTERM) stops the front door, every process and the redis-server it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { defaultEngagementDb, ENGAGEMENT_DB_OFF } from '../server/engagement-store';
import { createFrontDoor, type RoomProcess } from '../server/front-door';
import { tlsFromEnv } from '../server/tls-config';
import { freePort, startLocalRedis, type LocalRedis } from './redis-server';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Redis round trips between processes on one machine take milliseconds; a second means gone. */
const PRESENCE_TIMEOUT_MS = 1000;

function count(raw: string | undefined, fallback: number, what: string): number {
  const n = Number(raw ?? fallback);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${what} must be a whole number, got "${raw}".`);
  return n;
}

/** Each process's own SQLite file: figures are per process (see server/README.md). */
function engagementDbFor(name: string): string {
  const base = process.env.EMOTONE_ENGAGEMENT_DB || defaultEngagementDb();
  return base === ENGAGEMENT_DB_OFF ? base : base.replace(/(\.sqlite)?$/, `-${name}.sqlite`);
}

/** Starts one room process and resolves once it logs its health URL. */
function startRoomProcess(name: string, port: number, env: Record<string, string>, children: ChildProcess[]): Promise<{ child: ChildProcess; process: RoomProcess }> {
  const { HTTPS: _https, EMOTONE_TLS_CERT: _cert, EMOTONE_TLS_KEY: _key, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1', EMOTONE_ENGAGEMENT_DB: engagementDbFor(name) },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        console.log(`[${name}] ${line}`);
        if (/health: /.test(line)) resolve({ child, process: { name, url: `http://127.0.0.1:${port}` } });
      });
    }
    child.once('exit', (code, signal) => reject(new Error(`room process ${name} exited (${signal ?? code}) before it was ready`)));
  });
}

async function main(): Promise<void> {
  const port = count(process.env.PORT, 8080, 'PORT');
  const host = process.env.HOST || '0.0.0.0';
  const processCount = Math.max(1, count(process.env.PROCESSES, availableParallelism(), 'PROCESSES'));
  const drainSetting = Number(process.env.EMOTONE_DRAIN_TIMEOUT_MS || 10_000);
  const drainTimeoutMs = Number.isFinite(drainSetting) ? drainSetting : 10_000; // a bad value stops each process with its own sentence
  const children: ChildProcess[] = [];
  let redis: LocalRedis | undefined;
  let stopping = false;
  const names = Array.from({ length: processCount }, (_, i) => `p${i + 1}`);
  const ports = await Promise.all(names.map(() => freePort()));
  const processes = names.map((name, i) => ({ name, url: `http://127.0.0.1:${ports[i]}` }));
  const tls = await tlsFromEnv(process.env, root);
  const publicHost = process.env.EMOTONE_PUBLIC_HOST;
  const trustedProxies = (process.env.EMOTONE_TRUSTED_PROXIES ?? '').split(/[\s,]+/).filter(Boolean);
  const door = createFrontDoor({ port, host, processes, ...(tls ? { tls } : {}), rewritePublicHost: !publicHost, trustedProxies });

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Processes first, while the door still carries their "server is shutting down" to clients.
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), drainTimeoutMs + 3000).unref();
    })));
    await door.close().catch(() => undefined);
    await redis?.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));

  try {
    const redisUrl = process.env.REDIS_URL || (redis = await startLocalRedis()).url;
    if (redis) console.log(`[cluster] redis-server started on ${redis.url} (pid ${redis.child.pid})`);
    const { port: doorPort } = await door.listen();
    const scheme = tls ? 'https' : 'http';
    const advertised = publicHost || `localhost:${doorPort}`;
    const started = await Promise.all(names.map((name, i) => startRoomProcess(name, ports[i] as number, {
      REDIS_URL: redisUrl, EMOTONE_PUBLIC_ADDRESS: `${advertised}/colyseus/${name}`,
      COLYSEUS_PRESENCE_SHORT_TIMEOUT: process.env.COLYSEUS_PRESENCE_SHORT_TIMEOUT || String(PRESENCE_TIMEOUT_MS),
    }, children)));
    for (const { child, process: p } of started) {
      child.on('exit', (code, signal) => {
        if (!stopping) console.error(`[cluster] room process ${p.name} exited (${signal ?? `code ${code}`}); its clients move to the others.`);
      });
      console.log(`[cluster] ${p.name}: ${p.url} (pid ${child.pid})`);
    }
    console.log(`[cluster] front door: ${scheme}://${host === '0.0.0.0' ? 'localhost' : host}:${doorPort}/ (${processCount} processes, Redis ${redisUrl})`);
  } catch (error) {
    console.error('[cluster] failed to start:', error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
