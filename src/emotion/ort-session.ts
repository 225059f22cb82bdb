/**
 * The app's only onnxruntime-web import: configures the runtime and wraps one InferenceSession
 * as an {@link EmotionClassifier}. Runs in the classifier worker in browsers, in Node in tests.
 */
import * as ort from 'onnxruntime-web';
import { createRunQueue, type EmotionClassifier, type EmotionScores, type InferenceBackend } from './emotion-classifier';
import type { ModelContract } from './model-contract';

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

/** A run queue from {@link createRunQueue}. */
export type RunQueue = ReturnType<typeof createRunQueue>;

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
