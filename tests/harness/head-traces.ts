/**
 * Synthetic head traces (pitch and yaw over time) for the drowsiness estimator's tests, its
 * calibration and the engagement simulator. Deterministic for a given seed.
 */
import { createSeededRandom } from '../fixtures/seeded-random';

/** A head sample: time and pitch/yaw in radians (pitch < 0 looks down). */
export interface HeadSample {
  readonly atMs: number;
  readonly pitchRad: number;
  readonly yawRad: number;
}

/** The kinds of wearer a trace can play. */
export type HeadPattern =
  /** Small natural movement, glances around, now and then toward a speaker. */
  | 'awake'
  /** Holds the head almost still, slightly down (reading, listening without looking). */
  | 'still'
  /** Turns toward the speaker at `speakerYawRad` and follows them. */
  | 'listening'
  /** Nods off: a slow forward drop over 2–5 s, a jerk back within 0.3 s, every 20–40 s. */
  | 'nodding'
  /** Restless: quick large movements without the slow-drop-and-jerk pattern. */
  | 'restless';

/** Generates `durationMs` of samples at `rateHz` starting at `startMs`. */
export function headTrace(pattern: HeadPattern, startMs: number, durationMs: number, options: { rateHz?: number; seed?: number; speakerYawRad?: number } = {}): HeadSample[] {
  const rateHz = options.rateHz ?? 10;
  const random = createSeededRandom(options.seed ?? 1);
  const stepMs = 1000 / rateHz;
  const out: HeadSample[] = [];
  let nextNodMs = startMs + 5000 + random() * 10_000;
  let nod: { fromMs: number; dropMs: number; depth: number } | null = null;
  let glanceYaw = 0;
  let glanceUntilMs = 0;
  for (let t = startMs; t < startMs + durationMs; t += stepMs) {
    const s = (t - startMs) / 1000;
    const jitter = (random() - 0.5) * 0.01;
    let pitch = 0;
    let yaw = 0;
    switch (pattern) {
      case 'awake':
        if (t > glanceUntilMs) {
          glanceYaw = (random() - 0.5) * 1.2;
          glanceUntilMs = t + 1500 + random() * 4000;
        }
        pitch = -0.1 + 0.08 * Math.sin(s * 0.7) + jitter * 4;
        yaw = glanceYaw + 0.05 * Math.sin(s * 1.3);
        break;
      case 'still':
        pitch = -0.2 + jitter * 0.3;
        yaw = 0.02 + jitter * 0.3;
        break;
      case 'listening':
        pitch = -0.05 + 0.03 * Math.sin(s * 0.5) + jitter;
        yaw = (options.speakerYawRad ?? 0.6) + 0.04 * Math.sin(s * 0.9) + jitter;
        break;
      case 'restless':
        pitch = -0.1 + 0.25 * Math.sin(s * 2.1) * Math.sin(s * 0.37) + jitter * 4;
        yaw = 0.6 * Math.sin(s * 1.7) + jitter * 4;
        break;
      case 'nodding': {
        if (!nod && t >= nextNodMs) nod = { fromMs: t, dropMs: 2000 + random() * 3000, depth: 0.45 + random() * 0.2 };
        pitch = -0.15 + jitter;
        if (nod) {
          const into = t - nod.fromMs;
          if (into < nod.dropMs) pitch -= nod.depth * (into / nod.dropMs);
          else if (into < nod.dropMs + 300) pitch -= nod.depth * (1 - (into - nod.dropMs) / 300);
          else {
            nod = null;
            nextNodMs = t + 20_000 + random() * 20_000;
          }
        }
        yaw = 0.03 * Math.sin(s * 0.2) + jitter;
        break;
      }
    }
    out.push({ atMs: t, pitchRad: pitch, yawRad: yaw });
  }
  return out;
}
