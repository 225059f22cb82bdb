import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualEmotion } from '../../src/shared/emotion-labels';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import { createRoomClient } from '../../src/net';
import { createAppStore } from '../../src/state';
import { appClient, until } from '../harness/app-clients';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';
import { playerSeenBy, startTestServer, waitFor, type TestRoom, type TestServer } from './helpers';

/** Short window and pings keep the test fast; production: 20 s window, 3 s pings. */
const WINDOW_SEC = 5;
const PING_MS = 500;
/** One-way delay the proxy adds to every byte. */
const LATENCY_MS = 120;

/**
 * A player reaches the real server through a real TCP proxy that adds latency and stalls her
 * connection; a spectator watches directly. The server cuts a silent client after two missed pings
 * (1–1.5 s here) and holds the seat for the window; the player only learns of the cut when the
 * stall ends, as on a radio link.
 */
describe('latency and stalls on one player\'s connection', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let watcher: TestRoom;
  const eve = () => appClientEve;
  let appClientEve: ReturnType<typeof appClient>;

  beforeAll(async () => {
    server = await startTestServer({ room: { reconnectionWindowSec: WINDOW_SEC }, pingIntervalMs: PING_MS });
    proxy = await startTcpProxy(Number(new URL(server.baseUrl).port));
    proxy.setLatency(LATENCY_MS);
    watcher = await server.join({ role: Role.spectator });
    appClientEve = appClient(`http://127.0.0.1:${proxy.port}${COLYSEUS_PATH}`, Role.player, 'Eve');
    await eve().client.connect();
  });
  afterAll(async () => {
    await eve()?.client.leave();
    await proxy?.close();
    await server?.stop();
  });

  /** Eve as the spectator sees her, by session id. */
  const seen = (sessionId: string) => playerSeenBy(watcher, sessionId);

  it('keeps the seat, the name, the avatar and the emotion through latency and a stall shorter than the window', async () => {
    const sessionId = eve().store.getState().sessionId as string;
    expect(sessionId).toBeTruthy();
    const sentAt = Date.now();
    eve().store.setSelfEmotion(manualEmotion('surprised'));
    await waitFor(() => seen(sessionId)?.emotion.label === 'surprised', 'the spectator to see Eve surprised');
    const oneWayMs = Date.now() - sentAt;
    expect(oneWayMs).toBeGreaterThanOrEqual(LATENCY_MS);

    const stallMs = 3000;
    const stalled = proxy.stallOpen(stallMs);
    await waitFor(() => seen(sessionId)?.connected === false, 'the server to cut the silent connection', stallMs);
    expect(eve().store.getState().connection.kind).toBe('connected'); // she has heard nothing yet
    await stalled;
    await until(eve().store, (s) => s.connection.kind === 'reconnecting', 2000, 'Eve to notice the cut');
    const back = await waitFor(() => (seen(sessionId)?.connected ? seen(sessionId) : undefined), 'Eve back in her seat', 5000);
    expect(back).toMatchObject({ displayName: 'Eve', avatarId: 'sunny', emotion: { label: 'surprised' } });
    await until(eve().store, (s) => s.connection.kind === 'connected', 2000, 'Eve connected');
    expect(eve().store.getState().sessionId).toBe(sessionId);
    expect(watcher.room.state.players.size).toBe(1);

    eve().store.setSelfEmotion(manualEmotion('happy'));
    await waitFor(() => seen(sessionId)?.emotion.label === 'happy', 'the spectator to see Eve again after the stall');
  });

  it('frees the seat during a stall longer than the window; the player then joins afresh with her state', async () => {
    const sessionId = eve().store.getState().sessionId as string;
    const stallMs = WINDOW_SEC * 1000 + 3000;
    const stalled = proxy.stallOpen(stallMs);
    await waitFor(() => seen(sessionId)?.connected === false, 'the server to cut the silent connection', stallMs);
    await waitFor(() => !seen(sessionId), 'the seat to be freed once the window passed', stallMs);
    expect(watcher.room.state.players.size).toBe(0);
    await stalled;
    await until(eve().store, (s) => s.connection.kind === 'connected' && s.sessionId !== sessionId, 8000, 'Eve in a new seat');
    const fresh = eve().store.getState().sessionId as string;
    const rejoined = await waitFor(() => (seen(fresh)?.emotion.label === 'happy' ? seen(fresh) : undefined), 'the spectator to see the new seat');
    expect(rejoined).toMatchObject({ displayName: 'Eve', avatarId: 'sunny', connected: true });
    expect(watcher.room.state.players.size).toBe(1);
  });

  it('notices a silent connection itself and gets back into its seat while the stall goes on', async () => {
    await eve().client.leave();
    await waitFor(() => watcher.room.state.players.size === 0, 'Eve gone');
    const silenceMs = 2000;
    const store = createAppStore({ self: { name: 'Fay', avatarId: 'owl' } });
    const fay = createRoomClient({ endpoint: `http://127.0.0.1:${proxy.port}${COLYSEUS_PATH}`, store, role: Role.player, silenceMs });
    await fay.connect();
    store.setSelfEmotion(manualEmotion('sad'));
    const sessionId = store.getState().sessionId as string;
    await waitFor(() => seen(sessionId)?.emotion.label === 'sad', 'the spectator to see Fay');
    try {
      const stallMs = WINDOW_SEC * 1000 - 500;
      const startedAt = Date.now();
      const stalled = proxy.stallOpen(stallMs);
      await until(store, (s) => s.connection.kind === 'reconnecting', stallMs, 'Fay to give up on the silent socket');
      const gaveUpMs = Date.now() - startedAt;
      await waitFor(() => seen(sessionId)?.connected === true && seen(sessionId), 'Fay back in her seat through a new connection', stallMs);
      const backMs = Date.now() - startedAt;
      expect(backMs).toBeLessThan(stallMs);
      expect(seen(sessionId)).toMatchObject({ displayName: 'Fay', avatarId: 'owl', emotion: { label: 'sad' } });
      expect(gaveUpMs).toBeGreaterThanOrEqual(silenceMs);
      console.log(`stall: the client gave up on its silent socket after ${(gaveUpMs / 1000).toFixed(1)} s (silence limit ${silenceMs / 1000} s) and was back in its seat ${(backMs / 1000).toFixed(1)} s into a ${stallMs / 1000} s stall`);
      await stalled;
    } finally {
      await fay.leave();
    }
  });
});
