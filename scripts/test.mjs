// `npm test`: every suite, in the order that fails fastest. Runs all steps and reports each.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['python (training pipeline)', 'node', ['scripts/test-python.mjs']],
  ['production build (for browser tests)', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  // The browser tests run on their own, after the rest: the cluster and load tests would otherwise
  // share the cores with the browsers, and timing-sensitive browser cases would pay for it.
  ['vitest (unit, model, server)', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'model', '--project', 'server']],
  ['vitest (e2e: real Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']],
];

const results = [];
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const { status } = spawnSync(cmd, args, { stdio: 'inherit' });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${r.seconds.toFixed(1)} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
