/**
 * Compares the latency of several ONNX models fairly on a shared machine: one process, WASM
 * backend, 1 thread, a 2 s window, the models' runs interleaved so that background load hits
 * them alike; the input is scripts/bench/signal.ts (as in model.ts). Prints min, p10,
 * median and p90 per model.
 * Usage: npx tsx scripts/bench/model-compare.ts a.onnx b.onnx ...   (RUNS=300 by default)
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { benchFeeds } from './signal';
ort.env.wasm.numThreads = 1;
const paths = process.argv.slice(2);
const sessions = await Promise.all(paths.map((p) => ort.InferenceSession.create(readFileSync(p), { executionProviders: ['wasm'] })));
const feeds = sessions.map((s) => benchFeeds(s, 32000));
const times: number[][] = paths.map(() => []);
for (let r = 0; r < 30; r++) for (let i = 0; i < sessions.length; i++) await sessions[i]!.run(feeds[i]!);
for (let r = 0; r < Number(process.env.RUNS ?? 300); r++) {
  for (let i = 0; i < sessions.length; i++) {
    const t0 = performance.now();
    await sessions[i]!.run(feeds[i]!);
    times[i]!.push(performance.now() - t0);
  }
}
paths.forEach((p, i) => {
  const t = times[i]!.sort((a, b) => a - b);
  console.log(`${p}: min ${t[0]!.toFixed(2)} p10 ${t[Math.floor(t.length * 0.1)]!.toFixed(2)} median ${t[Math.floor(t.length / 2)]!.toFixed(2)} p90 ${t[Math.floor(t.length * 0.9)]!.toFixed(2)} ms`);
});
