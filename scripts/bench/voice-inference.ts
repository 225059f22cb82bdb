/**
 * Inference per 2 s window in Chromium's worker (WASM 1 and 2 threads; WebGPU on SwiftShader
 * for parity only), and the main-thread time the voice pipeline costs per animation frame.
 * Run: npx tsx scripts/bench/voice-inference.ts
 */
import { espeakFakeMic } from '../../tests/harness/voice-audio';
import { fmt, joinWithVoice, startBench } from './voice-common';
import { describeBackend } from '../../src/ui/voice-text';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const wav = espeakFakeMic('This is a sentence for measuring the voice pipeline, spoken at an even pace.', 1.5);

/** WASM probabilities of the fixed diagnostic windows, for the WebGPU parity line. */
let wasmReference: number[][] = [];

async function inference(threads: number): Promise<void> {
  const bench = await startBench(wav);
  try {
    const page = await bench.browser.newPage(`wasm-${threads}`);
    const ready = await joinWithVoice(page, bench.server.url, `Bench${threads}`, `&ortBackend=wasm&ortThreads=${threads}`);
    await page.evaluate(() => window.__emotone!.voice!.measureInference(3)); // warm-up
    const runs = await page.evaluate((n) => window.__emotone!.voice!.measureInference(n), RUNS);
    wasmReference = runs.slice(0, 3).map((r) => r.probabilities);
    console.log(fmt(`IN THE RUNNING APP (Chromium worker while the space renders with software GL on the same cores), ${describeBackend(ready.status).split(' (')[0]}, 2 s window`, runs.map((r) => r.inferenceMs)));
    if (threads === 2) await mainThread(page);
  } finally {
    await bench.close();
  }
}

/** Pipeline main-thread time (its timer ticks and result handling) divided by animation frames. */
async function mainThread(page: import('playwright-core').Page): Promise<void> {
  const seconds = 15;
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  const r = (await page.evaluate(`(async () => {
    const v = window.__emotone.voice;
    const before = { ms: v.stats.mainThreadMs, ticks: v.stats.ticks, inf: v.stats.inferenceMs.length };
    let frames = 0;
    let running = true;
    const loop = () => { frames++; if (running) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
    await new Promise((resolve) => setTimeout(resolve, ${seconds * 1000}));
    running = false;
    return { ms: v.stats.mainThreadMs - before.ms, ticks: v.stats.ticks - before.ticks, inf: v.stats.inferenceMs.length - before.inf, frames };
  })()`)) as { ms: number; ticks: number; inf: number; frames: number };
  const perSecond = r.ms / seconds;
  console.log(
    `main thread, voice pipeline: ${perSecond.toFixed(2)} ms per second = ${(perSecond / 90).toFixed(3)} ms per frame at 90 Hz ` +
      `(${(r.ms / Math.max(1, r.frames)).toFixed(3)} ms per frame actually drawn here: ${r.frames} frames in ${seconds} s of software GL; ` +
      `${r.ticks} ticks, ${r.inf} windows classified meanwhile; audio work runs in the AudioWorklet, inference in the worker)`,
  );
}

async function webgpu(): Promise<void> {
  const bench = await startBench(wav, ['--enable-unsafe-webgpu']);
  try {
    const page = await bench.browser.newPage('webgpu');
    const ready = await joinWithVoice(page, bench.server.url, 'BenchGpu', '&ortBackend=webgpu');
    const runs = await page.evaluate(() => window.__emotone!.voice!.measureInference(3));
    console.log(fmt(`IN THE RUNNING APP, Chromium worker, ${describeBackend(ready.status).split(' (')[0]} on SwiftShader (CPU-emulated: parity only, not a speed figure)`, runs.map((r) => r.inferenceMs), 0));
    const diff = Math.max(...runs.flatMap((r, i) => r.probabilities.map((p, j) => Math.abs(p - (wasmReference[i]?.[j] ?? NaN)))));
    console.log(`WebGPU vs WASM parity on the same 3 windows: max |Δprobability| = ${diff.toExponential(2)}`);
  } finally {
    await bench.close();
  }
}

await inference(1);
await inference(2);
if (!process.env.BENCH_SKIP_WEBGPU) await webgpu();
