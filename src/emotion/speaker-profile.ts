/**
 * The wearer's speaker profile: the running mean of the model's `band_means` output (the mean
 * log-mel spectrum of each analysed window) over their speech, pulled towards the contract's
 * initial profile until enough speech has been heard. Models that use it subtract it from
 * every window, so they judge how this window differs from this person's usual voice.
 * The profile is a 64-number spectral average: it stays on the device like the audio.
 */
import type { SpeakerProfileSpec } from './model-contract';

/** Running speaker profile; see the module comment. */
export interface SpeakerProfile {
  /** The profile to feed with the next window (a fresh copy). */
  current(): Float32Array;
  /** Adds one analysed window's band means. */
  add(bandMeans: Float32Array): void;
  /** Windows heard so far. */
  readonly windows: number;
}

/** Creates an empty profile: `current()` is the initial profile until windows are added. */
export function createSpeakerProfile(spec: SpeakerProfileSpec): SpeakerProfile {
  const sum = new Float64Array(spec.size);
  let windows = 0;
  return {
    current() {
      const out = new Float32Array(spec.size);
      const denominator = spec.priorWindows + windows;
      for (let i = 0; i < spec.size; i++) out[i] = (spec.priorWindows * (spec.initial[i] ?? 0) + (sum[i] ?? 0)) / denominator;
      return out;
    },
    add(bandMeans) {
      if (bandMeans.length !== spec.size) throw new Error(`band means have ${bandMeans.length} values, the profile ${spec.size}`);
      for (let i = 0; i < spec.size; i++) {
        const v = bandMeans[i] ?? NaN;
        if (!Number.isFinite(v)) return; // a broken window must not poison every later one
      }
      for (let i = 0; i < spec.size; i++) sum[i] = (sum[i] ?? 0) + (bandMeans[i] ?? 0);
      windows++;
    },
    get windows() {
      return windows;
    },
  };
}
