/**
 * TypeScript twin of training/audio.py (voiced_bounds, window_starts, cut): the evaluation
 * windowing rule, re-implemented so the held-out figures are recomputed without Python.
 */

/** [start, end) samples between the first and last 20 ms frame within thresholdDb of the loudest. */
export function voicedBounds(wave: Float32Array, frameSamples = 320, thresholdDb = -40): [number, number] {
  const nFrames = Math.floor(wave.length / frameSamples);
  if (nFrames === 0) return [0, wave.length];
  const rms = new Float64Array(nFrames);
  let peak = 0;
  for (let f = 0; f < nFrames; f++) {
    let sum = 0;
    for (let i = f * frameSamples; i < (f + 1) * frameSamples; i++) {
      const v = wave[i] ?? 0;
      sum += v * v;
    }
    const r = Math.sqrt(sum / frameSamples);
    rms[f] = r;
    peak = Math.max(peak, r);
  }
  if (peak <= 0) return [0, wave.length];
  const threshold = peak * 10 ** (thresholdDb / 20);
  let first = -1;
  let last = -1;
  for (let f = 0; f < nFrames; f++) {
    if ((rms[f] ?? 0) >= threshold) {
      if (first < 0) first = f;
      last = f;
    }
  }
  return [first * frameSamples, (last + 1) * frameSamples];
}

/** Window starts over the voiced span; see training/audio.py window_starts for the rule. */
export function windowStarts(n: number, start: number, end: number, window: number, hop: number): number[] {
  if (n <= window) return [0];
  if (end - start <= window) {
    const centre = Math.floor((start + end) / 2);
    return [Math.min(Math.max(centre - Math.floor(window / 2), 0), n - window)];
  }
  const starts: number[] = [];
  for (let s = start; s <= end - window; s += hop) starts.push(s);
  const last = starts[starts.length - 1] ?? start;
  if (last + window < end) starts.push(end - window);
  return starts;
}

/** wave[begin, begin + window), zero-padded at the end to at least minSamples. */
export function cutWindow(wave: Float32Array, begin: number, window: number, minSamples: number): Float32Array {
  const seg = wave.subarray(begin, Math.min(wave.length, begin + window));
  if (seg.length >= minSamples) return seg.slice();
  const out = new Float32Array(minSamples);
  out.set(seg);
  return out;
}
