/**
 * Production entry point (`npm start` builds first, `npm run serve` does not): the built app,
 * /health, avatar uploads and the Colyseus room server on one port.
 *
 * Environment:
 *   PORT                default 8080
 *   HOST                default 0.0.0.0 (all interfaces, so a Quest on the LAN can connect)
 *   EMOTONE_STATIC_DIR  directory of the built app; default dist/ when it holds index.html;
 *                       "none" serves no app (scripts/dev.mjs, where Vite serves it)
 *   EMOTONE_UPLOAD_DIR  where uploaded avatars are stored; default server/uploads
 *   EMOTONE_ENGAGEMENT_DB   SQLite file of the operator's engagement figures; default
 *                       server/data/engagement.sqlite; "off" keeps no figures
 *   EMOTONE_OPERATOR_TOKEN  bearer token of GET /api/operator/engagement; unset = endpoint off
 *   HTTPS=1, or EMOTONE_TLS_CERT + EMOTONE_TLS_KEY   serve HTTPS (see tls-config.ts)
 *   REDIS_URL           e.g. redis://127.0.0.1:6379: share rooms with every process on that Redis
 *                       (RedisPresence + RedisDriver); unset: this process alone
 *   EMOTONE_PUBLIC_ADDRESS  host:port[/path] where clients open this process's room WebSockets
 *                       (a cluster's front door plus this process's prefix, e.g. example.org/colyseus/p1)
 *   EMOTONE_ALLOWED_ORIGINS  origins besides the server's own whose pages may join and upload
 *                       (comma separated, e.g. https://emotone.example.org)
 *   EMOTONE_TRUSTED_PROXIES  addresses besides this machine (always trusted) whose X-Forwarded-For/-Proto
 *                       are believed, e.g. a load balancer's
 *   EMOTONE_UPLOAD_QUOTA_MB  disk for uploaded avatars (default 1024); least recently used evicted
 *   EMOTONE_DRAIN_TIMEOUT_MS  on SIGTERM, how long clients get to move before they are closed
 *                       (default 10000): they are told, new joins are refused, then it exits 0
 *   EMOTONE_ICE_SERVERS  JSON array of RTCIceServer for voice chat (STUN/TURN), passed to pages at
 *                       GET /api/voice-config; unset: none (host candidates, one network only)
 *   EMOTONE_ICE_POLICY  'relay' sends voice only through the TURN servers (players never learn
 *                       each other's addresses); default 'all'
 *   EMOTONE_TURN_SECRET + EMOTONE_TURN_URLS  coturn's static-auth-secret (use-auth-secret) and its
 *                       turn: URLs (comma separated): each page gets its own TURN credential,
 *                       valid EMOTONE_TURN_TTL_S seconds (default 86400), instead of a fixed user
 */
import './require-node';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmotoneServer } from './create-server';
import { parseIceConfig, type IceConfig } from '../src/shared/ice-config';
import { parseAllowedOrigins } from './origin-policy';
import { LOOPBACK_ADDRESSES } from './request-trust';
import { parseTurnSecret, type TurnSecretConfig } from './turn-credentials';
import type { SecurityConfig } from './security';
import { tlsFromEnv } from './tls-config';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Default of EMOTONE_DRAIN_TIMEOUT_MS. */
const DRAIN_TIMEOUT_MS = 10_000;

function readDrainTimeout(raw: string | undefined): number {
  const ms = Number(raw ?? DRAIN_TIMEOUT_MS);
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) {
    console.error(`EMOTONE_DRAIN_TIMEOUT_MS must be a whole number of ms from 0 to 600000, got "${raw}".`);
    process.exit(1);
  }
  return ms;
}

