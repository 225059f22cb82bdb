/**
 * Head-motion patterns over the last minutes, from viewer pitch and yaw samples: nodding off
 * (a slow forward drop followed by a quick jerk back), a slumped head, stillness, and how often
 * the head points at whoever is speaking. Pure: callers pass time; no allocation per sample.
 */
import { wrapAngle } from '../shared/angle';

/** Tuning of {@link createHeadMotion}. */
export interface HeadMotionOptions {
  /** A nod starts with the head dropping at least this far (radians) … */
  readonly nodDropRad: number;
  /** … over at least this long (a slow drop; a glance down is faster) … */
  readonly nodDropMinMs: number;
  /** … and at most this long; */
  readonly nodDropMaxMs: number;
  /** then jerks back up at least this far (and most of the way: `nodRecoverFraction` of the drop) … */
  readonly nodRecoverRad: number;
  readonly nodRecoverFraction: number;
  /** … within this long, and at least this many times as fast as it dropped (a jerk, not a sway). */
  readonly nodRecoverMaxMs: number;
  readonly nodRecoverSpeedRatio: number;
  /** Pitch within this of the highest recent pitch counts as still up (noise is not a drop), rad. */
  readonly plateauRad: number;
  /** Pitch below this (radians, negative = down) counts as slumped. */
  readonly slumpPitchRad: number;
  /** How long nod, slump and stillness evidence is remembered. */
  readonly memoryMs: number;
}

/** Defaults tuned on synthetic traces (tests/unit/engagement/head-motion.test.ts). */
export const HEAD_MOTION_DEFAULTS: HeadMotionOptions = Object.freeze({
  nodDropRad: 0.25,
  nodDropMinMs: 800,
  nodDropMaxMs: 8000,
  nodRecoverRad: 0.18,
  nodRecoverFraction: 0.6,
  nodRecoverMaxMs: 700,
  nodRecoverSpeedRatio: 4,
  plateauRad: 0.03,
  slumpPitchRad: -0.45,
  memoryMs: 90_000,
});

/** What the head did recently. */
export interface HeadMotionSummary {
  /** Nods completed within memoryMs. */
  readonly nods: number;
  /** Fraction of the last memoryMs spent slumped, 0..1. */
  readonly slumpedFraction: number;
  /** Mean angular speed over the last memoryMs, rad/s (very low = still). */
  readonly meanSpeedRadPerSec: number;
  /** Milliseconds of head data in the window (0 = no head data). */
  readonly coveredMs: number;
}

/** Consumes head samples; call `summary(now)` when the estimator ticks. */
export interface HeadMotion {
  add(nowMs: number, pitchRad: number, yawRad: number): void;
  summary(nowMs: number): HeadMotionSummary;
}

const NOD_LIMIT = 32;
const TRAVEL_STEP_MS = 500;

/** Creates the detector. */
export function createHeadMotion(options: Partial<HeadMotionOptions> = {}): HeadMotion {
  const o = { ...HEAD_MOTION_DEFAULTS, ...options };
  const nodTimes: number[] = [];
  // Drop tracking: the highest pitch since the head last rose, and when it was there.
  let peakPitch = NaN;
  let peakAtMs = 0;
  let troughPitch = NaN;
  let troughAtMs = 0;
  let lastMs = NaN;
  // Travel is measured between points at least TRAVEL_STEP_MS apart, so sensor noise at a high
  // sample rate does not add up to motion.
  let anchorMs = NaN;
  let anchorPitch = 0;
  let anchorYaw = 0;
  // Leaky sums over memoryMs (exponential with that time constant): cheap and allocation-free.
  let slumpMs = 0;
  let coveredMs = 0;
  let travelRad = 0;

  const decay = (dtMs: number): number => Math.exp(-dtMs / o.memoryMs);

  return {
    add(nowMs, pitchRad, yawRad) {
      if (!Number.isFinite(pitchRad) || !Number.isFinite(yawRad)) return;
      if (Number.isNaN(lastMs) || nowMs - lastMs > 5000) {
        // First sample, or after a gap (headset off, tab hidden): start the shapes afresh.
        peakPitch = troughPitch = pitchRad;
        peakAtMs = troughAtMs = nowMs;
        anchorMs = nowMs;
        anchorPitch = pitchRad;
        anchorYaw = yawRad;
      } else {
        const dt = Math.max(0, nowMs - lastMs);
        const k = decay(dt);
        slumpMs = slumpMs * k + (pitchRad < o.slumpPitchRad ? dt : 0);
        coveredMs = coveredMs * k + dt;
        travelRad *= k;
        if (nowMs - anchorMs >= TRAVEL_STEP_MS) {
          let dyaw = yawRad - anchorYaw;
          dyaw = wrapAngle(dyaw);
          travelRad += Math.abs(pitchRad - anchorPitch) + Math.abs(dyaw);
          anchorMs = nowMs;
          anchorPitch = pitchRad;
          anchorYaw = yawRad;
        }
      }
      if (pitchRad >= peakPitch - o.plateauRad || nowMs - peakAtMs > o.nodDropMaxMs) {
        // Still up (or the drop took too long to count): the next drop is measured from here.
        peakPitch = pitchRad >= peakPitch - o.plateauRad && nowMs - peakAtMs <= o.nodDropMaxMs ? Math.max(peakPitch, pitchRad) : pitchRad;
        peakAtMs = nowMs;
        troughPitch = pitchRad;
        troughAtMs = nowMs;
      } else if (pitchRad < troughPitch) {
        troughPitch = pitchRad;
        troughAtMs = nowMs;
      } else {
        const dropped = peakPitch - troughPitch;
        const dropMs = troughAtMs - peakAtMs;
        const recovered = pitchRad - troughPitch;
        const recoverMs = Math.max(1, nowMs - troughAtMs);
        const slowDrop = dropped >= o.nodDropRad && dropMs >= o.nodDropMinMs && dropMs <= o.nodDropMaxMs;
        const jerk = recovered / recoverMs >= o.nodRecoverSpeedRatio * (dropped / Math.max(1, dropMs));
        if (slowDrop && recovered >= Math.max(o.nodRecoverRad, o.nodRecoverFraction * dropped) && recoverMs <= o.nodRecoverMaxMs && jerk) {
          if (nodTimes.length >= NOD_LIMIT) nodTimes.shift();
          nodTimes.push(nowMs);
          peakPitch = troughPitch = pitchRad;
          peakAtMs = troughAtMs = nowMs;
        }
      }
      lastMs = nowMs;
    },
    summary(nowMs) {
      let nods = 0;
      for (const t of nodTimes) if (nowMs - t <= o.memoryMs) nods++;
      const since = Number.isNaN(lastMs) ? Infinity : Math.max(0, nowMs - lastMs);
      const k = Number.isFinite(since) ? decay(since) : 0;
      const covered = coveredMs * k;
      return {
        nods,
        slumpedFraction: covered > 0 ? Math.min(1, (slumpMs * k) / covered) : 0,
        meanSpeedRadPerSec: covered > 0 ? (travelRad * k) / (covered / 1000) : 0,
        coveredMs: covered,
      };
    },
  };
}
