import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { manualEmotion } from '../../src/shared/emotion-labels';
import { ClientMessage } from '../../src/shared/protocol';
import type { SpaceState } from '../../server/schema';
import { playerSeenBy, sleep, startTestServer, waitFor, type TestRoom, type TestServer } from './helpers';

/** A 2 s window keeps the "window elapsed" case fast; production uses LIMITS (20 s). */
const WINDOW_SEC = 2;

/** Cuts the TCP connection under a room without a close handshake (a lost network). */
function dropSocket(room: Room): void {
  const transport = room.connection.transport as unknown as { ws: { terminate(): void } };
  transport.ws.terminate();
}

describe('reconnection window', () => {
  let server: TestServer;
  let bob: TestRoom;
  let spectator: TestRoom;

  beforeAll(async () => {
    server = await startTestServer({ room: { reconnectionWindowSec: WINDOW_SEC } });
    bob = await server.join({ role: 'player', displayName: 'Bob' });
    spectator = await server.join({ role: 'spectator' });
  });
  afterAll(async () => server?.stop());

  /** A player with a distinctive state, seen by the spectator. */
  async function seatedPlayer(name: string): Promise<TestRoom> {
    const player = await server.join({ role: 'player', displayName: name, avatarId: 'owl' });
    player.room.reconnection.enabled = false; // these tests reconnect by hand
    player.room.send(ClientMessage.emotion, manualEmotion('sad'));
    player.room.send(ClientMessage.pose, { position: [0.125, 1.7, -3.0625], quaternion: [0, 0, 0, 1] });
    await waitFor(() => playerSeenBy(spectator, player.room.sessionId)?.emotion.label === 'sad', `${name} is sad`);
    return player;
  }

  it('keeps seat and state while dropped, and restores them on reconnect', async () => {
    const alice = await seatedPlayer('Alice');
    const { sessionId, reconnectionToken } = alice.room;
    const before = JSON.stringify(playerSeenBy(spectator, sessionId)?.toJSON());
    dropSocket(alice.room);
    const dropped = await waitFor(() => {
      const p = playerSeenBy(bob, sessionId);
      return p && !p.connected ? p : undefined;
    }, 'alice marked disconnected');
    expect(dropped.emotion.label).toBe('sad');

    const back = await server.client().reconnect<SpaceState>(reconnectionToken);
    expect(back.sessionId).toBe(sessionId);
    expect(back.roomId).toBe(alice.room.roomId);
    await waitFor(() => playerSeenBy(spectator, sessionId)?.connected === true, 'alice connected again');
    const restored = JSON.parse(JSON.stringify(playerSeenBy(spectator, sessionId)?.toJSON())) as Record<string, unknown>;
    expect(restored).toEqual({ ...(JSON.parse(before) as Record<string, unknown>), connected: true });
    expect(back.state.players.get(sessionId)?.head.pz).toBe(Math.round(-3.0625 * 1000)); // millimetres on the wire

    back.send(ClientMessage.emotion, manualEmotion('happy'));
    await waitFor(() => playerSeenBy(bob, sessionId)?.emotion.label === 'happy', 'reconnected alice can still write');
    await back.leave();
    await waitFor(() => !playerSeenBy(bob, sessionId), 'alice left for good');
  });

  it('lets the SDK reconnect on its own after a network drop', async () => {
    const carol = await seatedPlayer('Carol');
    carol.room.reconnection.enabled = true;
    carol.room.reconnection.minUptime = 0;
    const reconnected = new Promise<void>((resolve) => carol.room.onReconnect(() => resolve()));
    dropSocket(carol.room);
    await reconnected;
    carol.room.send(ClientMessage.speaking, { level: 0.75 });
    const seen = await waitFor(() => {
      const p = playerSeenBy(spectator, carol.room.sessionId);
      return p?.connected && p.speakingLevel === 0.75 ? p : undefined;
    }, 'carol back and speaking');
    expect(seen.displayName).toBe('Carol');
    expect(seen.emotion.label).toBe('sad');
  });

  it('frees the seat once the window has passed, and the old token no longer works', async () => {
    const dave = await seatedPlayer('Dave');
    const { sessionId, reconnectionToken } = dave.room;
    dropSocket(dave.room);
    await waitFor(() => playerSeenBy(bob, sessionId)?.connected === false, 'dave marked disconnected');
    await sleep(WINDOW_SEC * 1000 + 300);
    expect(playerSeenBy(bob, sessionId)).toBeUndefined();
    await expect(server.client().reconnect(reconnectionToken)).rejects.toThrow();
  });

  it('never keeps a seat for a spectator that left on purpose', async () => {
    const watcher = await server.join({ role: 'spectator' });
    const res = async () => (await (await fetch(`${server.baseUrl}/health`)).json()) as { rooms: Array<{ spectators: number }> };
    expect((await res()).rooms[0]?.spectators).toBe(2);
    await watcher.room.leave();
    await expect.poll(async () => (await res()).rooms[0]?.spectators).toBe(1);
  });
});
