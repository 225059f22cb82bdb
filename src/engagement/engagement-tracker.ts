/**
 * The drowsiness estimator and the nudge policy together, with the answers the wearer gives
 * without pressing anything: speaking up or looking around answers a nudge. Pure and clock-free;
 * the app feeds it signals and ticks it, the simulator does the same on a virtual clock.
 */
import { wrapAngle } from '../shared/angle';
import {
  createDrowsinessEstimator, ESTIMATOR_DEFAULTS,
  type DrowsinessEstimator, type EngagementEstimate, type EngagementSignals, type EstimatorOptions,
} from './drowsiness-estimator';
import { createNudgePolicy, NUDGE_DEFAULTS, type NudgeAnswer, type NudgeChange, type NudgePolicy, type NudgePolicyOptions, type NudgeView } from './nudge-policy';
import { VOICE_ENERGY_DEFAULTS } from './voice-energy';

/** Tuning of {@link createEngagementTracker}. */
export interface TrackerOptions {
  /**
   * Multiplies every time constant and delay of the estimate and the nudges (not the shapes of
   * head motion): 0.1 runs a minute of dozing off in six seconds, for demos and browser tests.
   */
  readonly timeScale?: number;
  readonly estimator?: Partial<EstimatorOptions>;
  readonly nudges?: Partial<NudgePolicyOptions>;
  /** False: estimate only, never nudge. */
  readonly nudgesEnabled?: boolean;
  /** Speaking this long after a nudge appeared answers it, ms. */
  readonly answerSpeechMs?: number;
  /**
   * Pauses shorter than this (between words, or a quiet syllable under the speaking level) do not
   * break that speech, ms. Calm, tired speech dips below the level many times a second.
   */
  readonly answerGapMs?: number;
  /** Turning the head this far (yaw, radians) from where it was when the nudge appeared answers it. */
  readonly answerTurnRad?: number;
}

/** One tick's result. */
export interface TrackerTick {
  readonly estimate: EngagementEstimate;
  readonly nudge: NudgeView | null;
  readonly changes: readonly NudgeChange[];
}

/** Signals in (input also answers a nudge), estimate and nudges out. */
export interface EngagementTracker extends EngagementSignals {
  /** "I'm here". */
  answer(nowMs: number): readonly NudgeChange[];
  /** "Don't remind me" for this session. */
  silence(nowMs: number): readonly NudgeChange[];
  /** Nudges on again after `silence` (the estimate itself never stopped). */
  resume(): void;
  tick(nowMs: number): TrackerTick;
}

/** Creates a tracker with no history. */
export function createEngagementTracker(options: TrackerOptions = {}): EngagementTracker {
  const k = options.timeScale ?? 1;
  const e = { ...ESTIMATOR_DEFAULTS, ...options.estimator };
  const n = { ...NUDGE_DEFAULTS, ...options.nudges };
  const v = { ...VOICE_ENERGY_DEFAULTS, ...e.voice };
  const estimator: DrowsinessEstimator = createDrowsinessEstimator({
    ...e,
    riseMs: e.riseMs * k,
    fallMs: e.fallMs * k,
    quietAfterMs: e.quietAfterMs * k,
    inputReliefMs: e.inputReliefMs * k,
    stillAfterMs: e.stillAfterMs * k,
    voice: { ...v, recentMs: v.recentMs * k, baselineMs: v.baselineMs * k, memoryMs: v.memoryMs * k },
  });
  const policy: NudgePolicy = createNudgePolicy(
    { ...n, firstAfterMs: n.firstAfterMs * k, escalateAfterMs: n.escalateAfterMs * k, cooldownMs: n.cooldownMs * k },
    options.nudgesEnabled ?? true,
  );
  const answerSpeechMs = options.answerSpeechMs ?? 1000;
  const answerTurnRad = options.answerTurnRad ?? 0.35;
  const answerGapMs = options.answerGapMs ?? 600;
  let speechSinceMs: number | null = null;
  let lastSpeechMs = -Infinity;
  let yawNow = NaN;
  let yawAtNudge = NaN;
  let pending: NudgeAnswer | null = null;

  const respond = (how: NudgeAnswer): void => {
    if (policy.current) pending ??= how;
  };

  return {
    head(nowMs, pitchRad, yawRad) {
      estimator.head(nowMs, pitchRad, yawRad);
      yawNow = yawRad;
      if (policy.current && Number.isFinite(yawAtNudge)) {
        const turned = Math.abs(wrapAngle(yawRad - yawAtNudge));
        if (turned >= answerTurnRad) respond('movement');
      }
    },
    voiceWindow: (nowMs, arousal) => estimator.voiceWindow(nowMs, arousal),
    speaking(nowMs, speaking) {
      estimator.speaking(nowMs, speaking);
      if (!speaking) {
        if (nowMs - lastSpeechMs > answerGapMs) speechSinceMs = null;
      } else {
        lastSpeechMs = nowMs;
        speechSinceMs ??= nowMs;
        if (policy.current && nowMs - Math.max(speechSinceMs, policy.current.sinceMs) >= answerSpeechMs) respond('speech');
      }
    },
    attention: (nowMs, someone, looking) => estimator.attention(nowMs, someone, looking),
    presence: (nowMs, signal) => estimator.presence(nowMs, signal),
    input(nowMs) {
      estimator.input(nowMs);
      respond('input');
    },
    answer(nowMs) {
      estimator.input(nowMs);
      pending = null;
      return policy.answer(nowMs, 'button');
    },
    silence: (nowMs) => policy.silence(nowMs),
    resume: () => policy.resume(),
    tick(nowMs) {
      const changes: NudgeChange[] = [];
      if (pending) {
        // Answering (speaking up, looking around) is the wearer acting: evidence of being awake.
        estimator.input(nowMs);
        changes.push(...policy.answer(nowMs, pending));
        pending = null;
      }
      const estimate = estimator.tick(nowMs);
      const before = policy.current;
      changes.push(...policy.update(nowMs, estimate.state));
      if (policy.current && policy.current !== before && before === null) yawAtNudge = yawNow;
      return { estimate, nudge: policy.current, changes };
    },
  };
}
