import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from '../../server/origin-policy';
import { AVATAR_UPLOAD_PATH } from '../../src/shared/avatar-upload';
import { REPO_ROOT } from '../harness/paths';
import { startTestServer, type TestServer } from './helpers';
import { httpFrom, openSocket, reserveSeat, seatSocketUrl } from './http-from';

const EVIL = 'https://evil.example';
const ALLOWED = 'https://app.example.org';

/** The real server with one extra allowed origin; requests come as a browser page would send them. */
describe('origin checks', () => {
  let server: TestServer;
  let own: string;
  const sunny = () => readFile(join(REPO_ROOT, 'assets', 'avatars', 'sunny.vrm'));
  const spaces = async () => ((await (await fetch(`${server.baseUrl}/health`)).json()) as { rooms: { space: string }[] }).rooms.map((r) => r.space);

  beforeAll(async () => {
    server = await startTestServer({ security: { allowedOrigins: [ALLOWED] } });
    own = server.baseUrl;
  });
  afterAll(async () => server?.stop());

  it('refuses matchmaking from another site’s page with 403 and opens no room', async () => {
    const res = await reserveSeat(server.baseUrl, { role: 'player', space: 'evil-made' }, { headers: { Origin: EVIL } });
    expect(res.status).toBe(403);
    expect((res.body as { error: string }).error).toMatch(/page at https:\/\/evil\.example are not allowed.*EMOTONE_ALLOWED_ORIGINS/);
    expect(await spaces()).not.toContain('evil-made');
  });

  it('lets the server’s own pages, the configured origins and clients without Origin (Node, curl) matchmake', async () => {
    for (const headers of [{ Origin: own }, { Origin: ALLOWED }, {}] as Record<string, string>[]) {
      const res = await reserveSeat(server.baseUrl, { role: 'spectator', space: 'welcome' }, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
    expect(await spaces()).toContain('welcome');
  });

  it('refuses room WebSockets from another site’s page with 403, and opens them for the server’s own', async () => {
    const seat = (await reserveSeat(server.baseUrl, { role: 'spectator', space: 'sockets' })).body as { processId: string; roomId: string; sessionId: string };
    const refused = await openSocket(seatSocketUrl(server.baseUrl, seat), EVIL);
    expect(refused).toMatchObject({ opened: false, status: 403 });
    expect(JSON.parse((refused as { body: string }).body).error).toMatch(/not allowed/);
    const opened = await openSocket(seatSocketUrl(server.baseUrl, seat), own);
    expect(opened.opened).toBe(true);
    if (opened.opened) opened.socket.close();
  });

  it('refuses uploads from another site’s page and stores nothing', async () => {
    const res = await httpFrom(`${server.baseUrl}${AVATAR_UPLOAD_PATH}`, { method: 'POST', headers: { Origin: EVIL }, body: await sunny() });
    expect(res.status).toBe(403);
    expect(await readdir(server.uploadDir)).toEqual([]);
    const ok = await httpFrom(`${server.baseUrl}${AVATAR_UPLOAD_PATH}`, { method: 'POST', headers: { Origin: own }, body: await sunny() });
    expect(ok.status).toBe(201);
  });

  it('leaves reads alone: /health answers any page', async () => {
    expect((await httpFrom(`${server.baseUrl}/health`, { headers: { Origin: EVIL } })).status).toBe(200);
  });

  it('takes the scheme from X-Forwarded-Proto only from a trusted proxy (this machine), not from any client', async () => {
    const behindTls = { Host: 'door.example:8443', 'X-Forwarded-Proto': 'https', Origin: 'https://door.example:8443' };
    const viaProxy = await reserveSeat(server.baseUrl, { role: 'spectator', space: 'proxied' }, { headers: behindTls });
    expect(viaProxy.status).toBe(200);
    // 127.0.0.2 is not a trusted proxy: its X-Forwarded-Proto is ignored, so the page (https) is not this origin (http).
    const spoofed = await reserveSeat(server.baseUrl, { role: 'spectator', space: 'proxied' }, { from: '127.0.0.2', headers: behindTls });
    expect(spoofed.status).toBe(403);
  });

  it('explains a malformed EMOTONE_ALLOWED_ORIGINS entry', () => {
    expect(parseAllowedOrigins('https://a.example, http://b.example:8080/')).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => parseAllowedOrigins('a.example')).toThrow(/"a\.example" is not an origin/);
    expect(() => parseAllowedOrigins('https://a.example/app')).toThrow(/no path/);
  });
});
