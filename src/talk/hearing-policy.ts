import { SPEAKING_FROM } from '../state';

/**
 * Who hears whom: which peers to hold a voice connection with, and which of their voices to play.
 * Pure functions of positions, levels and what is already connected; run a few times a second,
 * not per frame.
 */

/** A point in metres, [x, y, z]. */
export type Vec3 = readonly [number, number, number];

/** Tunables of {@link chooseConnections} and {@link selectVoices}. */
export interface HearingConfig {
  /** A new connection is made to a peer at most this far (metres). */
  readonly connectRangeM: number;
  /** An existing connection is dropped only beyond this (metres): the gap is the hysteresis. */
  readonly dropRangeM: number;
  /** Connections held at once (each costs an encoder, a decoder and ~32 kbit/s each way). */
  readonly maxConnections: number;
  /** A new peer replaces a connected one only when nearer by more than this (metres). */
  readonly switchMarginM: number;
  /** Voices played at once (each a PositionalAudio: an HRTF panner). */
  readonly maxVoices: number;
  /** A playing voice keeps its place this long after it last spoke, so pauses between words do not swap it out. */
  readonly voiceHoldMs: number;
  /** Inverse distance model (Web Audio PannerNode 'inverse'): full level up to this distance... */
  readonly refDistanceM: number;
  /** ...then falling as ref / (ref + rolloff · (d − ref)). */
  readonly rolloffFactor: number;
}

/**
 * The defaults. The lounge is a round room 12 m across (ROOM_RADIUS_M = 6 in
 * src/scene/lounge-layout.ts), so connecting within 12 m lets everyone in it hear everyone, as
 * in a real room of that size; with Hubs' default inverse model (ref 1 m, rolloff 1) a voice at
 * 12 m is at 1/12 (−22 dB), a murmur across the room, not silence. VRChat's 25 m far range is
 * for worlds much larger than ours. Dropping only past 15 m keeps a connection through a few
 * steps back and forth (a 3 m band); 8 connections is the mesh size Matrix and Meta's PC
 * guidance stop at, and 6 voices keep the HRTF panners' cost in check (measured in
 * ENGINEERING_NOTES: 15 panners add ~12 % of a core).
 */
export const HEARING: HearingConfig = Object.freeze({
  connectRangeM: 12,
  dropRangeM: 15,
  maxConnections: 8,
  switchMarginM: 2,
  maxVoices: 6,
  voiceHoldMs: 2000,
  refDistanceM: 1,
  rolloffFactor: 1,
});

/** A peer and where its head is. */
export interface PeerPlace {
  readonly id: string;
  readonly position: Vec3;
}

/** What {@link chooseConnections} decides from. */
export interface ConnectionInput {
  readonly self: Vec3;
  readonly peers: readonly PeerPlace[];
  /** Peers connected (or connecting) now. */
  readonly connected: ReadonlySet<string>;
  /** Peers never to connect: blocked ones, and ones that just declined. */
  readonly excluded: ReadonlySet<string>;
}

/** Straight-line distance in metres. */
export function distanceM(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/**
 * The peers to be connected with, nearest first (at most maxConnections). A connected peer stays
 * until it is past dropRangeM or a peer nearer by more than switchMarginM needs its place; a new
 * one comes within connectRangeM. Ties break by id, so every run on the same input agrees.
 */
export function chooseConnections(input: ConnectionInput, config: HearingConfig = HEARING): string[] {
  const ranked: { id: string; rank: number }[] = [];
  for (const peer of input.peers) {
    if (input.excluded.has(peer.id)) continue;
    const d = distanceM(input.self, peer.position);
    const held = input.connected.has(peer.id);
    if (d > (held ? config.dropRangeM : config.connectRangeM)) continue;
    ranked.push({ id: peer.id, rank: held ? d - config.switchMarginM : d });
  }
  ranked.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.slice(0, config.maxConnections).map((r) => r.id);
}

/**
 * Whether to answer an offer from `peerId`: yes exactly when the policy would keep that
 * connection once made, so an accepted connection is not closed again at the next run.
 */
export function mayAccept(input: ConnectionInput, peerId: string, config: HearingConfig = HEARING): boolean {
  const connected = new Set(input.connected).add(peerId);
  return chooseConnections({ ...input, connected }, config).includes(peerId);
}

/**
 * Who sends the first offer of a pair: the lower session id. It is also the "impolite" side of
 * perfect negotiation (it ignores a colliding offer); the other side is polite and yields.
 */
export function isOfferer(selfId: string, peerId: string): boolean {
  return selfId < peerId;
}

/** Gain of a voice at `distance` under the inverse model (1 up to refDistanceM). */
export function distanceGain(distance: number, config: HearingConfig = HEARING): number {
  const ref = config.refDistanceM;
  return ref / (ref + config.rolloffFactor * (Math.max(distance, ref) - ref));
}

/** A connected peer as the voice mix sees it. */
export interface VoiceCandidate {
  readonly id: string;
  readonly distanceM: number;
  /** Speaking level 0..1 as the room reports it. */
  readonly level: number;
}

/** Which voices play, and when each was last heard speaking. */
export interface VoiceMix {
  readonly playing: readonly string[];
  readonly heardAtMs: Readonly<Record<string, number>>;
}

/** Nothing playing. */
export const SILENT_MIX: VoiceMix = Object.freeze({ playing: Object.freeze([]) as readonly string[], heardAtMs: Object.freeze({}) });

/**
 * The voices to play now (at most maxVoices). A playing voice that spoke within voiceHoldMs keeps
 * its place; the other places go by loudness × distance gain, then to quiet peers (ones already
 * playing first, then the nearest), so the first words of someone who starts talking are not lost.
 */
export function selectVoices(previous: VoiceMix, candidates: readonly VoiceCandidate[], nowMs: number, config: HearingConfig = HEARING): VoiceMix {
  const heardAtMs: Record<string, number> = {};
  for (const c of candidates) {
    const before = previous.heardAtMs[c.id];
    if (c.level >= SPEAKING_FROM) heardAtMs[c.id] = nowMs;
    else if (before !== undefined) heardAtMs[c.id] = before;
  }
  const wasPlaying = new Set(previous.playing);
  const held = (c: VoiceCandidate): boolean => wasPlaying.has(c.id) && nowMs - (heardAtMs[c.id] ?? -Infinity) < config.voiceHoldMs;
  const score = (c: VoiceCandidate): number => (c.level >= SPEAKING_FROM ? c.level * distanceGain(c.distanceM, config) : 0);
  const ordered = [...candidates].sort((a, b) =>
    Number(held(b)) - Number(held(a))
    || score(b) - score(a)
    || Number(wasPlaying.has(b.id)) - Number(wasPlaying.has(a.id))
    || a.distanceM - b.distanceM
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { playing: ordered.slice(0, config.maxVoices).map((c) => c.id), heardAtMs };
}
