// `npm run bench`: prints the voice pipeline's figures (not a test; nothing here passes or fails).
// Each step is a separate process so one failing step still lets the others print.
import { spawnSync } from 'node:child_process';

const steps = [
  ['inference per window in Chromium (WASM 1 and 2 threads, WebGPU parity) + main-thread cost', ['tsx', 'scripts/bench/voice-inference.ts']],
  ['latency: emotional clip in the fake microphone → label in the spectator', ['tsx', 'scripts/bench/voice-latency.ts']],
  ['voice activity detector on held-out speech in noise', ['tsx', 'scripts/bench/vad.ts']],
];
const only = process.argv[2];
let failed = 0;
for (const [name, args] of steps) {
  if (only && !args[1].includes(only)) continue;
  console.log(`\n=== ${name} ===`);
  const { status } = spawnSync('npx', args, { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
