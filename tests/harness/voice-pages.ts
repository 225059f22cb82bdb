/**
 * Browser-side instruments for the voice tests: a recorder of every WebSocket frame the page
 * sends, a recorder of what the spectator shows, and readers of the player's voice hook.
 */
import type { Page } from 'playwright-core';
import { unpackMultiple } from 'msgpackr';
import type { VoiceTestView } from '../../src/app/test-hook';
import { launchBrowser, type TestBrowser } from './browser';

/** Chromium flags for a fake microphone playing `wav` (absolute path), granted without a prompt. */
export function fakeMicFlags(wav: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required'];
}

/** A browser whose microphone plays `wav`. */
export function launchFakeMicBrowser(wav: string, extraArgs: string[] = []): Promise<TestBrowser> {
  return launchBrowser({ extraArgs: [...fakeMicFlags(wav), ...extraArgs] });
}

/** Records every WebSocket frame the page sends (bytes), from before any page script runs. */
export async function recordSentFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sent: { bytes: number[]; text: string | null; atMs: number }[] = [];
    (window as unknown as { __wsSent: typeof sent }).__wsSent = sent;
    const original = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (typeof data === 'string') sent.push({ bytes: [], text: data, atMs: Date.now() });
      else if (data instanceof Blob) sent.push({ bytes: new Array(data.size).fill(-1), text: null, atMs: Date.now() });
      else {
        const view = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
        sent.push({ bytes: Array.from(view), text: null, atMs: Date.now() });
      }
      return original.call(this, data as Parameters<typeof original>[0]);
    };
  });
}

/** One sent frame, decoded where it is a Colyseus room message. */
export interface SentFrame {
  size: number;
  code: number;
  type: string | null;
  payload: unknown;
}

/** Reads and decodes what the page sent so far. */
export async function readSentFrames(page: Page): Promise<SentFrame[]> {
  const raw = await page.evaluate(() => (window as unknown as { __wsSent: { bytes: number[]; text: string | null }[] }).__wsSent);
  return raw.map(({ bytes, text }) => {
    if (text !== null) return { size: text.length, code: -1, type: null, payload: text };
    const buf = Buffer.from(bytes);
    const code = (buf[0] ?? 0) & 0x1f;
    if (code !== 13 || buf.length < 2) return { size: buf.length, code, type: null, payload: null };
    const [type, payload] = unpackMultiple(buf.subarray(1)) as [unknown, unknown];
    return { size: buf.length, code, type: typeof type === 'string' ? type : String(type), payload };
  });
}

/** Reads the player's voice hook as plain data. */
export function readVoice(page: Page): Promise<Pick<VoiceTestView, 'status' | 'labels' | 'speechOnsets' | 'captured'> & { inferences: number; inferenceMedianMs: number; mainThreadMs: number; ticks: number } | null> {
  return page.evaluate(() => {
    const v = window.__emotone?.voice;
    return v
      ? { status: v.status, labels: [...v.labels], speechOnsets: [...v.speechOnsets], captured: v.captured, inferences: v.stats.inferenceMs.length, inferenceMedianMs: [...v.stats.inferenceMs].sort((a, b) => a - b)[Math.floor(v.stats.inferenceMs.length / 2)] ?? NaN, mainThreadMs: v.stats.mainThreadMs, ticks: v.stats.ticks }
      : null;
  });
}

/** Waits until the player's voice pipeline is capturing with the model loaded. */
export async function waitForVoiceReady(page: Page, timeoutMs = 90_000): Promise<NonNullable<Awaited<ReturnType<typeof readVoice>>>> {
  const deadline = Date.now() + timeoutMs;
  let last: Awaited<ReturnType<typeof readVoice>> = null;
  while (Date.now() < deadline) {
    last = await readVoice(page);
    // Ready = the model is loaded, the microphone runs, and a voice-activity detector was chosen.
    if (last?.status.model === 'ready' && last.status.mic === 'running' && last.status.vad.active) return last;
    if (last?.status.model === 'failed') throw new Error(`model failed: ${last.status.modelError}`);
    await page.waitForTimeout(100);
  }
  throw new Error(`voice not ready: ${JSON.stringify(last?.status)}`);
}

/** Starts recording, inside the spectator page, each change of `name`'s label and the avatar's preset weights. */
export async function recordSpectator(page: Page, name: string, presets: readonly string[]): Promise<void> {
  await page.evaluate(
    ([who, names]) => {
      const rec = { labels: [] as { label: string; atMs: number }[], weights: [] as { atMs: number; label: string; w: Record<string, number> }[] };
      (window as unknown as { __voiceRec: typeof rec }).__voiceRec = rec;
      setInterval(() => {
        const label = window.__emotone?.peerLabels[who];
        if (label && rec.labels.at(-1)?.label !== label) rec.labels.push({ label, atMs: Date.now() });
      }, 10);
      setInterval(() => {
        const w: Record<string, number> = {};
        for (const p of names) w[p] = window.__emotone?.expressionWeight(who, p) ?? -1;
        rec.weights.push({ atMs: Date.now(), label: window.__emotone?.peerLabels[who] ?? '', w });
      }, 100);
    },
    [name, presets] as const,
  );
}

/** What the spectator recorder saw. */
export function readSpectator(page: Page): Promise<{ labels: { label: string; atMs: number }[]; weights: { atMs: number; label: string; w: Record<string, number> }[] }> {
  return page.evaluate(() => (window as unknown as { __voiceRec: never }).__voiceRec);
}

/** Collapses runs of equal labels. */
export function collapse(labels: readonly string[]): string[] {
  return labels.filter((l, i) => i === 0 || labels[i - 1] !== l);
}

/** True when `wanted` occurs in `seq` in order (not necessarily adjacent). */
export function containsInOrder(seq: readonly string[], wanted: readonly string[]): boolean {
  let i = 0;
  for (const s of seq) if (s === wanted[i]) i++;
  return i === wanted.length;
}

/** Polls `check` every 100 ms until it holds. */
export async function waitUntil(page: Page, what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
