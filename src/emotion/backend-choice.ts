/**
 * Chooses the execution provider: WebGPU only when a hardware adapter exists and a short
 * start-up measurement shows it faster than WASM; any WebGPU error falls back to WASM.
 */
import type { BackendPreference, EmotionClassifier, InferenceBackend } from './emotion-classifier';
import { samplesFor, type ModelContract } from './model-contract';

/** Result of looking for a WebGPU adapter. */
export interface WebGpuProbe {
  available: boolean;
  /** e.g. "software adapter (swiftshader)" or "no navigator.gpu". */
  detail: string;
}

/** Inputs of {@link decideBackend}. */
export interface BackendChoiceInput {
  preference: BackendPreference;
  contract: ModelContract;
  probe(): Promise<WebGpuProbe>;
  create(backend: InferenceBackend): Promise<EmotionClassifier>;
  onMeasure?(): void;
  /** Timed runs per backend after one warm-up. Default 3. */
  runs?: number;
}

/** The chosen classifier and why. */
export interface BackendChoice {
  classifier: EmotionClassifier;
  reason: string;
  measuredMs: Partial<Record<InferenceBackend, number>>;
}

/** Median run time over `runs` windows after one warm-up, ms. */
export async function measure(classifier: EmotionClassifier, contract: ModelContract, runs: number): Promise<number> {
  const window = new Float32Array(samplesFor(contract, contract.windowMs));
  for (let i = 0; i < window.length; i++) window[i] = 0.05 * Math.sin(i * 0.07) * Math.sin(i * 0.0011);
  await classifier.classify(window);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await classifier.classify(window)).inferenceMs);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Applies the preference; see the module comment. */
export async function decideBackend(input: BackendChoiceInput): Promise<BackendChoice> {
  const { preference, contract } = input;
  const runs = input.runs ?? 3;
  const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
  if (preference === 'wasm') return { classifier: await input.create('wasm'), reason: 'WASM chosen in settings', measuredMs: {} };
  if (preference === 'webgpu') {
    try {
      const gpu = await input.create('webgpu');
      const ms = await measure(gpu, contract, 1);
      return { classifier: gpu, reason: 'WebGPU chosen in settings', measuredMs: { webgpu: ms } };
    } catch (e) {
      return { classifier: await input.create('wasm'), reason: `WebGPU failed (${errorText(e)}); using WASM`, measuredMs: {} };
    }
  }
  const probe = await input.probe();
  const wasm = await input.create('wasm');
  if (!probe.available) return { classifier: wasm, reason: `WASM: ${probe.detail}`, measuredMs: {} };
  input.onMeasure?.();
  const measuredMs: Partial<Record<InferenceBackend, number>> = { wasm: await measure(wasm, contract, runs) };
  try {
    const gpu = await input.create('webgpu');
    measuredMs.webgpu = await measure(gpu, contract, runs);
    if (measuredMs.webgpu < measuredMs.wasm!) return { classifier: gpu, reason: 'WebGPU measured faster', measuredMs };
    await gpu.dispose();
    return { classifier: wasm, reason: 'WASM measured faster', measuredMs };
  } catch (e) {
    return { classifier: wasm, reason: `WebGPU failed (${errorText(e)}); using WASM`, measuredMs };
  }
}
