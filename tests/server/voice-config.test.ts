import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TURN_TTL_SEC, parseTurnSecret } from '../../server/turn-credentials';
import { parseIceConfig, VOICE_CONFIG_PATH } from '../../src/shared/ice-config';
import { fetchVoiceConfig } from '../../src/net/voice-config';
import { startChild } from '../harness/room-process';
import { startTestServer, type TestServer } from './helpers';

const TURN = '[{"urls":"turn:127.0.0.1:3478","username":"u","credential":"p"}]';

describe('GET /api/voice-config', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('serves no ICE servers by default, uncached, and the page reads it as the default', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.baseUrl}${VOICE_CONFIG_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ iceServers: [], iceTransportPolicy: 'all' });
    expect(await fetchVoiceConfig(fetch, server.baseUrl)).toEqual({ ok: true, config: { iceServers: [], iceTransportPolicy: 'all' } });
  });

  it('serves the configured TURN server and relay policy; other methods get 405', async () => {
    const ice = parseIceConfig(TURN, 'relay');
    expect(ice.ok).toBe(true);
    server = await startTestServer({ ice: ice.config });
    expect(await fetchVoiceConfig(fetch, server.baseUrl)).toEqual({ ok: true, config: ice.config });
    expect((await fetch(`${server.baseUrl}${VOICE_CONFIG_PATH}`, { method: 'POST' })).status).toBe(405);
  });

  it('mints each page its own TURN credential from the shared secret, in coturn\'s REST form, expiring after the TTL', async () => {
    const turnSecret = { secret: 'a-secret-shared-with-coturn', urls: ['turn:turn.example.org:3478'], ttlSec: 3600 };
    server = await startTestServer({ ice: { iceServers: [{ urls: ['stun:stun.example.org'] }], iceTransportPolicy: 'relay' }, turnSecret });
    const read = async () => {
      const result = await fetchVoiceConfig(fetch, server!.baseUrl);
      expect(result.ok).toBe(true);
      return result.config;
    };
    const before = Math.floor(Date.now() / 1000);
    const [a, b] = [await read(), await read()];
    const after = Math.floor(Date.now() / 1000);
    expect(a.iceTransportPolicy).toBe('relay');
    expect(a.iceServers[0]).toEqual({ urls: ['stun:stun.example.org'] });
    for (const config of [a, b]) {
      const turn = config.iceServers[1]!;
      expect(turn.urls).toEqual(turnSecret.urls);
      const [expiry, id] = (turn.username as string).split(':');
      expect(Number(expiry)).toBeGreaterThanOrEqual(before + 3600);
      expect(Number(expiry)).toBeLessThanOrEqual(after + 3600);
      expect(id).toMatch(/^[\w-]{6,}$/); // a random id: no player's name
      // coturn's check (TURN REST API): password = base64(HMAC-SHA1(secret, username)).
      expect(turn.credential).toBe(createHmac('sha1', turnSecret.secret).update(turn.username as string).digest('base64'));
    }
    expect(a.iceServers[1]!.username).not.toBe(b.iceServers[1]!.username);
  });

  it('a page that cannot read it gets the default and the reason', async () => {
    const refused = await fetchVoiceConfig(async () => new Response('nope', { status: 503 }));
    expect(refused).toMatchObject({ ok: false, reason: /answered 503/, config: { iceServers: [] } });
    const junk = await fetchVoiceConfig(async () => Response.json({ iceServers: [{ urls: 'http://x' }], iceTransportPolicy: 'all' }));
    expect(junk).toMatchObject({ ok: false, reason: /stun:, stuns:, turn: or turns:/ });
    const down = await fetchVoiceConfig(async () => { throw new TypeError('fetch failed'); });
    expect(down).toMatchObject({ ok: false, reason: /could not be read \(fetch failed\)/ });
  });
});

describe('EMOTONE_TURN_SECRET, EMOTONE_TURN_URLS and EMOTONE_TURN_TTL_S', () => {
  const secret = 'a-secret-shared-with-coturn';
  it('are all optional, and read when given', () => {
    expect(parseTurnSecret(undefined, undefined, undefined)).toEqual({ ok: true, config: null });
    expect(parseTurnSecret(secret, 'turn:a.example:3478, turns:a.example:5349', undefined)).toEqual({ ok: true, config: { secret, urls: ['turn:a.example:3478', 'turns:a.example:5349'], ttlSec: DEFAULT_TURN_TTL_SEC } });
    expect(parseTurnSecret(secret, 'turn:a.example', '3600')).toMatchObject({ ok: true, config: { ttlSec: 3600 } });
  });

  it('refuse half a setting or a malformed one, saying which', () => {
    const cases: Array<[string | undefined, string | undefined, string | undefined, RegExp]> = [
      [undefined, 'turn:a.example', undefined, /needs EMOTONE_TURN_SECRET/],
      [secret, undefined, undefined, /needs EMOTONE_TURN_URLS/],
      ['short', 'turn:a.example', undefined, /at least 16 characters/],
      [secret, 'stun:a.example', undefined, /"stun:a.example" is not a turn: or turns: URL/],
      [secret, 'turn:a.example', '60', /whole seconds from 600/],
      [secret, 'turn:a.example', '1.5e3', /whole seconds/],
      [undefined, undefined, '3600', /TTL_S is set without EMOTONE_TURN_SECRET/],
    ];
    for (const [s, u, t, reason] of cases) expect(parseTurnSecret(s, u, t)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('server/main.ts refuses to start on one, and allows relay-only with minted credentials alone', async () => {
    const bad = startChild('server/main.ts', { PORT: '0', HOST: '127.0.0.1', EMOTONE_STATIC_DIR: 'none', EMOTONE_TURN_URLS: 'turn:a.example' });
    await expect(bad.waitFor(/health: \S+:(\d+)\/health/)).rejects.toThrow(/EMOTONE_TURN_URLS needs EMOTONE_TURN_SECRET/);
    const good = startChild('server/main.ts', { PORT: '0', HOST: '127.0.0.1', EMOTONE_STATIC_DIR: 'none', EMOTONE_TURN_SECRET: secret, EMOTONE_TURN_URLS: 'turn:a.example', EMOTONE_ICE_POLICY: 'relay' });
    try {
      const [, port] = await good.waitFor(/health: \S+:(\d+)\/health/);
      const result = await fetchVoiceConfig(fetch, `http://127.0.0.1:${port}`);
      expect(result).toMatchObject({ ok: true, config: { iceTransportPolicy: 'relay', iceServers: [{ urls: ['turn:a.example'] }] } });
    } finally {
      await good.stop();
    }
  });
});

describe('server/main.ts reads EMOTONE_ICE_SERVERS', () => {
  it('refuses to start on a malformed setting, saying which', async () => {
    const child = startChild('server/main.ts', { PORT: '0', HOST: '127.0.0.1', EMOTONE_STATIC_DIR: 'none', EMOTONE_ICE_SERVERS: '[{"urls":"stun:x"}]', EMOTONE_ICE_POLICY: 'relay' });
    await expect(child.waitFor(/health: \S+:(\d+)\/health/)).rejects.toThrow(/EMOTONE_ICE_SERVERS \/ EMOTONE_ICE_POLICY: a relay-only policy needs a TURN server/);
  });
});
