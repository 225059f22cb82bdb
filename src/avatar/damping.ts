/**
 * Frame-rate independent exponential smoothing. After `t` seconds a damped value has covered
 * `1 - exp(-t / timeConstantSec)` of the way to its target, whatever the frame rate.
 */

/** Expression time constant: 95 % of a step is reached after 3 τ = 240 ms. */
export const EXPRESSION_TIME_CONSTANT_SEC = 0.08;

/** Fraction of the remaining distance covered in `deltaSec` (0 for no time, 1 for τ = 0). */
export function dampFactor(deltaSec: number, timeConstantSec: number): number {
  if (!(deltaSec > 0)) return 0;
  if (!(timeConstantSec > 0)) return 1;
  return 1 - Math.exp(-deltaSec / timeConstantSec);
}

/** Moves `current` toward `target` by the exponential step for `deltaSec`. */
export function damp(current: number, target: number, deltaSec: number, timeConstantSec: number): number {
  return current + (target - current) * dampFactor(deltaSec, timeConstantSec);
}

/** Time to cover `fraction` (0..1) of a step: τ·ln(1 / (1 − fraction)). */
export function settleTimeSec(fraction: number, timeConstantSec: number): number {
  return timeConstantSec * Math.log(1 / (1 - fraction));
}
