/**
 * Short-lived TURN credentials, minted per page from a secret shared with the TURN server (coturn's
 * `use-auth-secret` / `static-auth-secret`, the "TURN REST API" scheme): the username is
 * `<expiry, Unix seconds>:<random id>` and the password is base64(HMAC-SHA1(secret, username)).
 * coturn checks both without any database. A fixed TURN user in EMOTONE_ICE_SERVERS is served to
 * every visitor and works for anyone who reads it, forever; a minted one names no player and stops
 * working when it expires.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IceConfig } from '../src/shared/ice-config';

/** The deployment's TURN secret and where its TURN servers are. */
export interface TurnSecretConfig {
  readonly secret: string;
  /** turn:/turns: URLs of the servers that share the secret. */
  readonly urls: readonly string[];
  /** How long a minted credential works, seconds. */
  readonly ttlSec: number;
}

/** Default lifetime: a day, longer than any session (coturn refuses to refresh an allocation after it). */
export const DEFAULT_TURN_TTL_SEC = 24 * 3600;
const MIN_TTL_SEC = 600;
const MAX_TTL_SEC = 7 * 24 * 3600;
/** A shorter secret can be guessed from the credentials it signs. */
const MIN_SECRET_LENGTH = 16;

/** One TURN server entry with a credential that expires `ttlSec` after `nowMs`. */
export function mintTurnServer(config: TurnSecretConfig, nowMs: number, id: string = randomBytes(6).toString('base64url')): RTCIceServer {
  const username = `${Math.floor(nowMs / 1000) + config.ttlSec}:${id}`;
  const credential = createHmac('sha1', config.secret).update(username).digest('base64');
  return { urls: [...config.urls], username, credential };
}

/** The ICE configuration one page gets: the fixed servers, plus a fresh TURN credential when a secret is set. */
export function voiceConfigFor(ice: IceConfig, turn: TurnSecretConfig | undefined, nowMs: number): IceConfig {
  if (!turn) return ice;
  return { iceServers: [...ice.iceServers, mintTurnServer(turn, nowMs)], iceTransportPolicy: ice.iceTransportPolicy };
}

/**
 * Reads EMOTONE_TURN_SECRET, EMOTONE_TURN_URLS (comma separated) and EMOTONE_TURN_TTL_S. All
 * absent: null (no minted credentials). Anything half set or malformed: the reason, in a sentence.
 */
export function parseTurnSecret(secret: string | undefined, urls: string | undefined, ttl: string | undefined): { ok: true; config: TurnSecretConfig | null } | { ok: false; reason: string } {
  const given = (v: string | undefined) => v !== undefined && v.trim() !== '';
  if (!given(secret) && !given(urls)) {
    return given(ttl) ? { ok: false, reason: 'EMOTONE_TURN_TTL_S is set without EMOTONE_TURN_SECRET' } : { ok: true, config: null };
  }
  if (!given(secret)) return { ok: false, reason: 'EMOTONE_TURN_URLS needs EMOTONE_TURN_SECRET (the TURN server\'s static-auth-secret)' };
  if (secret!.length < MIN_SECRET_LENGTH) return { ok: false, reason: `EMOTONE_TURN_SECRET must be at least ${MIN_SECRET_LENGTH} characters` };
  const list = (urls ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (list.length === 0) return { ok: false, reason: 'EMOTONE_TURN_SECRET needs EMOTONE_TURN_URLS (e.g. turn:turn.example.org:3478)' };
  const bad = list.find((u) => !/^turns?:/.test(u));
  if (bad) return { ok: false, reason: `EMOTONE_TURN_URLS: "${bad}" is not a turn: or turns: URL` };
  const ttlSec = given(ttl) ? (/^\s*\d+\s*$/.test(ttl!) ? Number(ttl) : NaN) : DEFAULT_TURN_TTL_SEC;
  if (!Number.isInteger(ttlSec) || ttlSec < MIN_TTL_SEC || ttlSec > MAX_TTL_SEC) {
    return { ok: false, reason: `EMOTONE_TURN_TTL_S must be whole seconds from ${MIN_TTL_SEC} to ${MAX_TTL_SEC}` };
  }
  return { ok: true, config: { secret: secret!, urls: list, ttlSec } };
}
