/**
 * Scripted wearers for the drowsiness estimator: segments of head pattern, speech (with the
 * arousal its windows get) and what others do, played through the estimator on a virtual clock.
 * Used by the estimator's unit tests and the engagement simulator.
 */
import type { DrowsinessEstimator, EngagementEstimate, PresenceSignal } from '../../src/engagement/drowsiness-estimator';
import { headTrace, type HeadPattern } from './head-traces';

/** One stretch of a scripted wearer. */
export interface Segment {
  readonly seconds: number;
  readonly head: HeadPattern;
  /** Arousal of each speech window while the wearer speaks (a function of time), or null: silent. */
  readonly voice: ((atMs: number) => number) | null;
  /** Fraction of each 10 s the wearer speaks (default 0.6 when `voice` is set). */
  readonly speakFraction?: number;
  /** Someone else speaks (at yaw `speakerYawRad` from the wearer) during the segment. */
  readonly othersSpeak?: boolean;
  readonly speakerYawRad?: number;
  readonly presence?: PresenceSignal;
  /** The wearer clicks or presses something every this many seconds. */
  readonly inputEverySec?: number;
}

/** A tick of a played scenario. */
export interface ScenarioTick {
  readonly atMs: number;
  readonly estimate: EngagementEstimate;
}

const VISIBLE: PresenceSignal = { xr: 'visible', pageVisible: true };
const TICK_MS = 250;
const WINDOW_EVERY_MS = 500;
const LOOK_TOLERANCE_RAD = 0.35;

/**
 * Plays `segments` into `estimator` from `startMs`; calls `onTick` after each estimator tick
 * (every 250 ms of virtual time). Returns every tick.
 */
export function playScenario(
  estimator: DrowsinessEstimator,
  segments: readonly Segment[],
  options: { startMs?: number; seed?: number; onTick?: (tick: ScenarioTick) => void } = {},
): ScenarioTick[] {
  const ticks: ScenarioTick[] = [];
  let t0 = options.startMs ?? 0;
  let seed = options.seed ?? 1;
  for (const segment of segments) {
    const durationMs = segment.seconds * 1000;
    const trace = headTrace(segment.head, t0, durationMs, { seed: seed++, speakerYawRad: segment.speakerYawRad ?? 0.6 });
    let next = 0;
    const fraction = segment.voice ? (segment.speakFraction ?? 0.6) : 0;
    for (let t = t0; t < t0 + durationMs; t += TICK_MS) {
      while (next < trace.length && (trace[next]?.atMs ?? Infinity) <= t) {
        const s = trace[next++]!;
        estimator.head(s.atMs, s.pitchRad, s.yawRad);
      }
      const phase = ((t - t0) % 10_000) / 10_000;
      const speaking = segment.voice !== null && phase < fraction;
      estimator.speaking(t, speaking);
      if (speaking && segment.voice && (t - t0) % WINDOW_EVERY_MS === 0) estimator.voiceWindow(t, segment.voice(t));
      const last = trace[Math.max(0, next - 1)];
      const othersSpeak = (segment.othersSpeak ?? false) && !speaking;
      const looking = last !== undefined && last.pitchRad > -0.35 && Math.abs(last.yawRad - (segment.speakerYawRad ?? 0.6)) < LOOK_TOLERANCE_RAD;
      estimator.attention(t, othersSpeak, othersSpeak && looking);
      estimator.presence(t, segment.presence ?? VISIBLE);
      if (segment.inputEverySec && (t - t0) % (segment.inputEverySec * 1000) === 0) estimator.input(t);
      const tick = { atMs: t, estimate: estimator.tick(t) };
      ticks.push(tick);
      options.onTick?.(tick);
    }
    t0 += durationMs;
  }
  return ticks;
}

/** Lively speech: arousal around +0.3, varying. */
export const livelyVoice = (atMs: number): number => 0.3 + 0.25 * Math.sin(atMs / 900);
/** Flat, low-energy speech: arousal around −0.55. */
export const lowVoice = (atMs: number): number => -0.55 + 0.08 * Math.sin(atMs / 1300);
