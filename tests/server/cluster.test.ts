import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import { manualEmotion } from '../../src/shared/emotion-labels';
import { ClientMessage, COLYSEUS_PATH, LIMITS, ROOM_NAME, Role, ServerMessage } from '../../src/shared/protocol';
import { createRandom, junkMessage } from '../fixtures/junk';
import type { FrontDoorHealth } from '../../server/front-door';
import { redisServerInstalled } from '../../scripts/redis-server';
import { startChild, type ChildServer } from '../harness/room-process';
import { seatedPair, seesPlayer, until } from '../harness/app-clients';

const hasRedis = redisServerInstalled();
if (!hasRedis) console.warn('cluster tests skipped: redis-server is not installed (apt-get install redis-server).');

/** True while a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm run cluster` as a real process: its own redis-server, two room processes, the front door. */
describe.skipIf(!hasRedis)('cluster: room processes on Redis behind one front door', () => {
  let cluster: ChildServer;
  let base: string;
  let dir: string;
  const pids = new Map<string, number>();
  const rooms: Room[] = [];
  const health = async () => (await (await fetch(`${base}/health`)).json()) as FrontDoorHealth;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emotone-cluster-'));
    cluster = startChild('scripts/cluster.ts', {
      PORT: '0', HOST: '127.0.0.1', PROCESSES: '2', EMOTONE_STATIC_DIR: 'none', EMOTONE_UPLOAD_DIR: dir,
      EMOTONE_ENGAGEMENT_DB: join(dir, 'figures.sqlite'), REDIS_URL: '',
    });
    const door = await cluster.waitFor(/front door: http:\/\/127\.0\.0\.1:(\d+)\//);
    base = `http://127.0.0.1:${door[1]}`;
    for (const match of cluster.log().matchAll(/\[cluster\] (p\d): \S+ \(pid (\d+)\)/g)) pids.set(match[1] as string, Number(match[2]));
    const redisPid = /redis-server started on \S+ \(pid (\d+)\)/.exec(cluster.log())?.[1];
    pids.set('redis', Number(redisPid));
  });
  afterAll(async () => {
    for (const room of rooms) room.removeAllListeners();
    await cluster?.stop('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  });

  it('puts two joins of one space in one room though different processes served them', async () => {
    const seats = [];
    const servedBy = [];
    for (const name of ['Ann', 'Ben']) {
      const res = await fetch(`${base}${COLYSEUS_PATH}/matchmake/joinOrCreate/${ROOM_NAME}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'player', space: 'standup', displayName: name }),
      });
      expect(res.status).toBe(200);
      servedBy.push(res.headers.get('x-emotone-process'));
      seats.push((await res.json()) as Parameters<Client['consumeSeatReservation']>[0] & { publicAddress: string });
    }
    expect(new Set(servedBy)).toEqual(new Set(['p1', 'p2']));
    expect(seats[1]?.roomId).toBe(seats[0]?.roomId);
    expect(seats[0]?.publicAddress).toMatch(new RegExp(`^127\\.0\\.0\\.1:\\d+${COLYSEUS_PATH}/p[12]$`));

    const client = new Client(`${base}${COLYSEUS_PATH}`);
    const [ann, ben] = [await client.consumeSeatReservation(seats[0] as never), await client.consumeSeatReservation(seats[1] as never)] as Room[];
    rooms.push(ann as Room, ben as Room);
    await expect.poll(() => (ben as Room).state?.players?.size).toBe(2);
    const listed = await health();
    expect(listed.ok).toBe(true);
    expect(listed.processes.map((p) => p.name)).toEqual(['p1', 'p2']);
    const room = listed.rooms.find((r) => r.space === 'standup');
    expect(room).toMatchObject({ roomId: seats[0]?.roomId, players: 2, spectators: 0 });
    expect(listed.processes.map((p) => p.processId)).toContain(room?.processId);
    for (const r of [ann, ben]) await r?.leave();
  });

  it('survives 10,000 malformed frames from 48 clients in rooms on both processes: no other player changes', async () => {
    const client = new Client(`${base}${COLYSEUS_PATH}`);
    const join = async (space: string, role: Role, displayName?: string) => {
      const room = await client.joinOrCreate(ROOM_NAME, { role, space, ...(displayName ? { displayName } : {}) });
      rooms.push(room);
      return room;
    };
    // New rooms go to the process with the fewest rooms, as each process last published it: open
    // spaces one after the other until both processes hold one, and use one on each.
    const spaces: string[] = [];
    const victims: Room[] = [];
    const holders = new Set<string>();
    for (let i = 0; holders.size < 2 && i < 6; i++) {
      const victim = await join(`fuzz-${i}`, Role.player, 'Victim');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const holder = (await health()).rooms.find((r) => r.roomId === victim.roomId)?.processId ?? '';
      if (holders.has(holder)) continue;
      holders.add(holder);
      spaces.push(`fuzz-${i}`);
      victims.push(victim);
    }
    expect(holders.size).toBe(2);
    const watchers = await Promise.all(spaces.map((space) => join(space, Role.spectator)));
    victims.forEach((v, i) => v.send(ClientMessage.emotion, manualEmotion(i === 0 ? 'happy' : 'sad')));
    await expect.poll(() => watchers.map((w) => [...(w.state?.players?.values() ?? [])].map((p) => p.emotion.label).join())).toEqual(['happy', 'sad']);
    const snapshot = () => watchers.map((w) => JSON.stringify(w.state.toJSON()));
    const before = snapshot();

    const senders: Array<{ room: Room; errors: number; closed: number | null }> = [];
    for (const space of spaces) {
      for (let i = 0; i < 24; i++) {
        const room = await join(space, i < 14 ? Role.player : Role.spectator, `M${i}`);
        const sender = { room, errors: 0, closed: null as number | null };
        room.onMessage(ServerMessage.error, () => void sender.errors++);
        room.onLeave((code) => void (sender.closed = code));
        senders.push(sender);
      }
    }
    const seated = () => watchers.map((w) => w.state.players.size);
    await expect.poll(seated).toEqual([15, 15]);
    const rnd = createRandom(20261201);
    for (let i = 0; i < 10_000; i++) {
      // Each sender's share (about 208) goes out in one run, so its burst is over the cap however
      // slowly a busy machine sends the whole 10,000 (round-robin, a busy run spread each
      // sender's frames over more than a second and only 33 of 48 passed the cap).
      const sender = senders[Math.floor((i * senders.length) / 10_000)] as (typeof senders)[number];
      const [type, payload] = junkMessage(rnd);
      sender.room.send(type, payload);
    }
    expect(10_000 / senders.length).toBeGreaterThan(2 * LIMITS.maxMessagesPerSecond);
    // All 10,000 go out before any answer is read. Each sender is told of its messages until it
    // passes the per-second cap, then closed with 4002 and the rest of its frames dropped, as on
    // one process; a kick frees the seat at once.
    await expect.poll(() => senders.filter((s) => s.closed === 4002).length, { timeout: 15_000 }).toBe(senders.length);
    expect(senders.every((s) => s.errors >= 1)).toBe(true);
    await expect.poll(seated).toEqual([1, 1]);
    const after = snapshot().map((s) => JSON.parse(s) as { players: Record<string, unknown> });
    const original = before.map((s) => JSON.parse(s) as { players: Record<string, unknown> });
    for (const [i, victim] of victims.entries()) expect(after[i]?.players[victim.sessionId]).toEqual(original[i]?.players[victim.sessionId]);
    expect((await health()).ok).toBe(true);
    victims[1]?.send(ClientMessage.emotion, manualEmotion('surprised'));
    await expect.poll(() => watchers[1]?.state.players.get(victims[1]?.sessionId ?? '')?.emotion.label).toBe('surprised');
    for (const room of [...victims, ...watchers]) await room.leave();
  });

  it('brings the players of a killed process back into their space on a live one within 10 s', async () => {
    const endpoint = `${base}${COLYSEUS_PATH}`;
    const { cat, dan } = await seatedPair(endpoint, 'retro');

    const before = await health();
    const holder = before.processes.find((p) => p.processId === before.rooms.find((r) => r.space === 'retro')?.processId);
    const pid = pids.get(holder?.name ?? '');
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');
    const killedAt = Date.now();
    await until(dan.store, (s) => s.connection.kind === 'reconnecting', 5000, 'Dan to notice');
    await Promise.all([
      until(dan.store, seesPlayer('Cat', 'happy'), 15_000, 'Dan to see Cat again'),
      until(cat.store, seesPlayer('Dan', 'sad'), 15_000, 'Cat to see Dan again'),
    ]);
    const seconds = (Date.now() - killedAt) / 1000;
    console.log(`cluster fail-over: both players saw each other again ${seconds.toFixed(1)} s after kill -9 of ${holder?.name}`);
    expect(seconds).toBeLessThan(10);
    const after = await health();
    expect(after.ok).toBe(false);
    expect(after.processes.find((p) => p.name === holder?.name)).toMatchObject({ ok: false });
    const retro = after.rooms.filter((r) => r.space === 'retro');
    expect(retro).toHaveLength(1);
    expect(retro[0]?.processId).not.toBe(holder?.processId);
    await Promise.all([cat.client.leave(), dan.client.leave()]);
  });

  it('stops the front door, every process and its redis-server on Ctrl-C', async () => {
    await cluster.stop('SIGINT');
    expect(cluster.child.exitCode).toBe(0);
    for (const [name, pid] of pids) expect(alive(pid), `${name} (pid ${pid}) still running`).toBe(false);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });
});
