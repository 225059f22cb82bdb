// `npm test`: every suite, in the order that fails fastest. Runs all steps and reports each.
// The Python pipeline's tests (one core, mostly torch) run beside the TypeScript checks, which
// leave the second core idle for much of their time; their output is printed when they finish.
// The browser tests run on their own, after the rest: the cluster and load tests would otherwise
// share the cores with the browsers, and timing-sensitive browser cases would pay for it.
import { spawn } from 'node:child_process';

const serial = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['production build (for browser tests)', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['vitest (unit, model, server)', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'model', '--project', 'server']],
];
const beside = ['python (training pipeline)', 'node', ['scripts/test-python.mjs']];
const last = ['vitest (e2e: real Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']];

/** Runs one step; `quiet` collects its output and prints it in one piece at the end. */
function run([name, cmd, args], quiet = false) {
  const started = Date.now();
  if (!quiet) console.log(`\n=== ${name} ===`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const chunks = [];
    if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on('data', (c) => chunks.push(c));
    child.on('close', (status) => {
      const seconds = (Date.now() - started) / 1000;
      if (quiet) console.log(`\n=== ${name} (ran beside the steps above, ${seconds.toFixed(1)} s) ===\n${Buffer.concat(chunks).toString()}`);
      resolve({ name, ok: status === 0, seconds });
    });
  });
}

const results = [];
const besideDone = run(beside, true);
for (const step of serial) results.push(await run(step));
results.push(await besideDone);
results.push(await run(last));
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${r.seconds.toFixed(1)} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
