import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmotoneServer, type EmotoneServer } from '../../server/create-server';
import { createRoomClient, type RoomClient } from '../../src/net';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';
import { manualEmotion } from '../../src/shared/emotion-labels';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import { createAppStore, type AppState, type AppStore } from '../../src/state';

/** The real room server on 127.0.0.1 and real SDK clients; no mocks. */
let server: EmotoneServer | null = null;
let proxy: TcpProxy | null = null;
const clients: RoomClient[] = [];

async function boot(room?: { maxPlayers: number }): Promise<string> {
  const uploadDir = mkdtempSync(join(tmpdir(), 'emotone-net-'));
  server = createEmotoneServer({ port: 0, host: '127.0.0.1', uploadDir, engagementDb: join(uploadDir, 'engagement.sqlite'), ...(room ? { room } : {}) });
  const { port } = await server.listen();
  return `http://127.0.0.1:${port}${COLYSEUS_PATH}`;
}

/** Boots the server behind a TCP proxy whose connections the test can cut. */
async function bootBehindProxy(): Promise<{ endpoint: string; direct: string; proxy: TcpProxy }> {
  const direct = await boot();
  proxy = await startTcpProxy(Number(new URL(direct).port));
  return { endpoint: `http://127.0.0.1:${proxy.port}${COLYSEUS_PATH}`, direct, proxy };
}

function makeClient(endpoint: string, role: Role, name = '', seatWindowMs = 20_000): { store: AppStore; client: RoomClient } {
  const store = createAppStore({ self: { name, avatarId: 'sunny' } });
  const client = createRoomClient({ endpoint, store, role, backoff: { initialDelayMs: 100, maxDelayMs: 400, seatWindowMs, maxAttempts: 4 } });
  clients.push(client);
  return { store, client };
}

function until(store: AppStore, predicate: (s: AppState) => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(store.getState())) return resolve();
    const timer = setTimeout(() => (off(), reject(new Error(`timeout; state: ${JSON.stringify(store.getState().connection)}`))), timeoutMs);
    const off = store.subscribe((s) => {
      if (predicate(s)) (clearTimeout(timer), off(), resolve());
    });
  });
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.leave()));
  await proxy?.close();
  proxy = null;
  await server?.close();
  server = null;
});

describe('room client against the real server', () => {
  it('mirrors players into a spectator and sends emotion changes', async () => {
    const endpoint = await boot();
    const alice = makeClient(endpoint, Role.player, 'Alice');
    const watcher = makeClient(endpoint, Role.spectator);
    await alice.client.connect();
    await watcher.client.connect();
    expect(alice.store.getState().connection.kind).toBe('connected');
    await until(watcher.store, (s) => Object.values(s.peers).some((p) => p.name === 'Alice'));
    expect(watcher.store.getState().sessionId).toBeNull();
    expect(Object.keys(alice.store.getState().peers)).toEqual([]); // spectators are nobody's peer

    alice.store.setSelfEmotion(manualEmotion('angry'));
    await until(watcher.store, (s) => Object.values(s.peers)[0]?.emotion.label === 'angry');
    expect(watcher.store.getState().timelines[alice.store.getState().sessionId ?? '']?.map((e) => e.label)).toEqual(['neutral', 'angry']);
  });

  it('caps pose traffic at 20 Hz while keeping the latest pose', async () => {
    const endpoint = await boot();
    const bob = makeClient(endpoint, Role.player, 'Bob');
    const watcher = makeClient(endpoint, Role.spectator);
    await bob.client.connect();
    await watcher.client.connect();
    await until(watcher.store, (s) => Object.keys(s.peers).length === 1);
    let seen = 0;
    watcher.store.subscribe((s, prev) => void (s.poses !== prev.poses && seen++));
    for (let i = 1; i <= 100; i++) {
      bob.store.setSelfPose({ position: [i / 100, 1.6, 1], quaternion: [0, 0, 0, 1] });
      await new Promise((r) => setTimeout(r, 10));
    }
    await until(watcher.store, (s) => Object.values(s.poses)[0]?.position[0] === 1);
    // ~1.1 s of changes at 100 Hz: at most ~23 messages at 20 Hz (+ patches coalesce further).
    expect(seen).toBeLessThanOrEqual(25);
    expect(seen).toBeGreaterThan(3);
  });

  it('reconnects after a drop into the same seat', async () => {
    const { endpoint, direct, proxy } = await bootBehindProxy();
    const carol = makeClient(endpoint, Role.player, 'Carol');
    await carol.client.connect();
    const sessionId = carol.store.getState().sessionId;
    carol.store.setSelfEmotion(manualEmotion('sad'));
    await new Promise((r) => setTimeout(r, 300));
    const states: string[] = [];
    carol.store.subscribe((s, prev) => void (s.connection !== prev.connection && states.push(s.connection.kind)));
    proxy.dropAll();
    await until(carol.store, (s) => states.includes('reconnecting') && s.connection.kind === 'connected', 10_000);
    expect(carol.store.getState().sessionId).toBe(sessionId);
    const watcher = makeClient(direct, Role.spectator);
    await watcher.client.connect();
    await until(watcher.store, (s) => Object.values(s.peers)[0]?.emotion.label === 'sad');
  });

  it('joins afresh, keeping its emotion, once the seat window has passed', async () => {
    const { endpoint, direct, proxy } = await bootBehindProxy();
    const dave = makeClient(endpoint, Role.player, 'Dave', 0);
    await dave.client.connect();
    const first = dave.store.getState().sessionId;
    dave.store.setSelfEmotion(manualEmotion('surprised'));
    proxy.dropAll();
    await until(dave.store, (s) => s.connection.kind === 'connected' && s.sessionId !== first, 10_000);
    const watcher = makeClient(direct, Role.spectator);
    await watcher.client.connect();
    await until(watcher.store, (s) => Object.values(s.peers).some((p) => p.name === 'Dave' && p.emotion.label === 'surprised'));
  });

  it('reports a full room and an unreachable server', async () => {
    const endpoint = await boot({ maxPlayers: 1 });
    await makeClient(endpoint, Role.player, 'One').client.connect();
    const two = makeClient(endpoint, Role.player, 'Two');
    await two.client.connect();
    expect(two.store.getState().connection.kind).toBe('room_full');

    const nowhere = makeClient('http://127.0.0.1:9/colyseus', Role.player, 'Lost');
    await nowhere.client.connect();
    expect(nowhere.store.getState().connection.kind).toBe('unreachable');
  });
});
