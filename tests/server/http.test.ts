import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLYSEUS_PATH, ROOM_NAME } from '../../src/shared/protocol';
import type { HealthResponse } from '../../server/http-app';
import { startTestServer, waitFor, type TestRoom, type TestServer } from './helpers';

const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

/** A fake Vite build: index.html, hashed assets and the file types the app ships. */
async function makeDist(): Promise<string> {
  const dist = await mkdtemp(join(tmpdir(), 'emotone-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>EmoTone</title>');
  await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(dist, 'assets', 'ort-wasm-simd-threaded.jsep.mjs'), 'export {}');
  await writeFile(join(dist, 'assets', 'ort-wasm-simd-threaded.jsep.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(join(dist, 'emotion.onnx'), Buffer.from([8, 1]));
  await writeFile(join(dist, 'fox.vrm'), Buffer.from('glTF'));
  return dist;
}

describe('HTTP surface', () => {
  let server: TestServer;
  let dist: string;
  let player: TestRoom;

  beforeAll(async () => {
    dist = await makeDist();
    server = await startTestServer({ staticDir: dist });
    player = await server.join({ role: 'player', displayName: 'P' });
    await server.join({ role: 'spectator' });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dist, { recursive: true, force: true });
  });

  it('GET /health reports rooms with player and spectator counts', async () => {
    const res = await fetch(`${server.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as HealthResponse;
    expect(body).toEqual({
      ok: true, degraded: [], processId: expect.any(String), clients: 2,
      rooms: [{ roomId: player.room.roomId, processId: body.processId, space: 'lobby', players: 1, spectators: 1 }],
    });
  });

  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['/assets/ort-wasm-simd-threaded.jsep.mjs', 'text/javascript; charset=utf-8'],
    ['/assets/ort-wasm-simd-threaded.jsep.wasm', 'application/wasm'],
    ['/emotion.onnx', 'application/octet-stream'],
    ['/fox.vrm', 'model/gltf-binary'],
  ])('serves %s as %s with cross-origin isolation headers', async (path, type) => {
    const res = await fetch(`${server.baseUrl}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    for (const [name, value] of Object.entries(ISOLATION)) expect(res.headers.get(name)).toBe(value);
  });

  it('caches hashed assets for a year and revalidates index.html', async () => {
    expect((await fetch(`${server.baseUrl}/assets/index-abc123.js`)).headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${server.baseUrl}/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for app routes but not for missing files or escapes', async () => {
    const route = await fetch(`${server.baseUrl}/space/lobby?spectate`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>EmoTone</title>');
    const missing = await fetch(`${server.baseUrl}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.any(String) });
    const escape = await fetch(`${server.baseUrl}/%2e%2e/%2e%2e/etc/passwd`);
    expect([404, 200]).toContain(escape.status);
    expect(await escape.text()).not.toContain('root:');
  });

  it('puts isolation headers on errors and on Colyseus answers too', async () => {
    for (const path of ['/api/none', '/health?x', `${COLYSEUS_PATH}/matchmake/joinOrCreate/nosuchroom`]) {
      const res = await fetch(`${server.baseUrl}${path}`, { method: path.includes('matchmake') ? 'POST' : 'GET', body: path.includes('matchmake') ? '{}' : null });
      for (const [name, value] of Object.entries(ISOLATION)) expect(res.headers.get(name), `${name} on ${path}`).toBe(value);
    }
  });

  it('serves matchmaking only under the /colyseus prefix', async () => {
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'spectator' }) };
    const prefixed = await fetch(`${server.baseUrl}${COLYSEUS_PATH}/matchmake/joinOrCreate/${ROOM_NAME}`, init);
    expect(prefixed.status).toBe(200);
    const seat = (await prefixed.json()) as Parameters<ReturnType<TestServer['client']>['consumeSeatReservation']>[0];
    expect(seat.roomId).toBe(player.room.roomId);
    const room = await server.client().consumeSeatReservation(seat);
    expect(room.sessionId).toBe(seat.sessionId);
    await room.leave();
    const bare = await fetch(`${server.baseUrl}/matchmake/joinOrCreate/${ROOM_NAME}`, init);
    expect(bare.status).toBe(405);
  });

  it('keeps one room per space: clients cannot create extra rooms', async () => {
    await expect(server.client().create(ROOM_NAME, { role: 'player' })).rejects.toThrow(/made by joining it/);
    const health = (await (await fetch(`${server.baseUrl}/health`)).json()) as HealthResponse;
    expect(health.rooms).toHaveLength(1);
  });

  it('refuses WebSocket upgrades outside /colyseus', async () => {
    const ws = new WebSocket(`${server.baseUrl.replace('http', 'ws')}/not-colyseus/${player.room.roomId}`);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('unexpected-response', (_req, res) => resolve(`status ${res.statusCode}`));
      ws.on('error', () => resolve('error'));
    });
    ws.terminate();
    expect(outcome).toBe('status 404');
    await waitFor(() => player.room.connection.isOpen, 'the player connection untouched');
  });
});
