/**
 * `npm run loadtest -- --clients N --seconds S [--json] [--workers W] [--space-size 16]`
 *
 * Starts the real room server (server/main.ts) as its own process, then W load-generator processes
 * (worker.ts) holding N real @colyseus/sdk players in spaces of `space-size`, each sending at the
 * app's capped rates. Prints latency pose → peer (p50/p95/p99), errors, the server's CPU (% of one
 * core; the generators' beside it, since on a small machine they share the cores), what the server
 * wrote per second (its sockets, from /proc: the patches, mostly) and memory per client; with
 * --json, one last JSON line. A benchmark, not a test.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COLYSEUS_PATH, LIMITS } from '../../../src/shared/protocol';
import { startChild } from '../../../tests/harness/room-process';
import { freePort } from '../../redis-server';
import type { LoadReport, WorkerPlan } from './protocol';

const { values } = parseArgs({
  options: {
    clients: { type: 'string' }, seconds: { type: 'string', default: '10' }, json: { type: 'boolean', default: false },
    workers: { type: 'string', default: String(Math.max(1, availableParallelism())) }, 'space-size': { type: 'string', default: String(LIMITS.maxPlayers) },
  },
});
const whole = (raw: string | undefined, name: string, min: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got ${raw ?? 'nothing'}).`);
  return n;
};
const clients = whole(values.clients, 'clients', 1);
const seconds = whole(values.seconds, 'seconds', 1);
const spaceSize = whole(values['space-size'], 'space-size', 1);
if (spaceSize > LIMITS.maxPlayers) throw new Error(`--space-size is at most ${LIMITS.maxPlayers}, the players a space seats.`);
const workers = Math.min(whole(values.workers, 'workers', 1), Math.ceil(clients / spaceSize));

/** utime + stime of a process, in seconds, its resident memory in MB and bytes it wrote (sockets included) (Linux /proc). */
function usage(pid: number): { cpuSec: number; rssMb: number; writtenBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  const writtenBytes = Number(/wchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);
  return { cpuSec: ticks / 100, rssMb: rssKb / 1024, writtenBytes };
}

const percentile = (sorted: number[], p: number): number => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'emotone-load-'));
  const port = await freePort();
  const server = startChild('server/main.ts', { PORT: String(port), HOST: '127.0.0.1', EMOTONE_STATIC_DIR: 'none', EMOTONE_ENGAGEMENT_DB: 'off', EMOTONE_UPLOAD_DIR: dir });
  const children: ChildProcess[] = [];
  try {
    await server.waitFor(/health: /);
    const pid = server.child.pid as number;
    const idle = usage(pid);
    const endpoint = `http://127.0.0.1:${port}${COLYSEUS_PATH}`;
    // Whole spaces per worker, so a space's players share one generator's clock and timers.
    const spaces = Math.ceil(clients / spaceSize);
    const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));
    const ready: Array<Promise<LoadReport>> = [];
    let first = 0;
    for (let w = 0; w < workers; w++) {
      const spacesHere = Math.floor(spaces / workers) + (w < spaces % workers ? 1 : 0);
      const count = Math.min(clients - first, spacesHere * spaceSize);
      const plan: WorkerPlan = { endpoint, firstClient: first, clients: count, spaceSize };
      first += count;
      const child = fork(workerPath, { execArgv: ['--import', 'tsx'], env: { ...process.env, EMOTONE_LOAD_PLAN: JSON.stringify(plan) }, stdio: 'inherit' });
      children.push(child);
      ready.push(new Promise((resolve) => child.once('message', (m: LoadReport) => resolve(m))));
    }
    const joinedAt = Date.now();
    const joins = await Promise.all(ready);
    const joinSeconds = (Date.now() - joinedAt) / 1000;
    const results = children.map((child) => new Promise<LoadReport>((resolve) => child.on('message', (m: LoadReport) => m.type === 'result' && resolve(m))));
    for (const child of children) child.send({ type: 'start' });
    await sleep(1000);
    const generatorCpu = () => children.reduce((sum, child) => sum + usage(child.pid as number).cpuSec, 0);
    const before = usage(pid);
    const generatorBefore = generatorCpu();
    const startedMs = Date.now();
    await sleep(seconds * 1000);
    const after = usage(pid);
    const elapsedSec = (Date.now() - startedMs) / 1000;
    const cpuPct = ((after.cpuSec - before.cpuSec) / elapsedSec) * 100;
    const outKiBps = (after.writtenBytes - before.writtenBytes) / elapsedSec / 1024;
    const generatorPct = ((generatorCpu() - generatorBefore) / elapsedSec) * 100;
    for (const child of children) child.send({ type: 'stop' });
    const reports = (await Promise.all(results)).filter((r): r is Extract<LoadReport, { type: 'result' }> => r.type === 'result');
    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const joined = reports.reduce((n, r) => n + r.joined, 0);
    const errors = reports.reduce((n, r) => n + r.errors, 0) + joins.reduce((n, r) => n + (r.type === 'ready' ? r.errors : 0), 0) + (clients - joined);
    const summary = {
      clients, rooms: spaces, p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), p99Ms: round(percentile(latencies, 99)),
      errors, serverCpuPct: round(cpuPct), serverOutKiBps: round(outKiBps, 0), rssMbPerClient: round((after.rssMb - idle.rssMb) / clients, 3),
    };
    console.log(`\nload: ${clients} clients in ${spaces} spaces of ${spaceSize}, ${workers} generator processes, ${seconds} s measured (joins took ${joinSeconds.toFixed(1)} s)`);
    console.table([{
      clients, rooms: spaces, samples: latencies.length, 'p50 ms': summary.p50Ms, 'p95 ms': summary.p95Ms, 'p99 ms': summary.p99Ms,
      'max ms': round(latencies.at(-1) ?? NaN), errors, 'server CPU %': summary.serverCpuPct, 'generators CPU %': round(generatorPct), 'server out KiB/s': summary.serverOutKiBps, 'server RSS MB': round(after.rssMb), 'RSS MB/client': summary.rssMbPerClient,
    }]);
    if (values.json) console.log(JSON.stringify(summary));
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await server.stop('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error('loadtest failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
