import { clamp01 } from '../shared/clamp';
import { EmotionLabel, manualEmotion, type EmotionState } from '../shared/emotion-labels';
import { DEFAULT_ENGAGEMENT_SETTINGS, EngagementState, type EngagementSettings, type NudgeLevel, type NudgeView } from '../shared/engagement';
import {
  AppMode, IDLE_ACTIVITY, SELF_KEY,
  type ActivityView, type AppState, type BlockedPlayer, type ConnectionStatus, type PeerState, type Pose, type SelfState,
} from './app-state';
import { isSamePlayer } from './blocked-players';
import { appendTimeline, DEFAULT_TIMELINE_LIMITS, pruneTimeline, type TimelineLimits } from './emotion-timeline';
import { createVanillaStore, type Listener } from './vanilla-store';

/** Options of `createAppStore`. */
export interface AppStoreOptions {
  /** Clock for timeline entries; tests pass their own. */
  readonly now?: () => number;
  readonly timeline?: TimelineLimits;
  readonly self?: Partial<SelfState>;
  readonly engagementSettings?: EngagementSettings;
  /** Players blocked from voice chat, e.g. as remembered on this device. */
  readonly blocked?: readonly BlockedPlayer[];
}

/** The app store: read with getState/subscribe, write only through these actions. */
export interface AppStore {
  getState(): AppState;
  subscribe(listener: Listener<AppState>): () => void;
  setMode(mode: AppMode): void;
  setProfile(profile: { name?: string; avatarId?: string }): void;
  /** The one entry point for emotion sources: the manual picker and the voice classifier. */
  setSelfEmotion(emotion: EmotionState): void;
  /** Speaking level 0..1 (clamped). */
  setSpeaking(level: number): void;
  setSelfPose(pose: Pose): void;
  setMuted(muted: boolean): void;
  /** Blocks (or unblocks) a player from voice chat, by display name and avatar. */
  setBlocked(player: BlockedPlayer, blocked: boolean): void;
  /** This device's engagement state and drowsiness estimate, from the tracker. */
  setEngagement(state: EngagementState, drowsiness: number): void;
  /** The private nudge on show (null: none). */
  setNudge(current: NudgeView | null): void;
  /** A nudge was answered (the room counts it; nothing else sees it). */
  noteNudgeAnswered(level: NudgeLevel, atMs: number): void;
  setEngagementSettings(settings: EngagementSettings): void;
  /** Replaces the group activity with the room's. */
  applyActivity(activity: ActivityView): void;
  setConnection(status: ConnectionStatus): void;
  setSessionId(sessionId: string | null, joinedAt?: number | null): void;
  /** Replaces the peer set with a room snapshot; records emotion changes in the timelines. */
  applyPeers(peers: Readonly<Record<string, PeerState>>): void;
  /** Replaces other players' head poses. */
  applyPoses(poses: Readonly<Record<string, Pose>>): void;
  reportError(error: { code: string; type: string; message: string }): void;
  /** Drops timeline entries older than the window (call now and then, e.g. once a second). */
  pruneTimelines(): void;
}

const IDENTITY_POSE: Pose = { position: [0, 1.6, 0], quaternion: [0, 0, 0, 1] };

/** Creates a fresh app store. No module state: every call is independent. */
export function createAppStore(options: AppStoreOptions = {}): AppStore {
  const now = options.now ?? (() => Date.now());
  const limits = options.timeline ?? DEFAULT_TIMELINE_LIMITS;
  const self: SelfState = {
    name: '',
    avatarId: '',
    emotion: manualEmotion(EmotionLabel.neutral),
    speaking: 0,
    pose: IDENTITY_POSE,
    muted: false,
    drowsiness: 0,
    engagement: EngagementState.engaged,
    ...options.self,
  };
  const store = createVanillaStore<AppState>({
    mode: AppMode.landing,
    self,
    sessionId: null,
    selfJoinedAt: null,
    peers: {},
    poses: {},
    connection: { kind: 'idle' },
    timelines: { [SELF_KEY]: [{ atMs: now(), ...self.emotion }] },
    lastError: null,
    nudge: { current: null, lastAnswered: null },
    engagementSettings: options.engagementSettings ?? DEFAULT_ENGAGEMENT_SETTINGS,
    activity: IDLE_ACTIVITY,
    blocked: options.blocked ?? [],
  });
  const updateSelf = (patch: Partial<SelfState>): void =>
    store.setState((s) => {
      const changed = (Object.keys(patch) as (keyof SelfState)[]).some((k) => !Object.is(patch[k], s.self[k]));
      return changed ? { self: { ...s.self, ...patch } } : {};
    });
  const record = (timelines: AppState['timelines'], key: string, emotion: EmotionState): AppState['timelines'] => {
    const entries = timelines[key] ?? [];
    const next = appendTimeline(entries, { atMs: now(), ...emotion }, limits);
    return next === entries ? timelines : { ...timelines, [key]: next };
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    setMode: (mode) => store.setState({ mode }),
    setProfile: (profile) => updateSelf(profile),
    setSelfEmotion: (emotion) =>
      store.setState((s) => ({ self: { ...s.self, emotion: { ...emotion } }, timelines: record(s.timelines, SELF_KEY, emotion) })),
    setSpeaking: (level) => updateSelf({ speaking: clamp01(level) }),
    setSelfPose: (pose) => updateSelf({ pose }),
    setMuted: (muted) => updateSelf({ muted }),
    setBlocked: (player, blocked) =>
      store.setState((s) => {
        const listed = s.blocked.some((b) => isSamePlayer(b, player));
        if (listed === blocked) return {};
        const next = blocked ? [...s.blocked, { name: player.name, avatarId: player.avatarId }] : s.blocked.filter((b) => !isSamePlayer(b, player));
        return { blocked: next };
      }),
    setEngagement: (engagement, drowsiness) => updateSelf({ engagement, drowsiness: clamp01(drowsiness) }),
    setNudge: (current) =>
      store.setState((s) => (s.nudge.current === current ? {} : { nudge: { ...s.nudge, current } })),
    noteNudgeAnswered: (level, atMs) => store.setState((s) => ({ nudge: { ...s.nudge, lastAnswered: { level, atMs } } })),
    setEngagementSettings: (engagementSettings) => store.setState({ engagementSettings }),
    applyActivity: (activity) => store.setState({ activity }),
    setConnection: (connection) => store.setState({ connection }),
    setSessionId: (sessionId, joinedAt = null) => store.setState({ sessionId, selfJoinedAt: joinedAt }),
    applyPeers: (peers) =>
      store.setState((s) => {
        let timelines = s.timelines;
        for (const peer of Object.values(peers)) {
          if (s.peers[peer.sessionId]?.emotion !== peer.emotion) timelines = record(timelines, peer.sessionId, peer.emotion);
        }
        const departed = Object.keys(timelines).filter((k) => k !== SELF_KEY && !(k in peers));
        if (departed.length > 0) {
          timelines = { ...timelines };
          for (const key of departed) delete (timelines as Record<string, unknown>)[key];
        }
        return { peers, timelines };
      }),
    applyPoses: (poses) => store.setState({ poses }),
    reportError: (error) => store.setState({ lastError: { ...error, atMs: now() } }),
    pruneTimelines: () =>
      store.setState((s) => {
        let changed = false;
        const timelines: Record<string, AppState['timelines'][string]> = {};
        for (const [key, entries] of Object.entries(s.timelines)) {
          const pruned = pruneTimeline(entries, now(), limits);
          changed ||= pruned !== entries;
          timelines[key] = pruned;
        }
        return changed ? { timelines } : {};
      }),
  };
}
