import { EmotionLabel, EmotionSource, isEmotionLabel, sameEmotion, type EmotionState } from '../shared/emotion-labels';
import { ENGAGEMENT_STATES, type SharedEngagement } from '../shared/engagement';
import { QUATERNION_STEPS, readWirePose } from '../shared/pose-wire';
import type { SyncedEmotion, SyncedHeadPose, SyncedPlayer, SyncedSpaceState } from '../shared/protocol';
import type { ActivityView, PeerState, Pose } from '../state';
import { mapActivity } from './activity-mapper';

/** A number that is finite, else the fallback (the schema never sends NaN, but a decoder bug could). */
const finite = (value: number, fallback = 0): number => (Number.isFinite(value) ? value : fallback);

function readEmotion(raw: SyncedEmotion, previous: EmotionState | undefined): EmotionState {
  const next: EmotionState = {
    label: isEmotionLabel(raw.label) ? raw.label : EmotionLabel.neutral,
    confidence: finite(raw.confidence),
    arousal: finite(raw.arousal),
    valence: finite(raw.valence),
    source: raw.source === EmotionSource.voice ? EmotionSource.voice : EmotionSource.manual,
  };
  return previous !== undefined && sameEmotion(previous, next) ? previous : next;
}

function readPose(head: SyncedHeadPose): Pose {
  return readWirePose({
    px: finite(head.px), py: finite(head.py), pz: finite(head.pz),
    qx: finite(head.qx), qy: finite(head.qy), qz: finite(head.qz), qw: finite(head.qw, QUATERNION_STEPS),
  });
}

function samePose(a: Pose | undefined, b: Pose): boolean {
  return a !== undefined && a.position.every((v, i) => v === b.position[i]) && a.quaternion.every((v, i) => v === b.quaternion[i]);
}

const SHARED_ENGAGEMENT: ReadonlySet<string> = new Set(['', 'present', ...ENGAGEMENT_STATES]);

function readPeer(sessionId: string, player: SyncedPlayer, previous: PeerState | undefined): PeerState {
  const next: PeerState = {
    sessionId,
    name: player.displayName,
    avatarId: player.avatarId,
    emotion: readEmotion(player.emotion, previous?.emotion),
    speaking: finite(player.speakingLevel),
    drowsiness: finite(player.drowsiness),
    engagement: SHARED_ENGAGEMENT.has(player.engagement) ? (player.engagement as SharedEngagement) : '',
    joinedAt: finite(player.joinedAt),
    connected: player.connected,
    voiceMuted: player.voiceMuted === true,
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
  readonly activity: ActivityView;
}

/**
 * Converts the synchronised room state into store records, skipping `ownSessionId`. Reuses
 * previous objects wherever nothing changed, so store subscribers see identity changes only for
 * real news.
 */
export function mapRoomState(state: SyncedSpaceState, ownSessionId: string | null, previous: MappedState, nowMs = Date.now()): MappedState {
  const peers: Record<string, PeerState> = {};
  const poses: Record<string, Pose> = {};
  let peersChanged = false;
  let posesChanged = false;
  let ownJoinedAt: number | undefined;
  state.players.forEach((player, sessionId) => {
    if (sessionId === ownSessionId) {
      ownJoinedAt = finite(player.joinedAt);
      return;
    }
    const peer = readPeer(sessionId, player, previous.peers[sessionId]);
    peersChanged ||= peer !== previous.peers[sessionId];
    peers[sessionId] = peer;
    const pose = readPose(player.head);
    const prevPose = previous.poses[sessionId];
    const keep = samePose(prevPose, pose);
    posesChanged ||= !keep;
    poses[sessionId] = keep && prevPose ? prevPose : pose;
  });
  peersChanged ||= Object.keys(previous.peers).length !== Object.keys(peers).length;
  posesChanged ||= Object.keys(previous.poses).length !== Object.keys(poses).length;
  return {
    peers: peersChanged ? peers : previous.peers,
    poses: posesChanged ? poses : previous.poses,
    activity: mapActivity(state.activity, previous.activity, nowMs),
    ...(ownJoinedAt !== undefined ? { ownJoinedAt } : {}),
  };
}
