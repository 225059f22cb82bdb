/**
 * Opus settings written into the SDP a peer sends. Opus fmtp parameters (RFC 7587) state what the
 * side that writes them wants to *receive*, and the other side's encoder follows them: so each side
 * munges the description it sends, and both encoders end up mono, with DTX (near-silent packets
 * while nobody speaks) and a capped average bitrate. Both Chromium and Firefox honour these.
 */

/**
 * Voice bitrate cap, bit/s. Opus mono speech is near transparent at 24–32 kbit/s (it is what
 * Chromium picks for mono by default); at 8 connections that is at most 256 kbit/s each way, and
 * DTX cuts it to a trickle while a player is silent.
 */
export const VOICE_MAX_BITRATE_BPS = 32_000;

/** The Opus parameters voice chat asks for. */
export const OPUS_VOICE_PARAMS: Readonly<Record<string, string>> = Object.freeze({
  usedtx: '1',
  stereo: '0',
  'sprop-stereo': '0',
  maxaveragebitrate: String(VOICE_MAX_BITRATE_BPS),
  // Forward error correction is Chromium's default; keep it if a browser left it out.
  useinbandfec: '1',
});

const RTPMAP_OPUS = /^a=rtpmap:(\d+) opus\/48000(\/\d+)?$/i;

function mergeParams(line: string | undefined, payloadType: string, wanted: Readonly<Record<string, string>>): string {
  const params = new Map<string, string>();
  const existing = line?.slice(`a=fmtp:${payloadType} `.length) ?? '';
  for (const part of existing.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key) params.set(key, rest.join('='));
  }
  for (const [key, value] of Object.entries(wanted)) params.set(key, value);
  return `a=fmtp:${payloadType} ${[...params].map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join(';')}`;
}

/**
 * The SDP with every Opus payload type's fmtp line carrying `params` (added where a line has
 * them not, kept otherwise; a missing fmtp line is written after the rtpmap). Other codecs and
 * lines are untouched; the line ending of the input is kept.
 */
export function mungeOpus(sdp: string, params: Readonly<Record<string, string>> = OPUS_VOICE_PARAMS): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const opusTypes = new Set<string>();
  for (const line of lines) {
    const match = RTPMAP_OPUS.exec(line);
    if (match?.[1]) opusTypes.add(match[1]);
  }
  if (opusTypes.size === 0) return sdp;
  const seenFmtp = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const fmtp = /^a=fmtp:(\d+) /.exec(line);
    if (fmtp?.[1] && opusTypes.has(fmtp[1])) {
      seenFmtp.add(fmtp[1]);
      out.push(mergeParams(line, fmtp[1], params));
      continue;
    }
    out.push(line);
  }
  // Opus without an fmtp line (rare): write one right after its rtpmap.
  for (const type of opusTypes) {
    if (seenFmtp.has(type)) continue;
    const at = out.findIndex((line) => RTPMAP_OPUS.exec(line)?.[1] === type);
    out.splice(at + 1, 0, mergeParams(undefined, type, params));
  }
  return out.join(eol);
}