function readPort(raw: string | undefined): number {
  const port = Number(raw ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer from 0 to 65535, got "${raw}".`);
    process.exit(1);
  }
  return port;
}

function staticDir(): string | undefined {
  const configured = process.env.EMOTONE_STATIC_DIR;
  if (configured === 'none') return undefined;
  const dir = configured || join(repoRoot, 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** URLs a browser can use: localhost, plus every LAN IPv4 address when bound to all interfaces. */
function reachableUrls(scheme: string, host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`${scheme}://${host}:${port}/`];
  const lan = Object.values(networkInterfaces()).flat()
    .filter((info) => info && info.family === 'IPv4' && !info.internal)
    .map((info) => `${scheme}://${info?.address}:${port}/`);
  return [`${scheme}://localhost:${port}/`, ...lan];
}

/** The security settings of the environment; throws with a sentence on a malformed value. */
function securityFromEnv(env: NodeJS.ProcessEnv): Partial<SecurityConfig> {
  const config: Partial<SecurityConfig> = { allowedOrigins: parseAllowedOrigins(env.EMOTONE_ALLOWED_ORIGINS) };
  // This machine stays trusted: the cluster's front door and `npm run dev`'s Vite run here.
  if (env.EMOTONE_TRUSTED_PROXIES) config.trustedProxies = [...LOOPBACK_ADDRESSES, ...env.EMOTONE_TRUSTED_PROXIES.split(/[\s,]+/).filter(Boolean)];
  if (env.EMOTONE_UPLOAD_QUOTA_MB !== undefined) {
    const mb = Number(env.EMOTONE_UPLOAD_QUOTA_MB);
    if (!(mb >= 10)) throw new Error(`EMOTONE_UPLOAD_QUOTA_MB must be a number of MB, at least 10 (one avatar), got "${env.EMOTONE_UPLOAD_QUOTA_MB}".`);
    config.uploadQuotaBytes = Math.floor(mb * 1024 * 1024);
  }
  return config;
}

/** The voice chat ICE settings of the environment; throws with a sentence on a malformed value. */
function iceFromEnv(env: NodeJS.ProcessEnv): { ice: IceConfig; turnSecret?: TurnSecretConfig } {
  // A wrong TURN setting would leave voice chat silently broken for everyone behind a NAT: refuse to start.
  const turn = parseTurnSecret(env.EMOTONE_TURN_SECRET, env.EMOTONE_TURN_URLS, env.EMOTONE_TURN_TTL_S);
  if (!turn.ok) throw new Error(`${turn.reason}.`);
  // Minted TURN credentials are a TURN server too: relay-only is then allowed without a fixed one.
  const result = parseIceConfig(env.EMOTONE_ICE_SERVERS, env.EMOTONE_ICE_POLICY || 'all', turn.config !== null);
  if (!result.ok) throw new Error(`EMOTONE_ICE_SERVERS / EMOTONE_ICE_POLICY: ${result.reason}.`);
  return turn.config ? { ice: result.config, turnSecret: turn.config } : { ice: result.config };
}

const host = process.env.HOST || '0.0.0.0';
const dist = staticDir();

try {
  const tls = await tlsFromEnv(process.env, repoRoot);
  const server = createEmotoneServer({
    port: readPort(process.env.PORT), host, operatorToken: process.env.EMOTONE_OPERATOR_TOKEN,
    security: securityFromEnv(process.env), ...iceFromEnv(process.env),
    drainTimeoutMs: readDrainTimeout(process.env.EMOTONE_DRAIN_TIMEOUT_MS || undefined),
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    ...(process.env.EMOTONE_PUBLIC_ADDRESS ? { publicAddress: process.env.EMOTONE_PUBLIC_ADDRESS } : {}),
    ...(dist ? { staticDir: dist } : {}), ...(tls ? { tls } : {}),
  });
  const { port, secure } = await server.listen();
  const scheme = secure ? 'https' : 'http';
  console.log(`EmoTone room server listening on ${host}:${port} (${scheme})${process.env.REDIS_URL ? ', rooms shared through Redis' : ''}`);
  if (dist) {
    for (const url of reachableUrls(scheme, host, port)) console.log(`  app:    ${url}`);
    if (!secure) console.log('  A Quest needs HTTPS for WebXR and the microphone: start with HTTPS=1 (self-signed) or use `npm run dev`.');
  } else if (process.env.EMOTONE_STATIC_DIR !== 'none') {
    console.log('  No built app found (dist/index.html): serving the room server only. Run `npm run build`.');
  }
  console.log(`  health: ${scheme}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/health`);
  stopOnSignals(server);
} catch (error) {
  console.error('EmoTone room server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}

/**
 * Ctrl-C / SIGTERM: drain (clients told to move, new joins refused, up to the drain timeout),
 * then exit 0; a second signal exits at once.
 */
function stopOnSignals(server: { close(): Promise<void> }): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      const started = Date.now();
      console.log(`${signal}: draining (new joins refused, clients told the server is restarting)`);
      server.close().then(() => {
        console.log(`drained in ${Date.now() - started} ms; exiting`);
        process.exit(0);
      }, () => process.exit(1));
    });
  }
}
