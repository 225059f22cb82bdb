/**
 * Runs the engagement tracker against the app store: every tick it reads the wearer's head pose,
 * speaking level and who else speaks from the store, feeds voice windows and presence as they
 * come, and writes the estimate and the private nudge back. No DOM: the page's listeners (or the
 * simulator) call `presence`, `input`, `answer` and `silence`; time comes from the given clock.
 */
import { wrapAngle } from '../shared/angle';
import { createEngagementTracker, type EngagementTracker, type TrackerOptions } from '../engagement/engagement-tracker';
import type { EngagementEstimate, PresenceSignal } from '../engagement/drowsiness-estimator';
import type { NudgeChange } from '../engagement/nudge-policy';
import { avatarYawFromHead, headTiltFromQuaternion, type HeadTilt } from '../scene/head-pose';
import type { NudgeLevel } from '../shared/engagement';
import { loudestSpeaker, SPEAKING_FROM, type AppState, type AppStore } from '../state';

/** Time and a repeating timer, injectable so the simulator can run on a virtual clock. */
export interface BindingClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The page's real clock (wall time, so it matches the room's figures). */
export const wallClock: BindingClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Options of {@link bindEngagement}. */
export interface EngagementBindingOptions {
  readonly store: AppStore;
  readonly clock?: BindingClock;
  readonly tracker?: TrackerOptions;
  /** A nudge appeared or escalated: the page plays its cue (haptics, chime) for that level. */
  readonly onNudgeShown?: (level: NudgeLevel) => void;
  /** Tick interval, ms. Default 250. */
  readonly tickMs?: number;
}

/** The running binding. */
export interface EngagementBinding {
  voiceWindow(arousal: number): void;
  presence(signal: PresenceSignal): void;
  input(): void;
  /** "I'm here". */
  answer(): void;
  /** "Don't remind me" for this session. */
  silence(): void;
  /** Runs one tick now (the simulator steps its virtual clock and calls this). */
  tick(): void;
  /** The last tick's estimate with its evidence (diagnostics), or null before the first tick. */
  readonly lastEstimate: EngagementEstimate | null;
  dispose(): void;
}

/** The head points at a speaker when within this angle of them, radians … */
const LOOK_TOLERANCE_RAD = 0.45;
/** … and is held up: a head hanging down (nodding off) looks at nobody. */
const LOOK_MAX_DOWN_RAD = -0.35;

/** The loudest other speaker's direction from the wearer, as a yaw, or null when nobody speaks. */
function speakerYaw(state: AppState): number | null {
  const best = loudestSpeaker(state.peers);
  const pose = best === null ? undefined : state.poses[best];
  if (!pose) return null;
  const [x, , z] = state.self.pose.position;
  return Math.atan2(pose.position[0] - x, pose.position[2] - z);
}

/** Starts ticking the tracker against `store`. */
export function bindEngagement(options: EngagementBindingOptions): EngagementBinding {
  const { store } = options;
  const clock = options.clock ?? wallClock;
  const settings = store.getState().engagementSettings;
  const tracker: EngagementTracker = createEngagementTracker({ ...options.tracker, nudgesEnabled: settings.nudges && (options.tracker?.nudgesEnabled ?? true) });
  const tilt: HeadTilt = { pitchRad: 0, rollRad: 0 };
  let yaw = 0;
  let lastHeadMs = -Infinity;
  let lastEstimate: EngagementEstimate | null = null;

  // Head samples as the pose changes (up to the pose rate, 20 Hz: nods are shapes over a second
  // or two), and once a second while it does not, so a still head still counts as data.
  const feedHead = (now: number, pose: AppState['self']['pose']): void => {
    const [qx, qy, qz, qw] = pose.quaternion;
    yaw = avatarYawFromHead(qx, qy, qz, qw);
    headTiltFromQuaternion(qx, qy, qz, qw, tilt);
    tracker.head(now, tilt.pitchRad, yaw);
    lastHeadMs = now;
  };

  const apply = (changes: readonly NudgeChange[]): void => {
    for (const change of changes) {
      if (change.kind === 'answered') store.noteNudgeAnswered(change.level, change.atMs);
      if (change.kind === 'shown') options.onNudgeShown?.(change.level);
    }
  };

  const tick = (): void => {
    const now = clock.now();
    const state = store.getState();
    if (now - lastHeadMs >= 1000) feedHead(now, state.self.pose);
    tracker.speaking(now, !state.self.muted && state.self.speaking >= SPEAKING_FROM);
    const toSpeaker = speakerYaw(state);
    const looking = toSpeaker !== null && tilt.pitchRad > LOOK_MAX_DOWN_RAD && Math.abs(wrapAngle(yaw - toSpeaker)) < LOOK_TOLERANCE_RAD;
    tracker.attention(now, toSpeaker !== null, looking);
    const result = tracker.tick(now);
    lastEstimate = result.estimate;
    apply(result.changes);
    store.setEngagement(result.estimate.state, result.estimate.drowsiness);
    store.setNudge(result.nudge);
  };

  // Turning nudges off in the settings silences them at once; turning them on again starts afresh.
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.self.pose !== previous.self.pose) feedHead(clock.now(), state.self.pose);
    if (state.engagementSettings.nudges === previous.engagementSettings.nudges) return;
    if (!state.engagementSettings.nudges) apply(tracker.silence(clock.now()));
    else tracker.resume();
    store.setNudge(null);
  });
  const timer = clock.setInterval(tick, options.tickMs ?? 250);

  return {
    voiceWindow: (arousal) => tracker.voiceWindow(clock.now(), arousal),
    presence: (signal) => tracker.presence(clock.now(), signal),
    input: () => tracker.input(clock.now()),
    answer() {
      apply(tracker.answer(clock.now()));
      store.setNudge(null);
    },
    silence() {
      apply(tracker.silence(clock.now()));
      store.setNudge(null);
    },
    tick,
    get lastEstimate() {
      return lastEstimate;
    },
    dispose() {
      clock.clearInterval(timer);
      unsubscribe();
    },
  };
}
