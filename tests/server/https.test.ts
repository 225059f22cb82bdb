import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsFromEnv } from '../../server/tls-config';
import { ROOM_NAME } from '../../src/shared/protocol';
import { startTestServer, type TestServer } from './helpers';

/** HTTPS=1: what a Quest on the LAN needs from `npm start` (secure context for WebXR and the mic). */
describe('HTTPS', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emotone-tls-'));
    const tls = await tlsFromEnv({ HTTPS: '1' }, dir);
    if (!tls) throw new Error('no certificate');
    // This worker only: the certificate is self-signed, as in development.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    server = await startTestServer({ tls });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves /health and rooms over HTTPS and WSS', async () => {
    expect(server.baseUrl).toMatch(/^https:/);
    const health = await fetch(`${server.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const room = await server.client().joinOrCreate(ROOM_NAME, { role: 'spectator' });
    expect(room.roomId).toEqual(expect.any(String));
    await room.leave();
  });

  it('takes its own origin as https: the page served over TLS may matchmake, the same host over http may not', async () => {
    const join = (origin: string) => fetch(`${server.baseUrl}/colyseus/matchmake/joinOrCreate/${ROOM_NAME}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ role: 'spectator' }),
    });
    expect((await join(server.baseUrl)).status).toBe(200);
    expect((await join(server.baseUrl.replace('https:', 'http:'))).status).toBe(403);
  });

  it('explains incomplete certificate settings', async () => {
    await expect(tlsFromEnv({ EMOTONE_TLS_CERT: '/x.pem' }, dir)).rejects.toThrow(/both EMOTONE_TLS_CERT and EMOTONE_TLS_KEY/);
    await expect(tlsFromEnv({ EMOTONE_TLS_CERT: join(dir, 'none.pem'), EMOTONE_TLS_KEY: join(dir, 'none.key') }, dir))
      .rejects.toThrow(/Cannot read the TLS files/);
    expect(await tlsFromEnv({}, dir)).toBeUndefined();
  });
});
