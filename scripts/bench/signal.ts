import * as ort from 'onnxruntime-web';
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

/**
 * Feeds for one run of `session` on `samples` of the bench signal: the waveform, plus a zero
 * speaker profile of the declared size for a model that takes one (timing does not depend on
 * its values).
 */
export function benchFeeds(session: ort.InferenceSession, samples: number): Record<string, ort.Tensor> {
  const wave = session.inputNames[0];
  const feeds: Record<string, ort.Tensor> = { [wave ?? 'waveform']: new ort.Tensor('float32', benchSignal(samples), [1, samples]) };
  for (const meta of session.inputMetadata.slice(1)) {
    const size = meta.isTensor ? Number(meta.shape[1]) : NaN;
    if (!Number.isInteger(size) || size <= 0) throw new Error(`input ${meta.name} has no fixed size to fill`);
    feeds[meta.name] = new ort.Tensor('float32', new Float32Array(size), [1, size]);
  }
  return feeds;
}
