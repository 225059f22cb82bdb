import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNAL_LIMITS } from '../../../src/shared/talk-protocol';
import { validateSignal } from '../../../src/shared/validate';
import { mungeOpus, VOICE_MAX_BITRATE_BPS } from '../../../src/talk/opus-sdp';

/** An audio-only offer as Debian's Chromium 156 made it (after gathering, so with its host candidates). */
const CHROMIUM_OFFER = readFileSync(resolve(import.meta.dirname, '../../fixtures/chromium-156-audio-offer.sdp'), 'utf8');

const fmtpOf = (sdp: string, payloadType: string): Record<string, string> => {
  const line = sdp.split('\r\n').find((l) => l.startsWith(`a=fmtp:${payloadType} `)) ?? '';
  return Object.fromEntries(line.slice(`a=fmtp:${payloadType} `.length).split(';').map((p) => p.split('=') as [string, string]));
};

describe('mungeOpus', () => {
  it("adds mono, DTX and the bitrate cap to Chromium's Opus line and keeps its own parameters", () => {
    const munged = mungeOpus(CHROMIUM_OFFER);
    expect(fmtpOf(CHROMIUM_OFFER, '111')).toEqual({ minptime: '10', useinbandfec: '1' });
    expect(fmtpOf(munged, '111')).toEqual({
      minptime: '10', useinbandfec: '1', usedtx: '1', stereo: '0', 'sprop-stereo': '0', maxaveragebitrate: String(VOICE_MAX_BITRATE_BPS),
    });
  });

  it('touches no other line: RED, the other codecs, candidates and line endings stay as they were', () => {
    const before = CHROMIUM_OFFER.split('\r\n');
    const after = mungeOpus(CHROMIUM_OFFER).split('\r\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual([expect.stringMatching(/^a=fmtp:111 /)]);
    expect(after).toContain('a=fmtp:63 111/111');
  });

  it('is idempotent and overrides values a browser set differently', () => {
    const once = mungeOpus(CHROMIUM_OFFER);
    expect(mungeOpus(once)).toBe(once);
    const stereo = CHROMIUM_OFFER.replace('a=fmtp:111 minptime=10;useinbandfec=1', 'a=fmtp:111 minptime=10;stereo=1;maxaveragebitrate=510000');
    expect(fmtpOf(mungeOpus(stereo), '111')).toMatchObject({ stereo: '0', maxaveragebitrate: '32000', minptime: '10' });
  });

  it("writes an fmtp line after Opus' rtpmap when there is none, and leaves SDP without Opus alone", () => {
    const bare = 'v=0\nm=audio 9 UDP/TLS/RTP/SAVPF 109 0\na=rtpmap:109 opus/48000/2\na=rtpmap:0 PCMU/8000\n';
    expect(mungeOpus(bare).split('\n').slice(2, 4)).toEqual([
      'a=rtpmap:109 opus/48000/2',
      'a=fmtp:109 usedtx=1;stereo=0;sprop-stereo=0;maxaveragebitrate=32000;useinbandfec=1',
    ]);
    const pcmu = 'v=0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
    expect(mungeOpus(pcmu)).toBe(pcmu);
  });

  it('keeps a real offer well inside the room limit, so it passes validation as a signal', () => {
    const munged = mungeOpus(CHROMIUM_OFFER);
    expect(munged.length).toBeLessThan(SIGNAL_LIMITS.sdpMaxLength / 2);
    expect(validateSignal({ to: 'peer1', kind: 'description', description: { type: 'offer', sdp: munged } }).ok).toBe(true);
  });
});
