import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import { COLYSEUS_PATH, ROOM_NAME, Role } from '../../src/shared/protocol';
import type { ConnectionStatus } from '../../src/state';
import type { FrontDoorHealth } from '../../server/front-door';
import type { HealthResponse } from '../../server/http-app';
import { freePort, redisServerInstalled } from '../../scripts/redis-server';
import { appClient, seatedPair, seesPlayer, until } from '../harness/app-clients';
import { startChild, type ChildServer } from '../harness/room-process';

const DRAIN_MS = 4000;
const hasRedis = redisServerInstalled();

/** Every connection status a store went through. */
function recordStatuses(store: ReturnType<typeof appClient>['store']): ConnectionStatus[] {
  const seen: ConnectionStatus[] = [];
  store.subscribe((s) => {
    if (seen[seen.length - 1] !== s.connection) seen.push(s.connection);
  });
  return seen;
}
const toldRestarting = (seen: ConnectionStatus[]) => seen.some((s) => s.kind === 'reconnecting' && s.cause === 'restarting');

/** A raw SDK client that ignores the restart notice: the process waits for it until the drain timeout. */
async function stubbornSpectator(endpoint: string, space: string): Promise<{ room: Room; closedWith: () => number | undefined }> {
  const room = await new Client(endpoint).joinOrCreate(ROOM_NAME, { role: Role.spectator, space });
  room.reconnection.enabled = false;
  room.onMessage('*', () => undefined);
  let code: number | undefined;
  room.onLeave((c) => void (code = c));
  return { room, closedWith: () => code };
}

const joinThrough = (base: string, space: string) => fetch(`${base}${COLYSEUS_PATH}/matchmake/joinOrCreate/${ROOM_NAME}`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'spectator', space }),
});

