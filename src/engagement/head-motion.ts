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
  /**
   * Samples this far apart or closer still tell a nod's shape. A jerk back that fell between two
   * samples cannot be timed, so it is taken as quick as the samples allow (see `riseMs`): a
   * headset rendering a few frames a second still sees its wearer nod off. Past this gap the
   * shape is unknown and the rise is timed from the trough's sample.
   */
  readonly maxSampleGapMs: number;
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
  maxSampleGapMs: 2000,
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
/** Sample gaps up to this long (20 Hz and faster) time a rise by their whole length. */
const SHORT_GAP_MS = 150;

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

  // Samples part of the way back up from the trough (NaN: none yet).
  let riseFirstMs = NaN;
  let riseLastMs = NaN;

  const decay = (dtMs: number): number => Math.exp(-dtMs / o.memoryMs);

  /**
   * How long the rise from the trough to a sample at `nowMs` took. The rise began somewhere in
   * the gap after the trough's sample and ended somewhere in the gap before this one. Gaps up to
   * SHORT_GAP_MS (a working headset's frames, the 20 Hz pose) count whole: an upper bound, so a
   * sway is not taken for a jerk. Longer gaps (a few frames a second) count half, the middle of
   * what the samples allow, so a jerk back between two frames is still seen as quick. Past
   * maxSampleGapMs a gap proves nothing and counts whole.
   */
  const riseMs = (nowMs: number): number => {
    const rose = !Number.isNaN(riseFirstMs);
    const gaps = [rose ? riseFirstMs - troughAtMs : nowMs - troughAtMs, rose ? nowMs - riseLastMs : 0];
    let ms = rose ? riseLastMs - riseFirstMs : 0;
    for (const gap of gaps) ms += gap > SHORT_GAP_MS && gap <= o.maxSampleGapMs ? gap / 2 : gap;
    return Math.max(1, ms);
  };

  /** Whether `pitchRad` at `nowMs` ends a slow drop with a quick jerk back: a nod. */
  const completesNod = (nowMs: number, pitchRad: number): boolean => {
    const dropped = peakPitch - troughPitch;
    const dropMs = troughAtMs - peakAtMs;
    const recovered = pitchRad - troughPitch;
    if (!(dropped >= o.nodDropRad && dropMs >= o.nodDropMinMs && dropMs <= o.nodDropMaxMs)) return false;
    if (recovered < Math.max(o.nodRecoverRad, o.nodRecoverFraction * dropped)) return false;
    const recoverMs = riseMs(nowMs);
    return recoverMs <= o.nodRecoverMaxMs && recovered / recoverMs >= o.nodRecoverSpeedRatio * (dropped / Math.max(1, dropMs));
  };

  return {
    add(nowMs, pitchRad, yawRad) {
      if (!Number.isFinite(pitchRad) || !Number.isFinite(yawRad)) return;
      if (Number.isNaN(lastMs) || nowMs - lastMs > 5000) {
        // First sample, or after a gap (headset off, tab hidden): start the shapes afresh.
        peakPitch = troughPitch = pitchRad;
        peakAtMs = troughAtMs = nowMs;
        riseFirstMs = NaN;
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
      if (completesNod(nowMs, pitchRad)) {
        if (nodTimes.length >= NOD_LIMIT) nodTimes.shift();
        nodTimes.push(nowMs);
        peakPitch = troughPitch = pitchRad;
        peakAtMs = troughAtMs = nowMs;
        riseFirstMs = NaN;
      } else if (pitchRad >= peakPitch - o.plateauRad || nowMs - peakAtMs > o.nodDropMaxMs) {
        // Still up (or the drop took too long to count): the next drop is measured from here.
        peakPitch = pitchRad >= peakPitch - o.plateauRad && nowMs - peakAtMs <= o.nodDropMaxMs ? Math.max(peakPitch, pitchRad) : pitchRad;
        peakAtMs = nowMs;
        troughPitch = pitchRad;
        troughAtMs = nowMs;
        riseFirstMs = NaN;
      } else if (pitchRad < troughPitch) {
        troughPitch = pitchRad;
        troughAtMs = nowMs;
        riseFirstMs = NaN;
      } else {
        // Part of the way back up: this rise is timed by its samples.
        if (Number.isNaN(riseFirstMs)) riseFirstMs = nowMs;
        riseLastMs = nowMs;
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
