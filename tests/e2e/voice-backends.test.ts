import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProductionBuild } from '../harness/build';
import { joinAsPlayer } from '../harness/hook';
import { startTestServer, type TestServer } from '../harness/server';
import { espeakFakeMic } from '../harness/voice-audio';
import { launchFakeMicBrowser, readVoice, waitForVoiceReady, waitUntil } from '../harness/voice-pages';
import { describeBackend } from '../../src/ui/voice-text';

/** Waits until the page has classified `n` windows; returns the voice hook. */
async function waitForInferences(page: Page, n: number, timeoutMs: number) {
  await waitUntil(page, `${n} classified windows`, async () => ((await readVoice(page))?.inferences ?? 0) >= n, timeoutMs);
  return (await readVoice(page))!;
}

/** Probabilities of the fixed diagnostic windows on the WASM backend (parity reference). */
let wasmProbabilities: number[][] = [];

describe('voice inference backends in the production build (speech from espeak-ng: plumbing, not accuracy)', () => {
  let server: TestServer;
  let wav: string;

  beforeAll(async () => {
    ensureProductionBuild();
    server = await startTestServer();
    wav = espeakFakeMic('Well, this is the voice of the headset speaking to you now.');
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Runs `body` on one page of a fresh fake-microphone browser, closed afterwards. */
  async function withPage(name: string, extraArgs: string[], body: (page: Page) => Promise<void>) {
    const browser = await launchFakeMicBrowser(wav, extraArgs);
    try {
      const page = await browser.newPage(name);
      await body(page);
    } finally {
      await browser.close();
    }
  }

  it('WASM, 1 thread, chosen in the URL: loads and classifies speech', async () => {
    await withPage('wasm-1', [], async (page) => {
      await joinAsPlayer(page, server.url, 'Wasm', '&voice=on&micProcessing=off&ortBackend=wasm&ortThreads=1');
      const ready = await waitForVoiceReady(page);
      expect(describeBackend(ready.status)).toMatch(/^wasm, 1 thread \(WASM chosen in settings\)/);
      const v = await waitForInferences(page, 2, 30_000);
      console.log(`WASM 1 thread: ${v.inferences} windows, median ${v.inferenceMedianMs.toFixed(1)} ms`);
      expect(v.inferences).toBeGreaterThanOrEqual(2);
      wasmProbabilities = (await page.evaluate(() => window.__emotone!.voice!.measureInference(2))).map((r) => r.probabilities);
    });
  });

  it('a model that cannot be downloaded gives a clear message, and the picker still works', async () => {
    await withPage('no-model', [], async (page) => {
      await page.route('**/*.onnx', (route) => route.abort());
      await joinAsPlayer(page, server.url, 'NoModel', '&voice=on&micProcessing=off');
      const problem = page.getByTestId('voice-model-problem');
      await problem.waitFor({ timeout: 60_000 });
      const text = (await problem.textContent()) ?? '';
      console.log(`panel says: ${text}`);
      expect(text).toMatch(/could not load.*Use the picker/);
      await page.getByTestId('emotion-sad').click();
      await waitUntil(page, 'the picked label', async () => (await page.evaluate(() => document.querySelector('[data-testid="emotion-sad"]')?.getAttribute('aria-pressed'))) === 'true', 5000);
    });
  });

  it('the Silero VAD model cannot be downloaded: the energy VAD takes over, the panel says why, speech is still classified', async () => {
    await withPage('no-silero', [], async (page) => {
      await page.route('**/silero_vad_v5*.onnx', (route) => route.abort());
      await joinAsPlayer(page, server.url, 'NoSilero', '&voice=on&micProcessing=off&ortThreads=1');
      const ready = await waitForVoiceReady(page);
      expect(ready.status.vad).toMatchObject({ requested: 'silero', active: 'energy', fallback: 'model-failed' });
      const line = (await page.getByTestId('voice-vad').textContent()) ?? '';
      console.log(`panel says: ${line}`);
      expect(line).toMatch(/^Voice detection: energy \(fallback: the Silero model could not load: .+\)/);
      expect((await waitForInferences(page, 2, 30_000)).inferences).toBeGreaterThanOrEqual(2);
    });
  });

  it('?vad=energy runs the energy VAD (no Silero download) and classifies speech', async () => {
    await withPage('energy', [], async (page) => {
      const fetched: string[] = [];
      page.on('request', (r) => void (r.url().includes('silero') && fetched.push(r.url())));
      await joinAsPlayer(page, server.url, 'Energy', '&voice=on&micProcessing=off&ortThreads=1&vad=energy');
      const ready = await waitForVoiceReady(page);
      expect(ready.status.vad).toEqual({ requested: 'energy', active: 'energy', fallback: null, detail: '' });
      expect(await page.getByTestId('voice-vad').textContent()).toBe('Voice detection: energy');
      expect((await waitForInferences(page, 2, 30_000)).inferences).toBeGreaterThanOrEqual(2);
      expect(fetched).toEqual([]);
    });
  });

  it('auto without a hardware GPU: a software WebGPU adapter is not used; WASM is', async () => {
    await withPage('auto', ['--enable-unsafe-webgpu'], async (page) => {
      await joinAsPlayer(page, server.url, 'Auto', '&voice=on&micProcessing=off');
      const ready = await waitForVoiceReady(page);
      console.log(`auto: ${describeBackend(ready.status)}`);
      expect(describeBackend(ready.status)).toMatch(/^wasm, \d threads? \(WASM: (software WebGPU adapter|no WebGPU adapter)/);
    });
  });

  it('WebGPU chosen in the URL runs on SwiftShader (--enable-unsafe-webgpu) and classifies speech', async () => {
    await withPage('webgpu', ['--enable-unsafe-webgpu'], async (page) => {
      await joinAsPlayer(page, server.url, 'Gpu', '&voice=on&micProcessing=off&ortBackend=webgpu');
      const ready = await waitForVoiceReady(page, 150_000);
      console.log(`webgpu: ${describeBackend(ready.status)}`);
      expect(describeBackend(ready.status)).toMatch(/^webgpu \(WebGPU chosen in settings\)/);
      const v = await waitForInferences(page, 1, 90_000);
      console.log(`WebGPU (SwiftShader): ${v.inferences} windows, median ${v.inferenceMedianMs.toFixed(0)} ms (CPU-emulated; not a speed figure)`);
      expect(v.inferences).toBeGreaterThanOrEqual(1);
      // Parity: the same fixed windows give the same probabilities on WebGPU as on WASM.
      const gpu = (await page.evaluate(() => window.__emotone!.voice!.measureInference(2))).map((r) => r.probabilities);
      const diff = Math.max(...gpu.flatMap((p, i) => p.map((x, j) => Math.abs(x - wasmProbabilities[i]![j]!))));
      console.log(`WebGPU vs WASM parity: max |Δprobability| ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-3);
      expect(describeBackend((await readVoice(page))!.status)).toMatch(/^webgpu/); // no fallback happened
    });
  });
});
