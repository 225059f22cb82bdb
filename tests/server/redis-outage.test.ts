import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLYSEUS_PATH, ROOM_NAME } from '../../src/shared/protocol';
import type { FrontDoorHealth } from '../../server/front-door';
import type { HealthResponse } from '../../server/http-app';
import { redisServerInstalled, startLocalRedis, type LocalRedis } from '../../scripts/redis-server';
import { seatedPair, until } from '../harness/app-clients';
import { startChild, type ChildServer } from '../harness/room-process';

const hasRedis = redisServerInstalled();

/** A cluster on a redis-server the test owns, stopped and started again under it. */
describe.skipIf(!hasRedis)('Redis going away under a running cluster', () => {
  let redis: LocalRedis;
  let cluster: ChildServer;
  let base: string;
  let dir: string;
  const urls = new Map<string, string>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emotone-redis-'));
    redis = await startLocalRedis();
    cluster = startChild('scripts/cluster.ts', {
      PORT: '0', HOST: '127.0.0.1', PROCESSES: '2', EMOTONE_STATIC_DIR: 'none', EMOTONE_UPLOAD_DIR: dir,
      EMOTONE_ENGAGEMENT_DB: join(dir, 'figures.sqlite'), REDIS_URL: redis.url, EMOTONE_DRAIN_TIMEOUT_MS: '1000',
    });
    const door = await cluster.waitFor(/front door: http:\/\/127\.0\.0\.1:(\d+)\//);
    base = `http://127.0.0.1:${door[1]}`;
    for (const match of cluster.log().matchAll(/\[cluster\] (p\d): (\S+) \(pid \d+\)/g)) urls.set(match[1] as string, match[2] as string);
  });
  afterAll(async () => {
    await cluster?.stop('SIGTERM');
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const doorHealth = async () => {
    const res = await fetch(`${base}/health`);
    return { status: res.status, body: (await res.json()) as FrontDoorHealth };
  };
  const processHealth = async (url: string) => (await (await fetch(`${url}/health`)).json()) as HealthResponse;

  it('keeps rooms working and says Redis is degraded while it is away, and recovers when it is back', async () => {
    const { cat, dan } = await seatedPair(`${base}${COLYSEUS_PATH}`, 'retro');
    const catId = cat.store.getState().sessionId as string;
    const danSeesCatAt = (x: number) => (s: ReturnType<typeof dan.store.getState>) => Math.abs((s.poses[catId]?.position[0] ?? NaN) - x) < 0.002;
    const holder = (await doorHealth()).body.rooms.find((r) => r.space === 'retro')?.processId;

    await redis.stop();
    await cluster.waitFor(/\[redis\] connection lost/, 5000);
    const downAt = Date.now();

    // Poses still flow inside the room.
    for (const x of [0.25, -1.5, 2.125]) {
      cat.store.setSelfPose({ position: [x, 1.6, 0], quaternion: [0, 0, 0, 1] });
      await until(dan.store, danSeesCatAt(x), 3000, `Dan to see Cat at x=${x} with Redis down`);
    }
    const down = await doorHealth();
    expect(down.status).toBe(503);
    expect(down.body.ok).toBe(false);
    expect(down.body.degraded).toContain('redis');
    expect(down.body.rooms).toEqual([expect.objectContaining({ space: 'retro', players: 2, processId: holder })]);
    for (const url of urls.values()) {
      const h = await processHealth(url);
      expect(h).toMatchObject({ ok: false, degraded: ['redis'] });
      expect(h.rooms.map((r) => r.space)).toEqual(h.processId === holder ? ['retro'] : []);
    }
    // A new join is refused at once with a sentence, not left hanging on Redis' retries.
    const startedAt = Date.now();
    const join = await fetch(`${base}${COLYSEUS_PATH}/matchmake/joinOrCreate/${ROOM_NAME}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'spectator', space: 'late' }),
    });
    expect(join.status).toBe(503);
    expect(((await join.json()) as { error: string }).error).toMatch(/paused/);
    expect(Date.now() - startedAt).toBeLessThan(1000);

    // Several seconds without Redis: nothing exits.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 4000 - (Date.now() - downAt))));
    expect(cluster.log()).not.toMatch(/exited/);

    redis = await startLocalRedis(10_000, redis.port);
    const backAt = Date.now();
    await expect.poll(async () => (await doorHealth()).body.ok, { timeout: 15_000, interval: 200 }).toBe(true);
    const recoveredS = (Date.now() - backAt) / 1000;
    const back = (await doorHealth()).body;
    expect(back.degraded).toEqual([]);
    expect(back.rooms).toEqual([expect.objectContaining({ space: 'retro', players: 2, processId: holder })]);

    // Matchmaking works again and finds the room it had before: a third player joins Cat and Dan.
    const { cat: cat2 } = await seatedPair(`${base}${COLYSEUS_PATH}`, 'retro');
    await until(cat2.store, (s) => Object.keys(s.peers).length === 3, 5000, 'the new players to see the first two');
    cat.store.setSelfPose({ position: [-0.5, 1.6, 0], quaternion: [0, 0, 0, 1] });
    await until(dan.store, danSeesCatAt(-0.5), 3000, 'Dan to see Cat move after Redis is back');
    console.log(`redis outage: poses flowed while it was down; /health ok again ${recoveredS.toFixed(1)} s after redis-server restarted`);
    await Promise.all([cat.client.leave(), dan.client.leave(), cat2.client.leave()]);
  });
});