describe.skipIf(!hasRedis)('SIGTERM on a cluster: the process drains, its players move to a live one', () => {
  let cluster: ChildServer;
  let base: string;
  let dir: string;
  const pids = new Map<string, number>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emotone-drain-'));
    cluster = startChild('scripts/cluster.ts', {
      PORT: '0', HOST: '127.0.0.1', PROCESSES: '2', EMOTONE_STATIC_DIR: 'none', EMOTONE_UPLOAD_DIR: dir,
      EMOTONE_ENGAGEMENT_DB: join(dir, 'figures.sqlite'), REDIS_URL: '', EMOTONE_DRAIN_TIMEOUT_MS: String(DRAIN_MS),
    });
    const door = await cluster.waitFor(/front door: http:\/\/127\.0\.0\.1:(\d+)\//);
    base = `http://127.0.0.1:${door[1]}`;
    for (const match of cluster.log().matchAll(/\[cluster\] (p\d): \S+ \(pid (\d+)\)/g)) pids.set(match[1] as string, Number(match[2]));
  });
  afterAll(async () => {
    await cluster?.stop('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  });

  it('tells the clients, routes new joins elsewhere, reunites the players and exits 0 within the timeout', async () => {
    const endpoint = `${base}${COLYSEUS_PATH}`;
    const { cat, dan } = await seatedPair(endpoint, 'retro');
    const catSeen = recordStatuses(cat.store);
    const danSeen = recordStatuses(dan.store);
    const stubborn = await stubbornSpectator(endpoint, 'retro');

    const health = async () => (await (await fetch(`${base}/health`)).json()) as FrontDoorHealth;
    const before = await health();
    const holder = before.processes.find((p) => p.processId === before.rooms.find((r) => r.space === 'retro')?.processId);
    const live = before.processes.find((p) => p !== holder);
    expect(holder && live).toBeTruthy();
    process.kill(pids.get(holder?.name ?? '') as number, 'SIGTERM');
    const termAt = Date.now();
    const told = (st: typeof cat.store) => until(st, (s) => s.connection.kind === 'reconnecting' && s.connection.cause === 'restarting', 3000, 'the restart notice');
    await Promise.all([told(cat.store), told(dan.store)]);
    await Promise.all([
      until(dan.store, seesPlayer('Cat', 'happy'), 10_000, 'Dan to see Cat again'),
      until(cat.store, seesPlayer('Dan', 'sad'), 10_000, 'Cat to see Dan again'),
    ]);
    const reunitedS = (Date.now() - termAt) / 1000;
    expect(toldRestarting(catSeen) && toldRestarting(danSeen)).toBe(true);
    expect(catSeen.filter((s) => s.kind === 'reconnecting').every((s) => s.kind === 'reconnecting' && s.cause === 'restarting')).toBe(true);

    // The stubborn spectator keeps the process draining: meanwhile every new join goes to the live one.
    expect(cluster.log()).not.toMatch(new RegExp(`room process ${holder?.name} exited`));
    const draining = await health();
    expect(draining.processes.find((p) => p.name === holder?.name)?.degraded).toContain('draining');
    for (let i = 0; i < 4; i++) {
      const res = await joinThrough(base, `after-${i}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-emotone-process')).toBe(live?.name);
      expect(((await res.json()) as { processId: string }).processId).toBe(live?.processId);
    }

    const exit = await cluster.waitFor(new RegExp(`room process ${holder?.name} exited \\(([^)]+)\\)`), DRAIN_MS + 5000);
    const exitS = (Date.now() - termAt) / 1000;
    expect(exit[1]).toBe('code 0');
    expect(exitS).toBeLessThan(DRAIN_MS / 1000 + 3);
    await expect.poll(stubborn.closedWith).toBe(4001);
    console.log(`drain: players together again ${reunitedS.toFixed(1)} s after SIGTERM; process exited 0 after ${exitS.toFixed(1)} s (drain timeout ${DRAIN_MS / 1000} s, one client never left)`);

    const after = await health();
    const retro = after.rooms.filter((r) => r.space === 'retro');
    expect(retro).toHaveLength(1);
    expect(retro[0]).toMatchObject({ processId: live?.processId, players: 2 });
    await Promise.all([cat.client.leave(), dan.client.leave()]);
  });
});

describe('SIGTERM on a single server: the client is told, new joins are refused', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('shows "restarting", refuses joins with 503 while draining, exits 0, and the client gets back in after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emotone-drain1-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const env = {
      PORT: String(port), HOST: '127.0.0.1', EMOTONE_STATIC_DIR: 'none', EMOTONE_UPLOAD_DIR: dir,
      EMOTONE_ENGAGEMENT_DB: join(dir, 'figures.sqlite'), EMOTONE_DRAIN_TIMEOUT_MS: '3000',
    };
    let server = startChild('server/main.ts', env);
    cleanup.push(() => server.stop('SIGKILL'));
    await server.waitFor(/health: /);
    const base = `http://127.0.0.1:${port}`;
    const robin = appClient(`${base}${COLYSEUS_PATH}`, Role.player, 'Robin', 'standup');
    cleanup.push(() => robin.client.leave());
    await robin.client.connect();
    const stubborn = await stubbornSpectator(`${base}${COLYSEUS_PATH}`, 'standup');

    server.child.kill('SIGTERM');
    const termAt = Date.now();
    await until(robin.store, (s) => s.connection.kind === 'reconnecting' && s.connection.cause === 'restarting', 3000, 'Robin to be told');
    const refused = await joinThrough(base, 'standup');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: string }).error).toMatch(/restarting/);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as HealthResponse).degraded).toEqual(['draining']);

    await new Promise((resolve) => server.child.once('exit', resolve));
    expect(server.child.exitCode).toBe(0);
    expect(Date.now() - termAt).toBeLessThan(3000 + 2000);
    expect(stubborn.closedWith()).toBe(4001);
    expect(robin.store.getState().connection).toMatchObject({ kind: 'reconnecting', cause: 'restarting' });

    server = startChild('server/main.ts', env);
    await server.waitFor(/health: /);
    await until(robin.store, (s) => s.connection.kind === 'connected', 5000, 'Robin back in');
  });
});
