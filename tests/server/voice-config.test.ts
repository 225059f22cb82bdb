import { afterEach, describe, expect, it } from 'vitest';
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

  it('a page that cannot read it gets the default and the reason', async () => {
    const refused = await fetchVoiceConfig(async () => new Response('nope', { status: 503 }));
    expect(refused).toMatchObject({ ok: false, reason: /answered 503/, config: { iceServers: [] } });
    const junk = await fetchVoiceConfig(async () => Response.json({ iceServers: [{ urls: 'http://x' }], iceTransportPolicy: 'all' }));
    expect(junk).toMatchObject({ ok: false, reason: /stun:, stuns:, turn: or turns:/ });
    const down = await fetchVoiceConfig(async () => { throw new TypeError('fetch failed'); });
    expect(down).toMatchObject({ ok: false, reason: /could not be read \(fetch failed\)/ });
  });
});

describe('server/main.ts reads EMOTONE_ICE_SERVERS', () => {
  it('refuses to start on a malformed setting, saying which', async () => {
    const child = startChild('server/main.ts', { PORT: '0', HOST: '127.0.0.1', EMOTONE_STATIC_DIR: 'none', EMOTONE_ICE_SERVERS: '[{"urls":"stun:x"}]', EMOTONE_ICE_POLICY: 'relay' });
    await expect(child.waitFor(/health: \S+:(\d+)\/health/)).rejects.toThrow(/EMOTONE_ICE_SERVERS \/ EMOTONE_ICE_POLICY: a relay-only policy needs a TURN server/);
  });
});
