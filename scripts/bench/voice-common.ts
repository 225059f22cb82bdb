/** Shared parts of the voice benchmarks: build, server, browser, statistics. */
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../../tests/harness/browser';
import { ensureProductionBuild } from '../../tests/harness/build';
import { joinAsPlayer } from '../../tests/harness/hook';
import { startTestServer, type TestServer } from '../../tests/harness/server';
import { fakeMicFlags, waitForVoiceReady } from '../../tests/harness/voice-pages';

/** Median and p90 of a sample (nearest rank). */
export function summarise(values: readonly number[]): { n: number; median: number; p90: number; min: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const rank = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { n: s.length, median: rank(0.5), p90: rank(0.9), min: s[0] ?? NaN, max: s.at(-1) ?? NaN };
}

/** Formats a summary in ms. */
export function fmt(label: string, values: readonly number[], digits = 1): string {
  const r = summarise(values);
  return `${label}: median ${r.median.toFixed(digits)} ms, p90 ${r.p90.toFixed(digits)} ms (n=${r.n}, min ${r.min.toFixed(digits)}, max ${r.max.toFixed(digits)})`;
}

/** A built app served on 127.0.0.1 and a browser whose microphone plays `wav`. */
export async function startBench(wav: string, extraArgs: string[] = []): Promise<{ server: TestServer; browser: TestBrowser; close(): Promise<void> }> {
  ensureProductionBuild();
  const server = await startTestServer();
  const browser = await launchBrowser({ extraArgs: [...fakeMicFlags(wav), ...extraArgs], optimizingWasm: true });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Joins as a desktop player with the voice pipeline started by URL settings; waits until it runs. */
export async function joinWithVoice(page: Page, url: string, name: string, query: string) {
  await joinAsPlayer(page, url, name, `&voice=on&micProcessing=off${query}`);
  return waitForVoiceReady(page, 180_000);
}
