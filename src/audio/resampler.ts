/**
 * Streaming polyphase windowed-sinc resampler (Kaiser window), for any rational rate ratio.
 * Pure: no I/O, no Web Audio. Runs inside the AudioWorklet, so `process` allocates nothing.
 */

/** Options for {@link createResampler}. */
export interface ResamplerOptions {
  inputRateHz: number;
  outputRateHz: number;
  /** Stop-band attenuation in dB (Kaiser design). Default 80. */
  attenuationDb?: number;
  /** Transition band width as a fraction of the lower Nyquist frequency. Default 0.1 (7.2–8 kHz at 16 kHz). */
  transitionFraction?: number;
  /** Largest input block `process` accepts in one call without chunking. Default 4096. */
  maxBlock?: number;
}

/** A stateful resampler: feed consecutive blocks, receive resampled blocks. */
export interface Resampler {
  readonly inputRateHz: number;
  readonly outputRateHz: number;
  /** Filter taps per output sample. */
  readonly tapsPerPhase: number;
  /** Group delay in whole output samples: output n is the input signal at time (n − delay) / outputRateHz. */
  readonly delayOutputSamples: number;
  /** Upper bound on the samples `process` writes for an input of `inputLength`. */
  maxOutputFor(inputLength: number): number;
  /** Resamples `input` (length n) into `output`; returns how many samples it wrote. */
  process(input: Float32Array, output: Float32Array, inputLength?: number): number;
  /** Forgets the history (e.g. after a device change). */
  reset(): void;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Zeroth-order modified Bessel function of the first kind (series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

/** Kaiser β for a stop-band attenuation (Kaiser's empirical formula). */
function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/** Filter coefficients laid out phase-major: coef[p * taps + k] multiplies x[i - k] for phase p. */
function designPolyphase(up: number, down: number, attenuationDb: number, transitionFraction: number) {
  // Frequencies as a fraction of the upsampled rate (up × input rate).
  const nyquistFraction = 0.5 / Math.max(up, down);
  // The transition band ends at the lower Nyquist, so nothing above it folds back (no aliasing).
  const transition = nyquistFraction * transitionFraction;
  const cutoff = nyquistFraction - transition / 2;
  const length = Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
  const taps = Math.ceil(length / up);
  const total = taps * up;
  const beta = kaiserBeta(attenuationDb);
  const windowCentre = (total - 1) / 2;
  // An integer centre (at the upsampled rate) lets the output start exactly on it: see `nextTime`.
  const centre = Math.floor(windowCentre);
  const i0Beta = besselI0(beta);
  const coef = new Float32Array(total);
  for (let j = 0; j < total; j++) {
    const t = j - centre;
    const sinc = t === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
    const r = (j - windowCentre) / windowCentre;
    const window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
    // Gain `up` restores the amplitude lost by zero-stuffing.
    const value = sinc * window * up;
    coef[(j % up) * taps + Math.floor(j / up)] = value;
  }
  return { coef, taps, centre };
}

/** Creates a resampler from `inputRateHz` to `outputRateHz` (both integers). */
export function createResampler(options: ResamplerOptions): Resampler {
  const { inputRateHz, outputRateHz } = options;
  if (!Number.isInteger(inputRateHz) || !Number.isInteger(outputRateHz) || inputRateHz <= 0 || outputRateHz <= 0) {
    throw new Error(`sample rates must be positive integers, got ${inputRateHz} → ${outputRateHz}`);
  }
  const g = gcd(inputRateHz, outputRateHz);
  const up = outputRateHz / g;
  const down = inputRateHz / g;
  if (up > 4096) throw new Error(`rate ratio ${outputRateHz}/${inputRateHz} needs ${up} phases; too many`);
  const { coef, taps, centre } = designPolyphase(
    up,
    down,
    options.attenuationDb ?? 80,
    options.transitionFraction ?? 0.1,
  );
  const maxBlock = options.maxBlock ?? 4096;
  const history = taps - 1;
  const work = new Float32Array(history + maxBlock);
  // Time of the next output sample, in 1/up input samples, relative to the current block's first sample.
  // Starting at centre mod down makes the delay a whole number of output samples (exact alignment).
  const startTime = centre % down;
  const delayOutputSamples = (centre - startTime) / down;
  let nextTime = startTime;

  function processChunk(input: Float32Array, start: number, n: number, output: Float32Array, written: number): number {
    for (let j = 0; j < n; j++) work[history + j] = input[start + j]!; // no subarray view: nothing allocated
    const limit = n * up;
    let out = written;
    while (nextTime < limit && out < output.length) {
      const i = Math.floor(nextTime / up);
      const phase = nextTime - i * up;
      const base = phase * taps;
      const newest = i + history;
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += coef[base + k]! * work[newest - k]!;
      output[out++] = acc;
      nextTime += down;
    }
    nextTime -= limit;
    work.copyWithin(0, n, n + history);
    return out;
  }

  return {
    inputRateHz,
    outputRateHz,
    tapsPerPhase: taps,
    delayOutputSamples,
    maxOutputFor: (inputLength) => Math.ceil((inputLength * up) / down) + 1,
    process(input, output, inputLength = input.length) {
      let written = 0;
      for (let start = 0; start < inputLength; start += maxBlock) {
        written = processChunk(input, start, Math.min(maxBlock, inputLength - start), output, written);
      }
      return written;
    },
    reset() {
      work.fill(0);
      nextTime = startTime;
    },
  };
}
