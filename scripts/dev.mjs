#!/usr/bin/env node
/**
 * `npm run dev`: the room server (tsx watch server/main.ts on 127.0.0.1:$EMOTONE_ROOM_PORT, 2567
 * by default, no static files) and Vite (HTTPS with a self-signed certificate, on the LAN).
 * Vite proxies /health, /api and /colyseus (WebSocket included) to the room server, so a Quest
 * needs only the one origin and accepts only one certificate.
 *
 * Ctrl-C stops both; if either dies, the other is stopped and this exits with its code.
 */
import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const roomPort = process.env.EMOTONE_ROOM_PORT || '2567';
const devPort = process.env.EMOTONE_DEV_PORT || '5173';
const scheme = process.env.EMOTONE_DEV_HTTP ? 'http' : 'https';
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Running children by label. */
const children = new Map();
let stopping = false;

/** Starts a child whose output lines are prefixed with its label. */
function start(label, command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    createInterface({ input: stream }).on('line', (line) => out.write(`[${label}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(label);
    if (stopping) {
      if (children.size === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    console.error(`[dev] ${label} exited (${signal ?? `code ${code}`}); stopping.`);
    stop(code || 1);
  });
  children.set(label, child);
}

/** Stops every child; exits once they are gone (or after 5 s). */
function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 5000).unref();
}

/** Polls the room server's /health until it answers. */
async function waitForRoomServer(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(`http://127.0.0.1:${roomPort}/health`);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function lanAddresses() {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal)
    .map((info) => info.address);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Vite's proxy rewrites Host to the room server's, so the pages' origin (Vite's) is allowed by name.
const viteOrigins = ['localhost', '127.0.0.1', ...lanAddresses()].map((host) => `${scheme}://${host}:${devPort}`);
start('room', bin('tsx'), ['watch', 'server/main.ts'], {
  PORT: roomPort,
  HOST: '127.0.0.1',
  EMOTONE_STATIC_DIR: 'none',
  EMOTONE_ALLOWED_ORIGINS: [process.env.EMOTONE_ALLOWED_ORIGINS ?? '', ...viteOrigins].filter(Boolean).join(','),
});
start('vite', bin('vite'), ['--port', devPort, '--strictPort'], {});

if (await waitForRoomServer()) {
  const urls = [`${scheme}://localhost:${devPort}/`, ...lanAddresses().map((ip) => `${scheme}://${ip}:${devPort}/`)];
  console.log('\n[dev] EmoTone is up. Open one of:');
  for (const url of urls) console.log(`[dev]   ${url}        spectator: ${url}?spectate`);
  console.log(`[dev] Room server on 127.0.0.1:${roomPort} (reached through Vite: /health, /api, /colyseus).`);
  if (scheme === 'https') console.log('[dev] The certificate is self-signed: accept the warning once per device (Quest browser too).');
  console.log('[dev] Ctrl-C stops both.\n');
} else if (!stopping) {
  console.error(`[dev] The room server did not answer on 127.0.0.1:${roomPort}/health within 30 s.`);
  stop(1);
}
