/**
 * Web Worker entry: owns onnxruntime-web. The runtime files come from Vite `?url` imports so the
 * threaded WASM build loads its pthread workers from real URLs (without this, threaded WASM hangs
 * forever in InferenceSession.create in a Vite production build).
 */
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import { createClassifierHost } from './worker-host';
import { fetchWithProgress } from '../fetch-progress';
import type { WebGpuProbe } from '../backend-choice';
import type { FromWorker, ToWorker } from './messages';

/** Size of the JSEP .wasm in onnxruntime-web 1.30, for progress when the length is not sent. */
const ORT_WASM_BYTES = 28_000_000;

interface GpuLike {
  requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean } | null>;
}

async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return { available: false, detail: 'no WebGPU in this browser' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { available: false, detail: 'no WebGPU adapter' };
    const info = adapter.info ?? {};
    const software = info.isFallbackAdapter || adapter.isFallbackAdapter || /swiftshader/i.test(`${info.vendor} ${info.architecture}`);
    return software
      ? { available: false, detail: `software WebGPU adapter (${info.architecture || info.vendor || 'fallback'})` }
      : { available: true, detail: `${info.vendor ?? ''} ${info.architecture ?? ''}`.trim() };
  } catch (error) {
    return { available: false, detail: `WebGPU probe failed: ${String(error)}` };
  }
}

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const host = createClassifierHost({
  fetchBytes: fetchWithProgress,
  post: (m) => scope.postMessage(m),
  probeWebGpu,
  runtime: { mjsUrl: new URL(ortMjsUrl, self.location.href).href, wasmUrl: new URL(ortWasmUrl, self.location.href).href, wasmBytes: ORT_WASM_BYTES },
});
// The host queues classifications itself; messages are handled in arrival order.
scope.onmessage = (event) => void host.handle(event.data);
