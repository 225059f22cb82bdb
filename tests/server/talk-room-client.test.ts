import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmotoneServer, type EmotoneServer } from '../../server/create-server';
import { createRoomClient, type RoomClient } from '../../src/net';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import type { SignalMessage } from '../../src/shared/talk-protocol';
import { createAppStore, type AppState, type AppStore, type BlockedPlayer } from '../../src/state';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';
import { waitFor } from './helpers';

/** The app's room client as voice chat uses it: its signalling channel, the mute, the block list. Real server, real SDK. */
let server: EmotoneServer | null = null;
let proxy: TcpProxy | null = null;
const clients: RoomClient[] = [];

async function boot(): Promise<string> {
  const uploadDir = mkdtempSync(join(tmpdir(), 'emotone-talk-'));
  server = createEmotoneServer({ port: 0, host: '127.0.0.1', uploadDir, engagementDb: join(uploadDir, 'engagement.sqlite') });
  const { port } = await server.listen();
  return `http://127.0.0.1:${port}${COLYSEUS_PATH}`;
}

interface Player {
  readonly store: AppStore;
  readonly client: RoomClient;
  readonly heard: [string, SignalMessage][];
}

function makeClient(endpoint: string, role: Role, name: string, blocked: BlockedPlayer[] = [], seatWindowMs = 20_000): Player {
  const store = createAppStore({ self: { name, avatarId: 'sunny' }, blocked });
  const client = createRoomClient({ endpoint, store, role, backoff: { initialDelayMs: 100, maxDelayMs: 400, seatWindowMs, maxAttempts: 4 } });
  clients.push(client);
  const heard: [string, SignalMessage][] = [];
  client.signals.onSignal((from, message) => heard.push([from, message]));
  return { store, client, heard };
}

function until(store: AppStore, predicate: (s: AppState) => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(store.getState())) return resolve();
    const timer = setTimeout(() => (off(), reject(new Error(`timeout; connection: ${JSON.stringify(store.getState().connection)}`))), timeoutMs);
    const off = store.subscribe((s) => {
      if (predicate(s)) (clearTimeout(timer), off(), resolve());
    });
  });
}

/** Once a score out of turn is refused, the room has handled everything this client sent before it. */
async function roundTrip(player: Player): Promise<void> {
  const before = player.store.getState().lastError;
  expect(player.client.command('activityScore', { round: 1, score: 0.5 })).toBe(true);
  await until(player.store, (s) => s.lastError !== before && s.lastError?.code === 'out_of_turn');
}

const idOf = (player: Player): string => player.store.getState().sessionId ?? '';
const peerNamed = (player: Player, name: string) => Object.values(player.store.getState().peers).find((p) => p.name === name);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.leave()));
  await proxy?.close();
  proxy = null;
  await server?.close();
  server = null;
});

describe('room client: voice chat', () => {
  it('carries signals between players, and none for a spectator', async () => {
    const endpoint = await boot();
    const alice = makeClient(endpoint, Role.player, 'Alice');
    const bob = makeClient(endpoint, Role.player, 'Bob');
    const watcher = makeClient(endpoint, Role.spectator, '');
    await Promise.all([alice.client.connect(), bob.client.connect(), watcher.client.connect()]);
    const offer: SignalMessage = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\ns=-\r\n' } };
    expect(alice.client.signals.send(idOf(bob), offer)).toBe(true);
    await waitFor(() => bob.heard.length > 0, 'the offer at bob');
    expect(bob.heard).toEqual([[idOf(alice), offer]]);
    expect(watcher.client.signals.send(idOf(alice), { kind: 'bye' })).toBe(false);
    await roundTrip(alice);
    expect(alice.heard).toEqual([]);
    expect(watcher.heard).toEqual([]);
  });

  it('hands refused signals to the channel, not to the error the HUD shows', async () => {
    const endpoint = await boot();
    const alice = makeClient(endpoint, Role.player, 'Alice');
    await alice.client.connect();
    const refused: string[] = [];
    alice.client.signals.onRefused((error) => refused.push(error.code));
    expect(alice.client.signals.send('left-already', { kind: 'bye' })).toBe(true);
    await waitFor(() => refused.length > 0, 'the refusal');
    expect(refused).toEqual(['peer_unavailable']);
    expect(alice.store.getState().lastError).toBeNull();
  });

  it("mirrors each player's voice mute into the others' stores", async () => {
    const endpoint = await boot();
    const alice = makeClient(endpoint, Role.player, 'Alice');
    const bob = makeClient(endpoint, Role.player, 'Bob');
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    await until(bob.store, () => peerNamed(bob, 'Alice')?.voiceMuted === false);
    alice.store.setMuted(true);
    await until(bob.store, () => peerNamed(bob, 'Alice')?.voiceMuted === true);
    alice.store.setMuted(false);
    await until(bob.store, () => peerNamed(bob, 'Alice')?.voiceMuted === false);
  });

  it('blocks by name and avatar whatever the session, also after its own fresh join', async () => {
    const direct = await boot();
    proxy = await startTcpProxy(Number(new URL(direct).port));
    const viaProxy = `http://127.0.0.1:${proxy.port}${COLYSEUS_PATH}`;
    const bob = makeClient(viaProxy, Role.player, 'Bob', [{ name: 'Mallory', avatarId: 'sunny' }], 0);
    const mallory = makeClient(direct, Role.player, 'Mallory');
    const carol = makeClient(direct, Role.player, 'Carol');
    await Promise.all([bob.client.connect(), mallory.client.connect(), carol.client.connect()]);
    await until(bob.store, () => peerNamed(bob, 'Mallory') !== undefined && peerNamed(bob, 'Carol') !== undefined);

    /** Mallory's and Carol's signals to Bob: only Carol's may arrive. */
    const check = async (): Promise<void> => {
      await roundTrip(bob); // the room has Bob's block by now
      bob.heard.length = 0;
      mallory.client.signals.send(idOf(bob), { kind: 'bye' });
      carol.client.signals.send(idOf(bob), { kind: 'bye' });
      await roundTrip(mallory);
      await roundTrip(carol);
      await roundTrip(bob);
      expect(bob.heard.map(([from]) => from)).toEqual([idOf(carol)]);
      expect(mallory.store.getState().lastError?.code).toBe('out_of_turn'); // Mallory was told nothing
    };
    await check();

    const first = idOf(bob);
    proxy.dropAll(); // seat window 0: Bob comes back as a new session, which the room knows nothing about
    await until(bob.store, (s) => s.connection.kind === 'connected' && s.sessionId !== first, 10_000);
    await until(bob.store, () => peerNamed(bob, 'Mallory') !== undefined);
    await check();
  });
});
