/**
 * A coturn TURN server (Debian's `turnserver`) that a test starts on 127.0.0.1 and stops again:
 * plain UDP/TCP only, one static long-term user, relaying to loopback peers (the browsers under
 * test are on this machine). Not for anything but tests: see server/README.md for a real one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IceConfig } from '../../src/shared/ice-config';
import { freePort } from '../../scripts/redis-server';

/** The coturn binary; EMOTONE_TURNSERVER names another. */
export const TURNSERVER_PATH = process.env.EMOTONE_TURNSERVER ?? 'turnserver';

/** Why turn tests cannot run here, or null when `turnserver` can be started. */
export function turnServerMissing(): string | null {
  // `turnserver -h` prints its usage and exits non-zero; a missing binary gives an error instead of a status.
  const probe = spawnSync(TURNSERVER_PATH, ['-h'], { stdio: 'ignore' });
  return probe.error ? `${TURNSERVER_PATH} is not installed (apt-get install coturn)` : null;
}

/** A running turnserver. */
export interface TurnServer {
  readonly port: number;
  readonly username: string;
  readonly credential: string;
  /** `turnserver` arguments it was started with (for reports). */
  readonly args: readonly string[];
  /** Its log so far (coturn logs allocations and refused peers). */
  log(): string;
  /** The requests it refused so far (e.g. "CHANNEL_BIND processed, error 403: Forbidden IP"), leaving out the 401 that starts every login. */
  refusals(): string[];
  /** An ICE config naming only this server over UDP, with the given transport policy. */
  iceConfig(policy: RTCIceTransportPolicy): IceConfig;
  /** Kills it and removes its files; safe to call more than once, and if it already exited. */
  close(): Promise<void>;
}

/** Relay ports come from 61000–65535, above Linux's default ephemeral range, so no client socket holds one. */
const RELAY_PORTS_FROM = 61_000;
const RELAY_PORT_SPAN = 100;

/** Where and as whom a turnserver listens; each defaults to a fresh choice. */
export interface TurnServerOptions {
  /** A port free for UDP and TCP (see freeUdpAndTcpPort): pages may be told of it before it starts. */
  readonly port?: number;
  readonly credential?: string;
  /**
   * Check credentials minted from this secret (coturn's use-auth-secret: TURN REST API) instead
   * of the one long-term user.
   */
  readonly authSecret?: string;
  readonly timeoutMs?: number;
}

/** The ICE config naming a TURN server on 127.0.0.1:`port` over UDP, running or not. */
export function turnIceConfig(port: number, username: string, credential: string, policy: RTCIceTransportPolicy): IceConfig {
  return { iceServers: [{ urls: [`turn:127.0.0.1:${port}?transport=udp`], username, credential }], iceTransportPolicy: policy };
}

/** The long-term user of every test turnserver. */
export const TURN_USERNAME = 'emotone';

/**
 * Starts turnserver on 127.0.0.1 (a free port unless given) and resolves once it answers a STUN
 * Binding request on UDP. Rejects (having killed it) when it exits first or does not answer in time.
 */
export async function startTurnServer(options: TurnServerOptions = {}): Promise<TurnServer> {
  const missing = turnServerMissing();
  if (missing) throw new Error(missing);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const port = options.port ?? (await freeUdpAndTcpPort());
  // A random window per run, so two runs on one machine rarely reach for the same relay ports.
  const minPort = RELAY_PORTS_FROM + Math.floor(Math.random() * (65_535 - RELAY_PORTS_FROM - RELAY_PORT_SPAN));
  const dir = mkdtempSync(join(tmpdir(), 'emotone-turn-'));
  const username = TURN_USERNAME;
  const credential = options.credential ?? randomBytes(9).toString('base64url');
  const args = [
    '-n', // no config file: /etc/turnserver.conf is the machine's, not the test's
    '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`,
    `--min-port=${minPort}`, `--max-port=${minPort + RELAY_PORT_SPAN - 1}`,
    '--lt-cred-mech', '--realm=emotone.test', '--fingerprint',
    ...(options.authSecret ? ['--use-auth-secret', `--static-auth-secret=${options.authSecret}`] : [`--user=${username}:${credential}`]),
    '--no-tls', '--no-dtls', '--no-cli',
    // Both browsers' relay addresses are on 127.0.0.1, and coturn refuses loopback peers by default
    // (403 Forbidden IP on CreatePermission/ChannelBind): nothing would cross the relay.
    '--allow-loopback-peers', '--no-multicast-peers',
    // Its pid file and SQLite user database default to /var paths shared by every instance.
    `--pidfile=${join(dir, 'turnserver.pid')}`, `--userdb=${join(dir, 'turndb')}`,
    // One relay thread carries two voices easily and leaves CI's two cores to the browsers; -v logs
    // each allocation (not each packet), which a test may read as coturn's side of the story.
    '--relay-threads=1', '-v', '--log-file=stdout', '--simple-log',
  ];
  const child = spawn(TURNSERVER_PATH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  // Should the test process end without its afterAll (a crash, a killed worker), take coturn along.
  const killOnExit = () => (running() ? child.kill('SIGKILL') : undefined);
  process.once('exit', killOnExit);
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      process.off('exit', killOnExit);
      if (running()) {
        child.kill('SIGTERM');
        const hard = setTimeout(() => (running() ? child.kill('SIGKILL') : undefined), 3000);
        await exited;
        clearTimeout(hard);
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return closing;
  };
  try {
    await waitForStun(port, timeoutMs, () => (child.exitCode !== null ? `turnserver exited with ${child.exitCode}` : null));
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}; turnserver ${args.join(' ')} printed:\n${output}`);
  }
  return {
    port, username, credential, args,
    log: () => output,
    refusals: () => output.split('\n')
      .filter((line) => /processed, error (?!401)\d{3}/.test(line))
      .map((line) => line.replace(/^.*incoming packet /, '')),
    iceConfig: (policy) => turnIceConfig(port, username, credential, policy),
    close,
  };
}

/** A port free for both UDP and TCP on 127.0.0.1 a moment ago (turnserver listens on both). */
export async function freeUdpAndTcpPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    const udp = createSocket('udp4');
    const free = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, '127.0.0.1', () => resolve(true));
    });
    await new Promise<void>((resolve) => (free ? udp.close(() => resolve()) : resolve()));
    if (free) return port;
  }
  throw new Error('no port free for both UDP and TCP on 127.0.0.1');
}

/** Sends STUN Binding requests (RFC 5389) to 127.0.0.1:`port` every 100 ms until one is answered. */
async function waitForStun(port: number, timeoutMs: number, gone: () => string | null): Promise<void> {
  const socket = createSocket('udp4');
  const transaction = randomBytes(12);
  const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), transaction]);
  let answered = false;
  socket.on('message', (msg) => {
    // A Binding success response (0x0101) carrying our transaction id.
    if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(transaction)) answered = true;
  });
  socket.on('error', () => undefined); // ICMP port unreachable before it listens: keep asking
  try {
    const deadline = Date.now() + timeoutMs;
    while (!answered) {
      const why = gone();
      if (why) throw new Error(why);
      if (Date.now() > deadline) throw new Error(`turnserver did not answer STUN on 127.0.0.1:${port} within ${timeoutMs} ms`);
      socket.send(request, port, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    socket.close();
  }
}
