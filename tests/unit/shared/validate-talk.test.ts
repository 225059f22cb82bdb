import { describe, expect, it } from 'vitest';
import { SIGNAL_LIMITS } from '../../../src/shared/talk-protocol';
import { validateBlock, validateClientMessage, validateServerSignal, validateSignal, validateVoice } from '../../../src/shared/validate';

const reasonOf = (result: { ok: boolean; reason?: string }): string => (result.ok ? '' : result.reason ?? '');
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
const CANDIDATE = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };

describe('validateSignal', () => {
  it('accepts a description, a candidate and a bye, as a browser makes them', () => {
    expect(validateSignal({ to: 'Ab_9-x', kind: 'description', description: { type: 'offer', sdp: SDP } }))
      .toEqual({ ok: true, value: { to: 'Ab_9-x', kind: 'description', description: { type: 'offer', sdp: SDP } } });
    expect(validateSignal({ to: 'p', kind: 'candidate', candidate: CANDIDATE })).toEqual({ ok: true, value: { to: 'p', kind: 'candidate', candidate: CANDIDATE } });
    expect(validateSignal({ to: 'p', kind: 'bye' })).toEqual({ ok: true, value: { to: 'p', kind: 'bye' } });
    expect(validateSignal({ to: 'p', kind: 'description', description: { type: 'rollback' } }).ok).toBe(true);
  });

  it('reads absent candidate fields as null (what toJSON gives), and the end-of-candidates marker', () => {
    expect(validateSignal({ to: 'p', kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMLineIndex: 0 } }))
      .toMatchObject({ ok: true, value: { candidate: { sdpMid: null, sdpMLineIndex: 0, usernameFragment: null } } });
    expect(validateSignal({ to: 'p', kind: 'candidate', candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null, usernameFragment: null } }).ok).toBe(true);
    expect(validateSignal({ to: 'p', kind: 'bye', description: undefined, candidate: null }).ok).toBe(true);
  });

  it('caps the SDP and the candidate line', () => {
    const longSdp = `v=0\r\n${'a'.repeat(SIGNAL_LIMITS.sdpMaxLength - 5)}`;
    expect(longSdp.length).toBe(SIGNAL_LIMITS.sdpMaxLength);
    expect(validateSignal({ to: 'p', kind: 'description', description: { type: 'answer', sdp: longSdp } }).ok).toBe(true);
    expect(reasonOf(validateSignal({ to: 'p', kind: 'description', description: { type: 'answer', sdp: `${longSdp}a` } }))).toMatch(/at most 3500/);
    const line = `candidate:${'1'.repeat(SIGNAL_LIMITS.candidateMaxLength - 10)}`;
    expect(validateSignal({ to: 'p', kind: 'candidate', candidate: { ...CANDIDATE, candidate: line } }).ok).toBe(true);
    expect(reasonOf(validateSignal({ to: 'p', kind: 'candidate', candidate: { ...CANDIDATE, candidate: `${line}1` } }))).toMatch(/at most 512/);
  });

  it('refuses every malformed shape with a reason', () => {
    const cases: [unknown, RegExp][] = [
      [{ kind: 'bye' }, /signal\.to/],
      [{ to: '', kind: 'bye' }, /signal\.to/],
      [{ to: 'x'.repeat(33), kind: 'bye' }, /signal\.to/],
      [{ to: 'a:b', kind: 'bye' }, /signal\.to/],
      [{ to: ['p'], kind: 'bye' }, /signal\.to/],
      [{ to: 'p', kind: 'hello' }, /kind/],
      [{ to: 'p', kind: 'bye', candidate: CANDIDATE }, /only for kind 'candidate'/],
      [{ to: 'p', kind: 'candidate', description: { type: 'offer', sdp: SDP }, candidate: CANDIDATE }, /only for kind 'description'/],
      [{ to: 'p', kind: 'description' }, /description must be an object/],
      [{ to: 'p', kind: 'description', description: { type: 'pranswer', sdp: SDP } }, /type/],
      [{ to: 'p', kind: 'description', description: { type: 'offer', sdp: 'hello' } }, /v=0/],
      [{ to: 'p', kind: 'description', description: { type: 'offer', sdp: `${SDP}\u0000` } }, /ASCII/],
      [{ to: 'p', kind: 'description', description: { type: 'offer', sdp: `${SDP}é` } }, /ASCII/],
      [{ to: 'p', kind: 'description', description: { type: 'offer', sdp: SDP, extra: 1 } }, /unknown field/],
      [{ to: 'p', kind: 'candidate', candidate: { ...CANDIDATE, candidate: 'a\r\nb' } }, /printable ASCII/],
      [{ to: 'p', kind: 'candidate', candidate: { ...CANDIDATE, sdpMid: null, sdpMLineIndex: null } }, /sdpMid or sdpMLineIndex/],
      [{ to: 'p', kind: 'candidate', candidate: { ...CANDIDATE, sdpMLineIndex: 1.5 } }, /sdpMLineIndex/],
      [{ to: 'p', kind: 'candidate', candidate: { ...CANDIDATE, sdpMLineIndex: -1 } }, /sdpMLineIndex/],
      [{ to: 'p', kind: 'candidate', candidate: { ...CANDIDATE, sdpMid: 'm'.repeat(33) } }, /sdpMid/],
      [{ to: 'p', kind: 'candidate', candidate: { ...CANDIDATE, usernameFragment: 5 } }, /usernameFragment/],
      [{ to: 'p', from: 'q', kind: 'bye' }, /unknown field/],
      ['bye', /object/],
    ];
    for (const [input, reason] of cases) expect(reasonOf(validateSignal(input)), JSON.stringify(input)).toMatch(reason);
  });

  it('is reached through validateClientMessage', () => {
    expect(validateClientMessage('signal', { to: 'p', kind: 'bye' })).toEqual({ ok: true, value: { type: 'signal', payload: { to: 'p', kind: 'bye' } } });
  });
});

describe('validateServerSignal', () => {
  it('takes `from` where a client signal has `to`', () => {
    expect(validateServerSignal({ from: 'p', kind: 'bye' })).toEqual({ ok: true, value: { from: 'p', kind: 'bye' } });
    expect(validateServerSignal({ to: 'p', kind: 'bye' }).ok).toBe(false);
  });
});

describe('validateVoice and validateBlock', () => {
  it('take booleans and session ids only', () => {
    expect(validateVoice({ muted: true })).toEqual({ ok: true, value: { muted: true } });
    for (const bad of [{ muted: 'true' }, { muted: 1 }, {}, { muted: false, extra: 1 }]) expect(validateVoice(bad).ok).toBe(false);
    expect(validateBlock({ sessionId: 'p', blocked: false })).toEqual({ ok: true, value: { sessionId: 'p', blocked: false } });
    for (const bad of [{ sessionId: 'p' }, { sessionId: 'a b', blocked: true }, { sessionId: 'p', blocked: 'yes' }]) expect(validateBlock(bad).ok).toBe(false);
  });
});
