/**
 * The on-device drowsiness estimate: fuses voice energy, head motion, attention to speakers and
 * presence over minutes (never one window) into a value 0..1 and a state. Pure and clock-free:
 * every input carries its time, so tests and the simulator run it on a virtual clock.
 *
 * Evidence for drowsiness: nodding off (slow drop, jerk back), a slumped head, low-energy speech
 * against the wearer's own baseline, and long stillness while silent and not looking at speakers.
 * Evidence against: recent input, looking at whoever speaks, lively speech. Silence alone is
 * never drowsiness, and presence (headset off, tab hidden) is `away`, not drowsy.
 */
import { clamp01 } from '../shared/clamp';
import { EngagementState } from '../shared/engagement';
import { createHeadMotion, type HeadMotionOptions, type HeadMotionSummary } from './head-motion';
import { createVoiceEnergy, type VoiceEnergyOptions, type VoiceEnergySummary } from './voice-energy';

/** Weights, thresholds and time constants; see ENGAGEMENT.md beside this file. */
export interface EstimatorOptions {
  readonly weights: { readonly nod: number; readonly slump: number; readonly voice: number; readonly still: number };
  readonly relief: { readonly input: number; readonly attention: number; readonly lively: number };
  /** The estimate rises toward its evidence with this time constant … */
  readonly riseMs: number;
  /** … and falls with this one (waking up is quicker than dozing off). */
  readonly fallMs: number;
  /** Enter `drowsy` at or above this estimate; leave it below `drowsyExit`. */
  readonly drowsyEnter: number;
  readonly drowsyExit: number;
  /** Silent this long (and not drowsy, and not watching whoever speaks) is `quiet`. */
  readonly quietAfterMs: number;
  /** A silent wearer who looks at the speaker at least this fraction of the time is engaged. */
  readonly attentiveListener: number;
  /** Away signals must last this long before the state says `away` (a blink of blur is not leaving). */
  readonly awayAfterMs: number;
  /** Input within this long counts as evidence of being awake. */
  readonly inputReliefMs: number;
  /** Head speed below this (rad/s), silent for `stillAfterMs` and not attending: still. */
  readonly stillSpeedRadPerSec: number;
  readonly stillAfterMs: number;
  readonly head?: Partial<HeadMotionOptions>;
  readonly voice?: Partial<VoiceEnergyOptions>;
}

/** The defaults. Two independent signals are needed to reach `drowsy`, except repeated nods. */
export const ESTIMATOR_DEFAULTS: EstimatorOptions = Object.freeze({
  weights: Object.freeze({ nod: 0.7, slump: 0.35, voice: 0.5, still: 0.3 }),
  relief: Object.freeze({ input: 0.6, attention: 0.5, lively: 0.4 }),
  riseMs: 40_000,
  fallMs: 12_000,
  drowsyEnter: 0.6,
  drowsyExit: 0.4,
  quietAfterMs: 30_000,
  attentiveListener: 0.5,
  awayAfterMs: 1500,
  inputReliefMs: 20_000,
  stillSpeedRadPerSec: 0.02,
  stillAfterMs: 60_000,
});

/** Whether the wearer is there at all, as the browser tells it. */
export interface PresenceSignal {
  /** XRSession.visibilityState, or null outside an immersive session. */
  readonly xr: 'visible' | 'visible-blurred' | 'hidden' | null;
  /** document.visibilityState === 'visible'. */
  readonly pageVisible: boolean;
}

/** One tick's estimate, with the evidence behind it (for the settings panel and the simulator). */
export interface EngagementEstimate {
  readonly state: EngagementState;
  /** 0..1; stays on the device unless the wearer shares it. */
  readonly drowsiness: number;
  /** 0..1, what the evidence asks the estimate to move toward. */
  readonly target: number;
  readonly head: HeadMotionSummary;
  readonly voice: VoiceEnergySummary;
  /** Fraction of recent time with someone speaking in which the wearer looked at them. */
  readonly attention: number;
}

/** The signals the estimate is made from, each with its time. */
export interface EngagementSignals {
  head(nowMs: number, pitchRad: number, yawRad: number): void;
  /** A classified speech window's arousal (−1..1). */
  voiceWindow(nowMs: number, arousal: number): void;
  speaking(nowMs: number, speaking: boolean): void;
  /** Whether someone else speaks now and whether the wearer's head points at them. */
  attention(nowMs: number, someoneSpeaking: boolean, lookingAtSpeaker: boolean): void;
  presence(nowMs: number, signal: PresenceSignal): void;
  /** Controller, keyboard, pointer or a click on "I'm here". */
  input(nowMs: number): void;
}

