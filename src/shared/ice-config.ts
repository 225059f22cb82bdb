/**
 * ICE servers for voice chat, from the deployment's EMOTONE_ICE_SERVERS (a JSON array of
 * RTCIceServer: `[{ "urls": "stun:stun.example.org:3478" }, { "urls": ["turn:…"], "username": "…",
 * "credential": "…" }]`), which the app passes in as text. Without any, only host candidates are
 * gathered: enough on one network, not across NATs. A TURN server is what makes voice work for
 * everyone behind strict NATs; `relayOnly` then hides players' addresses from each other.
 * Here in shared because the server reads the same variable (and serves it at VOICE_CONFIG_PATH)
 * and the page checks what it receives with the same rules.
 */

/** Where the server serves the ICE configuration: GET → {@link VoiceConfigResponse}. */
export const VOICE_CONFIG_PATH = '/api/voice-config';

/** Body of GET {@link VOICE_CONFIG_PATH}: the deployment's IceConfig, as JSON. */
export interface VoiceConfigResponse {
  readonly iceServers: readonly RTCIceServer[];
  readonly iceTransportPolicy: RTCIceTransportPolicy;
}

/** How peer connections find each other. */
export interface IceConfig {
  readonly iceServers: readonly RTCIceServer[];
  /** 'relay': media only through TURN (no peer learns another's address); 'all' by default. */
  readonly iceTransportPolicy: RTCIceTransportPolicy;
}

/** No servers: host candidates only. */
export const NO_ICE_SERVERS: IceConfig = Object.freeze({ iceServers: Object.freeze([]) as readonly RTCIceServer[], iceTransportPolicy: 'all' });

/** Outcome of {@link parseIceConfig}: the config, or why the text was refused (the default is used then). */
export type IceConfigResult = { ok: true; config: IceConfig } | { ok: false; reason: string; config: IceConfig };

const URL_SCHEMES = /^(stun|stuns|turn|turns):/;
/** More servers than this only slows gathering (each is asked in turn). */
const MAX_SERVERS = 8;

function parseServer(input: unknown, index: number): RTCIceServer | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return `server ${index} must be an object`;
  const { urls, username, credential } = input as Record<string, unknown>;
  const list = typeof urls === 'string' ? [urls] : urls;
  if (!Array.isArray(list) || list.length === 0 || !list.every((u) => typeof u === 'string' && URL_SCHEMES.test(u))) {
    return `server ${index}: urls must be stun:, stuns:, turn: or turns: URLs`;
  }
  const turn = list.some((u: string) => u.startsWith('turn'));
  if (turn && (typeof username !== 'string' || typeof credential !== 'string')) return `server ${index}: a TURN server needs username and credential`;
  if ((username !== undefined && typeof username !== 'string') || (credential !== undefined && typeof credential !== 'string')) {
    return `server ${index}: username and credential must be text`;
  }
  return {
    urls: list as string[],
    ...(typeof username === 'string' ? { username } : {}),
    ...(typeof credential === 'string' ? { credential } : {}),
  };
}

/**
 * Reads EMOTONE_ICE_SERVERS text (empty or absent: no servers) and the transport policy. A
 * relay-only policy without a TURN server could never connect, so it is refused, unless
 * `mintedTurn` says the server adds a TURN credential of its own to each page.
 */
export function parseIceConfig(serversJson: string | undefined, policy: string | undefined = 'all', mintedTurn = false): IceConfigResult {
  const refuse = (reason: string): IceConfigResult => ({ ok: false, reason, config: NO_ICE_SERVERS });
  if (policy !== 'all' && policy !== 'relay') return refuse(`iceTransportPolicy must be 'all' or 'relay'`);
  let parsed: unknown = [];
  if (serversJson !== undefined && serversJson.trim() !== '') {
    try {
      parsed = JSON.parse(serversJson);
    } catch {
      return refuse('EMOTONE_ICE_SERVERS is not JSON');
    }
  }
  if (!Array.isArray(parsed)) return refuse('EMOTONE_ICE_SERVERS must be a JSON array');
  if (parsed.length > MAX_SERVERS) return refuse(`EMOTONE_ICE_SERVERS lists more than ${MAX_SERVERS} servers`);
  const iceServers: RTCIceServer[] = [];
  for (const [index, entry] of parsed.entries()) {
    const server = parseServer(entry, index);
    if (typeof server === 'string') return refuse(server);
    iceServers.push(server);
  }
  const hasTurn = iceServers.some((s) => (s.urls as string[]).some((u) => u.startsWith('turn')));
  if (policy === 'relay' && !hasTurn && !mintedTurn) return refuse('a relay-only policy needs a TURN server');
  return { ok: true, config: { iceServers, iceTransportPolicy: policy } };
}

/**
 * Reads a {@link VoiceConfigResponse} that arrived over the network with the same rules as the
 * server's environment: anything else is refused with the reason (and the default is used).
 */
export function parseVoiceConfigResponse(body: unknown, reasonIfNotObject = 'the voice configuration is not a JSON object'): IceConfigResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: reasonIfNotObject, config: NO_ICE_SERVERS };
  const { iceServers, iceTransportPolicy } = body as Record<string, unknown>;
  if (typeof iceTransportPolicy !== 'string') return { ok: false, reason: 'iceTransportPolicy is missing', config: NO_ICE_SERVERS };
  return parseIceConfig(JSON.stringify(iceServers ?? []), iceTransportPolicy);
}
