import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { ClientMessage, JoinErrorCode, LIMITS, ROOM_NAME } from '../../src/shared/protocol';
import { startTestServer, waitFor, type TestServer } from './helpers';

/** The production limits (LIMITS), with real clients filling the room. */
describe('room limits', () => {
  let server: TestServer;
  const players: Room[] = [];
  const spectators: Room[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  /** Joins and returns the room, or the SDK's ServerError. */
  const tryJoin = (options: object) => server.client().joinOrCreate(ROOM_NAME, options).then(
    (room) => ({ room }),
    (error: { code: number; message: string }) => ({ error }),
  );

  it(`seats ${LIMITS.maxPlayers} players and refuses the next with a clear "room full" error`, async () => {
    for (let i = 0; i < LIMITS.maxPlayers; i++) {
      players.push(await server.client().joinOrCreate(ROOM_NAME, { role: 'player', displayName: `P${i}` }));
    }
    expect(new Set(players.map((r) => r.roomId)).size).toBe(1);
    const extra = await tryJoin({ role: 'player', displayName: 'Seventeen' });
    expect('error' in extra && extra.error.code).toBe(JoinErrorCode.playersFull);
    expect('error' in extra && extra.error.message).toMatch(/Room full/);
    const health = await (await fetch(`${server.baseUrl}/health`)).json() as { rooms: Array<{ players: number }> };
    expect(health.rooms).toHaveLength(1);
    expect(health.rooms[0]?.players).toBe(LIMITS.maxPlayers);
  });

  it('still lets spectators into a room full of players, up to their own limit', async () => {
    for (let i = 0; i < LIMITS.maxSpectators; i++) {
      spectators.push(await server.client().joinOrCreate(ROOM_NAME, { role: 'spectator' }));
    }
    expect(new Set(spectators.map((r) => r.roomId))).toEqual(new Set([players[0]?.roomId]));
    const extra = await tryJoin({ role: 'spectator' });
    expect('error' in extra && extra.error.code).toBe(JoinErrorCode.spectatorsFull);
    expect('error' in extra && extra.error.message).toMatch(/Room full/);
  });

  it('frees a player seat when a player leaves', async () => {
    await spectators.pop()?.leave();
    await players.pop()?.leave();
    await waitFor(() => players[0]?.state.players.size === LIMITS.maxPlayers - 1, 'the seat to be freed');
    const result = await tryJoin({ role: 'player', displayName: 'Next' });
    expect('room' in result && result.room.roomId).toBe(players[0]?.roomId);
    if ('room' in result) players.push(result.room);
  });

  it(`disconnects a client that sends more than ${LIMITS.maxMessagesPerSecond} messages per second`, async () => {
    const flooder = players[0] as Room;
    const codes: number[] = [];
    flooder.onLeave((code) => codes.push(code));
    for (let i = 0; i < LIMITS.maxMessagesPerSecond * 2; i++) flooder.send(ClientMessage.speaking, { level: 0.5 });
    await waitFor(() => codes.length > 0, 'the flooder to be disconnected');
    expect(codes[0]).toBe(4002);
    const calm = players[1] as Room;
    calm.send(ClientMessage.speaking, { level: 0.3 });
    await waitFor(() => players[2]?.state.players.get(calm.sessionId)?.speakingLevel.toFixed(2) === '0.30', 'calm player still served');
    expect(players[2]?.state.players.has(flooder.sessionId)).toBe(false);
  });
});
