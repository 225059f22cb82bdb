import type { RandomSource } from './random-source';

/** Tuning of automatic blinking. */
export interface BlinkSchedulerOptions {
  /** Uniform random source; inject a seeded one in tests. Default `Math.random`. */
  random?: RandomSource;
  /** Shortest gap between blinks. Default 2 s. */
  minIntervalSec?: number;
  /** Longest gap between blinks. Default 6 s. */
  maxIntervalSec?: number;
  /** Length of one blink, closing and opening. Default 0.15 s. */
  durationSec?: number;
}

/** Decides when the avatar blinks and how closed the eyes are during a blink. */
export interface BlinkScheduler {
  /**
   * Advances time and returns the blink weight 0..1. While `suspended` (eyes already closed by an
   * expression) no new blink starts and the countdown holds; a blink in progress finishes.
   */
  update(deltaSec: number, suspended: boolean): number;
  /** Blinks started so far. */
  readonly blinkCount: number;
  /** Seconds until the next blink starts (0 while blinking). */
  readonly secondsUntilNext: number;
}

/** Fraction of a blink spent closing; the rest is the slower opening. */
const CLOSING_SHARE = 0.4;

/** Blink weight at `phase` (0..1) through a blink: quick close, slower open. */
export function blinkShape(phase: number): number {
  if (phase <= 0 || phase >= 1) return 0;
  return phase < CLOSING_SHARE ? phase / CLOSING_SHARE : 1 - (phase - CLOSING_SHARE) / (1 - CLOSING_SHARE);
}

/** Creates a blink scheduler with randomised intervals in [minIntervalSec, maxIntervalSec]. */
export function createBlinkScheduler(options: BlinkSchedulerOptions = {}): BlinkScheduler {
  const random = options.random ?? Math.random;
  const minSec = options.minIntervalSec ?? 2;
  const maxSec = Math.max(minSec, options.maxIntervalSec ?? 6);
  const durationSec = options.durationSec ?? 0.15;
  const drawInterval = (): number => minSec + (maxSec - minSec) * random();

  let untilNext = drawInterval();
  let blinkElapsed = -1; // < 0: not blinking
  let count = 0;

  return {
    get blinkCount() {
      return count;
    },
    get secondsUntilNext() {
      return blinkElapsed >= 0 ? 0 : untilNext;
    },
    update(deltaSec, suspended) {
      const dt = deltaSec > 0 ? deltaSec : 0;
      if (blinkElapsed >= 0) {
        blinkElapsed += dt;
        if (blinkElapsed < durationSec) return blinkShape(blinkElapsed / durationSec);
        blinkElapsed = -1;
        untilNext = drawInterval();
        return 0;
      }
      if (suspended) return 0;
      untilNext -= dt;
      if (untilNext > 0) return 0;
      blinkElapsed = 0;
      count++;
      return 0;
    },
  };
}
