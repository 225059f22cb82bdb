/**
 * Prints latency of the emotion model in onnxruntime-web (WASM backend under Node):
 * per 1 s and 2 s window, median and p90, for 1 and 2 threads; plus model size and load time.
 * Usage: npm run bench:model [-- path/to/model.onnx]
 */
import { readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { benchFeeds } from './signal';

const modelPath = resolve(process.argv[2] ?? 'models/emotion.onnx');
const sampleRateHz = 16000;
const warmupRuns = 20;
const timedRuns = Number(process.env.EMOTONE_BENCH_RUNS ?? 100);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function benchThreads(bytes: Uint8Array, numThreads: number): Promise<void> {
  ort.env.wasm.numThreads = numThreads;
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const loadMs = performance.now() - t0;
  console.log(`threads=${numThreads}  session load ${loadMs.toFixed(1)} ms`);
  const feedsFor = (windowMs: number) => benchFeeds(session, (sampleRateHz * windowMs) / 1000);
  // Warm up every shape first: the first runs of a new input shape allocate and plan.
  for (const windowMs of [1000, 2000]) {
    for (let i = 0; i < warmupRuns; i++) await session.run(feedsFor(windowMs));
  }
  for (const windowMs of [1000, 2000]) {
    const feeds = feedsFor(windowMs);
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < timedRuns; i++) {
      const t = performance.now();
      await session.run(feeds);
      times.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    // CPU time per run is less disturbed by other processes than wall time on a busy machine.
    const cpuMs = (cpu.user + cpu.system) / 1000 / timedRuns;
    console.log(`  ${windowMs / 1000} s window: median ${quantile(times, 0.5).toFixed(2)} ms, ` +
      `p90 ${quantile(times, 0.9).toFixed(2)} ms, process CPU ${cpuMs.toFixed(2)} ms/run (${timedRuns} runs)`);
  }
  await session.release();
}

async function main(): Promise<void> {
  const bytes = new Uint8Array(readFileSync(modelPath));
  const size = statSync(modelPath).size;
  console.log(`model ${modelPath}: ${(size / 1e6).toFixed(3)} MB (${size} bytes)`);
  console.log(`IN NODE (no browser, nothing rendering): onnxruntime-web ${ort.env.versions.web}, backend wasm, node ${process.version}; the app's own figure is \`npm run bench\` (inference inside the running app)`);
  // Timings on a shared machine depend on what else runs: print the load so figures can be judged.
  console.log(`${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  // ORT fixes the WASM thread pool size at first initialisation, so each thread count
  // runs in its own child process when both are requested.
  const only = process.env.EMOTONE_BENCH_THREADS;
  if (only) {
    await benchThreads(bytes, Number(only));
    return;
  }
  const { execFileSync } = await import('node:child_process');
  const script = process.argv[1] ?? 'scripts/bench/model.ts';
  for (const threads of [1, 2]) {
    const out = execFileSync(process.execPath, [...process.execArgv, script, modelPath], {
      env: { ...process.env, EMOTONE_BENCH_THREADS: String(threads) },
      encoding: 'utf8',
    });
    process.stdout.write(out.split('\n').filter((l) => !l.startsWith('model ') && !l.startsWith('onnxruntime-web') && !l.includes('load average')).join('\n'));
  }
}

await main();
