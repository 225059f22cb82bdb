import { EmotionLabel, isEmotionLabel, type EmotionState } from '../shared/emotion-labels';
import type { PeerState, Pose } from '../state';

/** The part of a decoded (reflected) room state this client reads. */
export interface RoomStateLike {
  readonly players?: { forEach(cb: (player: unknown, sessionId: string) => void): void };
}

type Fields = Readonly<Record<string, unknown>>;

const asFields = (v: unknown): Fields => (typeof v === 'object' && v !== null ? (v as Fields) : {});
const num = (o: Fields, k: string, fallback = 0): number => (typeof o[k] === 'number' && Number.isFinite(o[k]) ? (o[k] as number) : fallback);
const str = (o: Fields, k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');

function readEmotion(raw: unknown, previous: EmotionState | undefined): EmotionState {
  const o = asFields(raw);
  const label = isEmotionLabel(o.label) ? o.label : EmotionLabel.neutral;
  const next: EmotionState = {
    label,
    confidence: num(o, 'confidence'),
    arousal: num(o, 'arousal'),
    valence: num(o, 'valence'),
    source: o.source === 'voice' ? 'voice' : 'manual',
  };
  const same =
    previous !== undefined &&
    previous.label === next.label &&
    previous.confidence === next.confidence &&
    previous.arousal === next.arousal &&
    previous.valence === next.valence &&
    previous.source === next.source;
  return same ? previous : next;
}

/** Reads a 3- or 4-vector stored as an array-like, an {x,y,z(,w)} object, or flat fields. */
function readVec(raw: Fields, key: string, flat: readonly string[], size: 3 | 4): number[] | null {
  const v = raw[key];
  if (v !== null && typeof v === 'object' && typeof (v as { length?: unknown }).length === 'number') {
    const arr = Array.from(v as ArrayLike<unknown>, (x) => (typeof x === 'number' ? x : 0));
    return arr.length >= size ? arr.slice(0, size) : null;
  }
  if (v !== null && typeof v === 'object') {
    const o = asFields(v);
    return ['x', 'y', 'z', 'w'].slice(0, size).map((k) => num(o, k, k === 'w' ? 1 : 0));
  }
  if (flat.every((k) => typeof raw[k] === 'number')) return flat.map((k) => num(raw, k));
  return null;
}

function readPose(player: Fields): Pose | null {
  const holder = asFields(player.head ?? player.pose ?? player);
  const p = readVec(holder, 'position', ['px', 'py', 'pz'], 3);
  const q = readVec(holder, 'quaternion', ['qx', 'qy', 'qz', 'qw'], 4);
  if (!p || !q) return null;
  return { position: [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0], quaternion: [q[0] ?? 0, q[1] ?? 0, q[2] ?? 0, q[3] ?? 1] };
}

function samePose(a: Pose | undefined, b: Pose): boolean {
  return a !== undefined && a.position.every((v, i) => v === b.position[i]) && a.quaternion.every((v, i) => v === b.quaternion[i]);
}

function readPeer(sessionId: string, player: Fields, previous: PeerState | undefined): PeerState {
  const next: PeerState = {
    sessionId,
    name: str(player, 'displayName') || str(player, 'name'),
    avatarId: str(player, 'avatarId'),
    emotion: readEmotion(player.emotion, previous?.emotion),
    speaking: num(player, 'speakingLevel', num(player, 'speaking')),
    drowsiness: num(player, 'drowsiness'),
    joinedAt: num(player, 'joinedAt'),
    connected: player.connected !== false,
  };
  if (!previous) return next;
  const keys = Object.keys(next) as (keyof PeerState)[];
  return keys.every((k) => Object.is(next[k], previous[k])) ? previous : next;
}

/** What `mapRoomState` produced; `peers`/`poses` keep their previous identity when unchanged. */
export interface MappedState {
  readonly peers: Readonly<Record<string, PeerState>>;
  readonly poses: Readonly<Record<string, Pose>>;
  /** joinedAt of the own player (skipped from `peers`), when present. */
  readonly ownJoinedAt?: number;
}

/**
 * Converts the reflected room state into store records, skipping `ownSessionId`. Reuses previous
 * objects wherever nothing changed, so store subscribers see identity changes only for real news.
 */
export function mapRoomState(state: RoomStateLike, ownSessionId: string | null, previous: MappedState): MappedState {
  const peers: Record<string, PeerState> = {};
  const poses: Record<string, Pose> = {};
  let peersChanged = false;
  let posesChanged = false;
  let ownJoinedAt: number | undefined;
  state.players?.forEach((raw, sessionId) => {
    const player = asFields(raw);
    if (sessionId === ownSessionId) {
      ownJoinedAt = num(player, 'joinedAt');
      return;
    }
    const peer = readPeer(sessionId, player, previous.peers[sessionId]);
    peersChanged ||= peer !== previous.peers[sessionId];
    peers[sessionId] = peer;
    const pose = readPose(player);
    const prevPose = previous.poses[sessionId];
    if (pose) {
      const keep = samePose(prevPose, pose);
      posesChanged ||= !keep;
      poses[sessionId] = keep && prevPose ? prevPose : pose;
    }
  });
  peersChanged ||= Object.keys(previous.peers).length !== Object.keys(peers).length;
  posesChanged ||= Object.keys(previous.poses).length !== Object.keys(poses).length;
  return {
    peers: peersChanged ? peers : previous.peers,
    poses: posesChanged ? poses : previous.poses,
    ...(ownJoinedAt !== undefined ? { ownJoinedAt } : {}),
  };
}