/** The estimator: feed it signals as they come, call `tick` a few times a second. */
export interface DrowsinessEstimator extends EngagementSignals {
  tick(nowMs: number): EngagementEstimate;
}

/** Creates an estimator with no history: engaged, drowsiness 0. */
export function createDrowsinessEstimator(options: Partial<EstimatorOptions> = {}): DrowsinessEstimator {
  const o: EstimatorOptions = { ...ESTIMATOR_DEFAULTS, ...options };
  const headMotion = createHeadMotion(o.head);
  const voice = createVoiceEnergy(o.voice);
  let drowsiness = 0;
  let drowsy = false;
  let lastTickMs = NaN;
  let lastInputMs = -Infinity;
  let awaySinceMs: number | null = null;
  let attendMs = 0;
  let speakerMs = 0;
  let lastAttentionMs = NaN;
  const attentionMemoryMs = 60_000;

  function evidence(nowMs: number, head: HeadMotionSummary, v: VoiceEnergySummary, attention: number): number {
    const nod = Math.min(1, head.nods / 2);
    const still = head.coveredMs > 10_000 && head.meanSpeedRadPerSec < o.stillSpeedRadPerSec && v.silentForMs > o.stillAfterMs && attention < 0.3 ? 1 : 0;
    const pushed = o.weights.slump * head.slumpedFraction + o.weights.voice * v.lowEnergy + o.weights.still * still;
    const recentInput = nowMs - lastInputMs <= o.inputReliefMs ? 1 : 0;
    const lively = v.silentForMs < 15_000 && v.lowEnergy < 0.3 ? 1 : 0;
    const relief = o.relief.input * recentInput + o.relief.attention * attention + o.relief.lively * lively;
    // Nodding off is a pattern no posture explains away: only input (the wearer acting) offsets it.
    const nodding = Math.max(0, o.weights.nod * nod - o.relief.input * recentInput);
    return clamp01(nodding + Math.max(0, pushed - relief));
  }

  return {
    head: (nowMs, pitchRad, yawRad) => headMotion.add(nowMs, pitchRad, yawRad),
    voiceWindow: (nowMs, arousal) => voice.addWindow(nowMs, arousal),
    speaking: (nowMs, speaking) => voice.addSpeaking(nowMs, speaking),
    attention(nowMs, someoneSpeaking, lookingAtSpeaker) {
      if (!Number.isNaN(lastAttentionMs)) {
        const dt = Math.min(1000, Math.max(0, nowMs - lastAttentionMs));
        const k = Math.exp(-dt / attentionMemoryMs);
        speakerMs = speakerMs * k + (someoneSpeaking ? dt : 0);
        attendMs = attendMs * k + (someoneSpeaking && lookingAtSpeaker ? dt : 0);
      }
      lastAttentionMs = nowMs;
    },
    presence(nowMs, signal) {
      const away = !signal.pageVisible || signal.xr === 'hidden' || signal.xr === 'visible-blurred';
      if (!away) awaySinceMs = null;
      else awaySinceMs ??= nowMs;
    },
    input(nowMs) {
      lastInputMs = Math.max(lastInputMs, nowMs);
    },
    tick(nowMs) {
      const head = headMotion.summary(nowMs);
      const v = voice.summary(nowMs);
      const attention = speakerMs > 2000 ? clamp01(attendMs / speakerMs) : 0;
      const target = evidence(nowMs, head, v, attention);
      const away = awaySinceMs !== null && nowMs - awaySinceMs >= o.awayAfterMs;
      if (!Number.isNaN(lastTickMs) && !away) {
        const dt = Math.max(0, Math.min(5000, nowMs - lastTickMs));
        const tau = target > drowsiness ? o.riseMs : o.fallMs;
        drowsiness += (target - drowsiness) * (1 - Math.exp(-dt / tau));
      }
      lastTickMs = nowMs;
      drowsy = drowsy ? drowsiness >= o.drowsyExit : drowsiness >= o.drowsyEnter;
      const state = away
        ? EngagementState.away
        : drowsy
          ? EngagementState.drowsy
          : v.silentForMs >= o.quietAfterMs && attention < o.attentiveListener
            ? EngagementState.quiet
            : EngagementState.engaged;
      return { state, drowsiness, target, head, voice: v, attention };
    },
  };
}
