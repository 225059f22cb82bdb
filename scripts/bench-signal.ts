/** The benchmarks' input: deterministic speech-like audio (a vibrato tone with noise, amplitude ~0.3). */
export function benchSignal(samples: number, sampleRateHz = 16000): Float32Array {
  const out = new Float32Array(samples);
  let seed = 12345;
  for (let i = 0; i < samples; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const t = i / sampleRateHz;
    out[i] = 0.3 * Math.sin(2 * Math.PI * (150 + 20 * Math.sin(6 * t)) * t) + 0.02 * (seed / 2 ** 32 - 0.5);
  }
  return out;
}
