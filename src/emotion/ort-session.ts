/**
 * The app's only onnxruntime-web import: configures the runtime, wraps one InferenceSession as an
 * {@link EmotionClassifier} and Silero VAD as a {@link SpeechProbabilityModel}. Runs in the
 * classifier worker in browsers, in Node in tests.
 */
import * as ort from 'onnxruntime-web';
import type { EmotionClassifier, EmotionScores, InferenceBackend, RunQueue } from './emotion-classifier';
import type { ModelContract } from './model-contract';
import type { SpeechProbabilityModel } from './vad/speech-model';

/** Runtime settings, applied once before the first session. */
export interface OrtRuntimeOptions {
  /** URLs of ort-wasm-simd-threaded.jsep.{mjs,wasm} (from Vite `?url` imports in the browser). */
  wasmPaths?: { mjs: string; wasm?: string };
  /** The .wasm bytes, when fetched ahead with progress. */
  wasmBinary?: ArrayBuffer;
  /** WASM threads; 0 lets ORT choose (it picks min(4, cores/2)). */
  numThreads?: number;
}

/** Applies runtime settings to the process-wide ORT environment (ORT itself is global). */
export function configureOrt(options: OrtRuntimeOptions): void {
  ort.env.wasm.proxy = false; // we are already off the main thread
  if (options.numThreads !== undefined && options.numThreads > 0) ort.env.wasm.numThreads = options.numThreads;
  if (options.wasmPaths) ort.env.wasm.wasmPaths = options.wasmPaths;
  if (options.wasmBinary) ort.env.wasm.wasmBinary = options.wasmBinary;
  ort.env.logLevel = 'error';
}

/** The thread count ORT ended up with (after its own defaults). */
export function ortThreads(): number {
  return Number(ort.env.wasm.numThreads ?? 1);
}

/**
 * Creates a classifier on one backend. Pass the same `queue` to every session of a worker:
 * the WebGPU EP rejects overlapping runs even across sessions.
 */
export async function createOrtClassifier(
  model: Uint8Array,
  contract: ModelContract,
  backend: InferenceBackend,
  queue: RunQueue,
): Promise<EmotionClassifier> {
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
    // Errors only: on WebGPU, ORT otherwise warns on every load that it keeps the 2-D
    // network's shape ops (Shape/Slice before a Reshape) on the CPU, as it should.
    logSeverityLevel: 3,
  });
  const n = contract.labels.length;
  const sp = contract.speakerProfile;
  const run = async (samples: Float32Array, profile?: Float32Array): Promise<EmotionScores> => {
    const feeds: Record<string, ort.Tensor> = { [contract.inputName]: new ort.Tensor('float32', samples, [1, samples.length]) };
    if (sp) {
      const p = profile ?? sp.initial;
      if (p.length !== sp.size) throw new Error(`speaker profile has ${p.length} values, the model wants ${sp.size}`);
      feeds[sp.inputName] = new ort.Tensor('float32', p, [1, sp.size]);
    }
    const started = performance.now();
    const outputs = await session.run(feeds);
    const inferenceMs = performance.now() - started;
    const probs = outputs[contract.probabilitiesOutput];
    if (!probs || probs.dims[1] !== n) throw new Error(`model output ${contract.probabilitiesOutput} does not match ${n} labels`);
    const probabilities = Float32Array.from((await probs.getData()) as Float32Array);
    let arousal = 0;
    let valence = 0;
    const av = contract.arousalValenceOutput ? outputs[contract.arousalValenceOutput] : undefined;
    if (av) {
      const data = (await av.getData()) as Float32Array;
      arousal = data[0] ?? 0;
      valence = data[1] ?? 0;
    }
    const bands = sp ? outputs[sp.outputName] : undefined;
    const bandMeans = bands ? Float32Array.from((await bands.getData()) as Float32Array) : null;
    for (const t of Object.values(outputs)) t.dispose();
    return { probabilities, arousal, valence, inferenceMs, backend, bandMeans };
  };
  return {
    labels: contract.labels,
    backend,
    classify: (samples, profile) => queue(() => run(samples, profile)),
    dispose: () => queue(() => session.release()),
  };
}

/** Silero VAD v5's frame and the tail of the previous frame it sees with it. */
const SILERO_FRAME = 512;
const SILERO_CONTEXT = 64;

/**
 * Wraps the Silero VAD v5 ONNX model (as shipped in @ricky0123/vad-web) as a
 * {@link SpeechProbabilityModel} on WASM: inputs `input` [1, 64 + 512], `state` [2, 1, 128] and
 * `sr` (int64, 16000); outputs `output` [1, 1] and `stateN`. Queue its calls with the worker's
 * other runs; it does not queue them itself.
 */
export async function createOrtSileroModel(model: Uint8Array): Promise<SpeechProbabilityModel> {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: 3 });
  const sr = new ort.Tensor('int64', BigInt64Array.from([16000n]), []);
  const input = new Float32Array(SILERO_CONTEXT + SILERO_FRAME);
  const zeroState = () => new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
  let state = zeroState();
  return {
    frameSamples: SILERO_FRAME,
    sampleRateHz: 16000,
    async probability(frame) {
      if (frame.length !== SILERO_FRAME) throw new Error(`Silero takes ${SILERO_FRAME}-sample frames, not ${frame.length}`);
      input.copyWithin(0, SILERO_FRAME); // the previous frame's last 64 samples become the context
      input.set(frame, SILERO_CONTEXT);
      const out = await session.run({ input: new ort.Tensor('float32', input, [1, input.length]), state, sr });
      const next = out.stateN;
      const p = out.output;
      if (!next || !p) throw new Error('the Silero model lacks its output or stateN output');
      state.dispose();
      state = next as ort.TypedTensor<'float32'>;
      const probability = ((await p.getData()) as Float32Array)[0] ?? 0;
      p.dispose();
      return probability;
    },
    reset() {
      state.dispose();
      state = zeroState();
      input.fill(0);
    },
    dispose: () => session.release(),
  };
}
