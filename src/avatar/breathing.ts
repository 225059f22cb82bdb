/**
 * Breathing idle: small, slow rotations of spine and chest, plus a faint shoulder lift.
 * Pure functions of time so they are cheap and testable; the controller applies them to bones.
 */

/** Breaths per second at rest (~14 per minute). */
export const BREATHS_PER_SEC = 0.23;
/** Peak chest pitch of a breath, radians (about 1.4°). */
export const BREATH_CHEST_RAD = 0.025;

/** Breath phase −1..1 at `timeSec`, offset so avatars created together do not breathe in sync. */
export function breathWave(timeSec: number, phaseOffset = 0): number {
  return Math.sin(2 * Math.PI * (timeSec * BREATHS_PER_SEC + phaseOffset));
}

/** Pose of one breathing frame, written in place by {@link breathingPose}. */
export interface BreathingPose {
  /** Pitch of the chest bone (negative leans back, lifting the chest). */
  chestPitchRad: number;
  /** Pitch of the spine bone. */
  spinePitchRad: number;
  /** Roll added to each upper arm, lifting the shoulders slightly on the in-breath. */
  shoulderLiftRad: number;
}

/** Writes the breathing pose at `timeSec` into `out`; `energy` 0..1 deepens breaths a little. */
export function breathingPose(timeSec: number, phaseOffset: number, energy: number, out: BreathingPose): BreathingPose {
  const wave = breathWave(timeSec, phaseOffset);
  const depth = 1 + 0.5 * (energy > 0 ? Math.min(1, energy) : 0);
  out.chestPitchRad = -BREATH_CHEST_RAD * depth * wave;
  out.spinePitchRad = -0.4 * BREATH_CHEST_RAD * depth * wave;
  out.shoulderLiftRad = 0.012 * depth * wave;
  return out;
}

/** Upper arms hang this far down from the T-pose rest (radians about the forward axis). */
export const ARMS_DOWN_RAD = 1.2;
/** Elbows bend forward this far at rest, so arms do not look stiff. */
export const ELBOW_BEND_RAD = 0.25;
