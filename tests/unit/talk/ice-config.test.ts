import { describe, expect, it } from 'vitest';
import { NO_ICE_SERVERS, parseIceConfig, rtcConfiguration } from '../../../src/talk/ice-config';

describe('parseIceConfig (EMOTONE_ICE_SERVERS)', () => {
  it('reads STUN and TURN servers, one URL or several', () => {
    const json = JSON.stringify([
      { urls: 'stun:stun.example.org:3478' },
      { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'u', credential: 'p' },
    ]);
    expect(parseIceConfig(json)).toEqual({
      ok: true,
      config: {
        iceServers: [
          { urls: ['stun:stun.example.org:3478'] },
          { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'u', credential: 'p' },
        ],
        iceTransportPolicy: 'all',
      },
    });
  });

  it('reads absent or empty text as no servers (host candidates only)', () => {
    expect(parseIceConfig(undefined)).toEqual({ ok: true, config: { iceServers: [], iceTransportPolicy: 'all' } });
    expect(parseIceConfig('  ')).toEqual({ ok: true, config: { iceServers: [], iceTransportPolicy: 'all' } });
  });

  it('refuses malformed text with a reason and falls back to no servers', () => {
    const cases: [string, RegExp][] = [
      ['{', /not JSON/],
      ['{"urls":"stun:x"}', /array/],
      ['[{"urls":"http://x"}]', /stun:, stuns:, turn: or turns:/],
      ['[{"urls":[]}]', /urls/],
      ['[{"urls":"turn:x"}]', /username and credential/],
      ['[{"urls":"stun:x","username":5}]', /text/],
      [JSON.stringify(Array.from({ length: 9 }, () => ({ urls: 'stun:x' }))), /more than 8/],
    ];
    for (const [text, reason] of cases) {
      const result = parseIceConfig(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
      expect(result.config).toBe(NO_ICE_SERVERS);
    }
  });

  it('takes a relay-only policy only with a TURN server to relay through', () => {
    expect(parseIceConfig('[{"urls":"stun:x"}]', 'relay')).toMatchObject({ ok: false, reason: /TURN/ });
    expect(parseIceConfig('[{"urls":"turn:x","username":"u","credential":"p"}]', 'relay')).toMatchObject({ ok: true, config: { iceTransportPolicy: 'relay' } });
    expect(parseIceConfig('[]', 'none')).toMatchObject({ ok: false });
  });

  it('builds a bundled, RTCP-multiplexed RTCConfiguration', () => {
    expect(rtcConfiguration(NO_ICE_SERVERS)).toEqual({ iceServers: [], iceTransportPolicy: 'all', bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  });
});
