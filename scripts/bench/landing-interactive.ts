/**
 * Prints how soon the landing page is interactive: the production build served by the real
 * server on 127.0.0.1, opened in Debian's Chromium with a cold cache (a fresh profile per load),
 * then again with a warm one (a reload). Figures are the app's own performance mark
 * (`emotone:landing-interactive`: the landing page rendered with its handlers attached), ms from
 * navigation start; median and worst of each set. Local loopback, so this measures parsing and
 * running the first download, not a network.
 * Usage: npx tsx scripts/bench/landing-interactive.ts [loads=7]
 */
import { cpus, loadavg } from 'node:os';
import { launchBrowser } from '../../tests/harness/browser';
import { ensureProductionBuild } from '../../tests/harness/build';
import { measureLanding } from '../../tests/harness/landing';
import { startTestServer } from '../../tests/harness/server';

const loads = Math.max(1, Number(process.argv[2] ?? 7));

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms (n=${sorted.length})`;
}

async function main(): Promise<void> {
  console.log(`building (or reusing) the production build… (${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)})`);
  const server = await startTestServer({ staticDir: ensureProductionBuild() });
  const cold: number[] = [];
  const warm: number[] = [];
  let scripts = '';
  try {
    for (let i = 0; i < loads; i++) {
      const browser = await launchBrowser({ optimizingWasm: true });
      try {
        const page = await browser.newPage('landing');
        const first = await measureLanding(page, server.url);
        const again = await measureLanding(page, server.url);
        cold.push(first.interactiveMs);
        warm.push(again.interactiveMs);
        scripts = `${first.scripts} scripts, ${(first.scriptTransferBytes / 1000).toFixed(1)} kB transferred cold`;
        console.log(`[${i + 1}/${loads}] cold ${first.interactiveMs.toFixed(0)} ms, warm ${again.interactiveMs.toFixed(0)} ms`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  console.log(`landing page interactive, cold cache: ${summary(cold)}; ${scripts}`);
  console.log(`landing page interactive, warm cache: ${summary(warm)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
