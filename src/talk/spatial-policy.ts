/**
 * How heard voices are placed in space: the panners' distance model, and when to trade HRTF
 * panning for the cheaper equal-power panning. Pure values and functions, tested on arrays.
 */
import { HEARING } from './hearing-policy';

/** Panning of every voice: HRTF (sounds outside the head, front/back cues) or equal-power (cheap). */
export const SpatialQuality = { hrtf: 'hrtf', equalpower: 'equalpower' } as const;
/** One of {@link SpatialQuality}'s values. */
export type SpatialQuality = (typeof SpatialQuality)[keyof typeof SpatialQuality];

/** The PannerNode `panningModel` of a quality (Web Audio spells HRTF in capitals). */
export function panningModelOf(quality: SpatialQuality): PanningModelType {
  return quality === SpatialQuality.hrtf ? 'HRTF' : 'equalpower';
}

/** A PannerNode distance model. */
export interface VoiceDistanceModel {
  readonly distanceModel: 'inverse';
  readonly refDistanceM: number;
  readonly rolloffFactor: number;
  /** Unused by the inverse model (spec and Blink); set so that no stray default reads oddly in a debugger. */
  readonly maxDistanceM: number;
}

/**
 * Inverse law, 1 m reference, rolloff 1 (Hubs' avatar defaults): the free-field fall of 6 dB per
 * doubling, which never reaches silence, so who is heard at all stays the hearing policy's
 * decision (connections within 12 m) rather than the panner's. In the lounge a neighbour at the
 * table (1.3 m) plays at 0.77, across the table (3.4 m) at 0.29 and across the room (12 m) at
 * 1/12. Taken from HEARING, so the voice mix ranks voices by the gain they are played with; its
 * `distanceGain` is the formula the panners apply.
 */
export const VOICE_DISTANCE: VoiceDistanceModel = Object.freeze({
  distanceModel: 'inverse',
  refDistanceM: HEARING.refDistanceM,
  rolloffFactor: HEARING.rolloffFactor,
  maxDistanceM: HEARING.dropRangeM,
});

/** Tunables of {@link chooseQuality}. */
export interface QualityPolicy {
  /** The display's frame period (ms); Quest's default 72 Hz. */
  readonly frameBudgetMs: number;
  /** A frame is late when its interval exceeds the budget by this factor (a missed refresh). */
  readonly lateFactor: number;
  /** Fall back to equal-power when at least this share of frames is late… */
  readonly degradeAtLateShare: number;
  /** …and return to HRTF only when fewer than this share are: the gap is the hysteresis. */
  readonly recoverBelowLateShare: number;
  /** Decide nothing on fewer frames than this (a ring that is still filling). */
  readonly minFrames: number;
}

/**
 * Defaults: 72 Hz, late past 1.5 periods. One frame in ten missed is a visible stutter worth the
 * HRTF's cost (about 0.7 % of an x86 core per panner, ENGINEERING_NOTES); HRTF comes back once fewer
 * than 2 % are late over a full window, so a single loading hitch neither drops nor restores it.
 */
export const QUALITY_POLICY: QualityPolicy = Object.freeze({
  frameBudgetMs: 1000 / 72,
  lateFactor: 1.5,
  degradeAtLateShare: 0.1,
  recoverBelowLateShare: 0.02,
  minFrames: 120,
});

/**
 * The panning quality for recent frame intervals (ms), given the one in use. Entries that are
 * not positive are skipped, so a frame-interval ring that is still filling can be passed as is.
 * Allocates nothing.
 */
export function chooseQuality(
  frameTimesMs: ArrayLike<number>,
  current: SpatialQuality = SpatialQuality.hrtf,
  policy: QualityPolicy = QUALITY_POLICY,
): SpatialQuality {
  const lateMs = policy.frameBudgetMs * policy.lateFactor;
  let frames = 0;
  let late = 0;
  for (let i = 0; i < frameTimesMs.length; i++) {
    const ms = frameTimesMs[i]!;
    if (!(ms > 0)) continue;
    frames++;
    if (ms > lateMs) late++;
  }
  if (frames < policy.minFrames) return current;
  const share = late / frames;
  if (current === SpatialQuality.hrtf) return share >= policy.degradeAtLateShare ? SpatialQuality.equalpower : current;
  return share < policy.recoverBelowLateShare ? SpatialQuality.hrtf : current;
}
