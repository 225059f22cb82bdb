import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualEmotion } from '../../src/shared/emotion-labels';
import { ClientMessage, COLYSEUS_PATH, ROOM_NAME } from '../../src/shared/protocol';
import { createPrivateSpaceCode, SPACE_LIST_PATH, type SpaceListResponse } from '../../src/shared/spaces';
import { fetchSpaceList } from '../../src/net/space-list';
import type { HealthResponse } from '../../server/http-app';
import { playerSeenBy, startTestServer, waitFor, type TestServer } from './helpers';

/** Named and private spaces on the real server with real SDK clients. */
describe('spaces', () => {
  let server: TestServer;
  const health = async () => (await (await fetch(`${server.baseUrl}/health`)).json()) as HealthResponse;
  const list = async () => (await (await fetch(`${server.baseUrl}${SPACE_LIST_PATH}`)).json()) as SpaceListResponse;

  beforeAll(async () => {
    server = await startTestServer({ room: { maxPlayers: 2 } });
  });
  afterAll(async () => server?.stop());

  it('puts two joins of the same name in one room, and other names in other rooms', async () => {
    const ann = await server.join({ role: 'player', space: 'team-standup', displayName: 'Ann' });
    const ben = await server.join({ role: 'player', space: 'Team-Standup', displayName: 'Ben' });
    const cat = await server.join({ role: 'player', space: 'retro', displayName: 'Cat' });
    const lobby = await server.join({ role: 'spectator' });
    expect(ben.room.roomId).toBe(ann.room.roomId);
    expect(new Set([ann.room.roomId, cat.room.roomId, lobby.room.roomId]).size).toBe(3);

    ann.room.send(ClientMessage.emotion, manualEmotion('happy'));
    await waitFor(() => playerSeenBy(ben, ann.room.sessionId)?.emotion.label === 'happy', 'ben sees ann happy');
    expect(cat.room.state.players.get(ann.room.sessionId)).toBeUndefined();
    expect([...cat.room.state.players.keys()]).toEqual([cat.room.sessionId]);

    const rooms = (await health()).rooms;
    expect(rooms.map((r) => [r.space, r.players, r.spectators]).sort()).toEqual([['lobby', 0, 1], ['retro', 1, 0], ['team-standup', 2, 0]]);
    await ben.room.leave();
    await expect.poll(async () => (await list()).spaces.find((s) => s.space === 'team-standup')?.players).toBe(1);
  });

  it('lists public spaces with their counts, the lobby first, and says which are full', async () => {
    const a = await server.join({ role: 'player', space: 'book-club' });
    await server.join({ role: 'player', space: 'book-club' });
    await server.join({ role: 'spectator', space: 'book-club' });
    const spaces = await fetchSpaceList(fetch, server.baseUrl);
    expect(spaces[0]).toMatchObject({ space: 'lobby', players: 0, spectators: 1 });
    expect(spaces.find((s) => s.space === 'book-club')).toEqual({ space: 'book-club', players: 2, spectators: 1, maxPlayers: 2, full: true });
    await expect(server.join({ role: 'player', space: 'book-club' })).rejects.toThrow(/Room full: all 2 player places/);
    const watcher = await server.join({ role: 'spectator', space: 'book-club' });
    expect(watcher.room.roomId).toBe(a.room.roomId);
    expect((await health()).rooms.filter((r) => r.space === 'book-club')).toHaveLength(1);
  });

  it('never lists a private space, and its code still brings people together', async () => {
    const code = createPrivateSpaceCode();
    const host = await server.join({ role: 'player', space: code, displayName: 'Host' });
    const guest = await server.join({ role: 'player', space: code, displayName: 'Guest' });
    expect(guest.room.roomId).toBe(host.room.roomId);
    const text = JSON.stringify(await list());
    expect(text).not.toContain(code);
    expect(text).not.toContain(host.room.roomId);
    const inHealth = await health();
    expect(inHealth.rooms.find((r) => r.roomId === host.room.roomId)?.space).toBe('(private)');
    expect(JSON.stringify(inHealth)).not.toContain(code);
    // Its room id (on /health) is no way in without the code.
    await expect(server.client().joinById(host.room.roomId, { role: 'spectator' })).rejects.toThrow(/This space is private: join it with its code/);
    await expect(server.client().joinById(host.room.roomId, { role: 'spectator', space: 'lobby' })).rejects.toThrow(/This room is a private space, not 'lobby'/);
    const byId = await server.client().joinById(host.room.roomId, { role: 'spectator', space: code });
    expect(byId.roomId).toBe(host.room.roomId);
    await byId.leave();
  });

  it('refuses invalid names with a clear error and opens no room for them', async () => {
    const before = (await health()).rooms.length;
    for (const space of ['no spaces', '-x', 'x'.repeat(33), '_tooshort', '../lobby', 42]) {
      await expect(server.client().joinOrCreate(ROOM_NAME, { role: 'player', space })).rejects.toThrow(/Invalid join options: join options\.space/);
    }
    const raw = await fetch(`${server.baseUrl}${COLYSEUS_PATH}/matchmake/joinOrCreate/${ROOM_NAME}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"space": ',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ code: 4503, error: 'Join options must be JSON.' });
    const huge = await fetch(`${server.baseUrl}${COLYSEUS_PATH}/matchmake/join/${ROOM_NAME}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ space: 'a', displayName: 'x'.repeat(10_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await health()).rooms.length).toBe(before);
  });

  it('refuses a joinById that names another space than the room is', async () => {
    const lobbyRoom = (await health()).rooms.find((r) => r.space === 'lobby');
    await expect(server.client().joinById(lobbyRoom?.roomId ?? '', { role: 'spectator', space: 'retro' })).rejects.toThrow(/is the space 'lobby', not 'retro'/);
  });
});

describe('matchmaking behind proxies', () => {
  it('survives forwarding headers that make no URL, and refuses a Host that is none', async () => {
    const server = await startTestServer();
    try {
      const url = `${server.baseUrl}${COLYSEUS_PATH}/matchmake/joinOrCreate/${ROOM_NAME}`;
      const post = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"role":"spectator"}' });
      for (const proto of ['http,http', 'https, http', 'gopher', '']) expect((await post({ 'X-Forwarded-Proto': proto })).status, proto).toBe(200);
      expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
