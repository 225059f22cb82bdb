import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../harness/browser';
import { ensureProductionBuild } from '../harness/build';
import { joinAsPlayer } from '../harness/hook';
import { startTestServer, type TestServer } from '../harness/server';
import { espeakFakeMic } from '../harness/voice-audio';
import { launchFakeMicBrowser, readSentFrames, readVoice, recordSentFrames, waitForVoiceReady, waitUntil } from '../harness/voice-pages';

/**
 * Counts the analysis capture's getUserMedia calls and keeps their streams, before the app's
 * scripts run. With the browser's processing off for analysis (`micProcessing=off`), voice chat
 * opens a second, processed capture of the same device for itself (src/audio/chat-track.ts):
 * those calls ask for echo cancellation and are counted apart.
 */
async function watchGetUserMedia(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __gum: MediaStream[]; __chatGum: number };
    w.__gum = [];
    w.__chatGum = 0;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (c) => {
      const stream = await original(c);
      const audio = c?.audio;
      if (typeof audio === 'object' && audio.echoCancellation === true) w.__chatGum++;
      else w.__gum.push(stream);
      return stream;
    };
  });
}
const gumCalls = (page: Page) => page.evaluate(() => (window as unknown as { __gum: MediaStream[] }).__gum.length);

describe('voice capture recovers and mutes (production build, fake microphone)', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    ensureProductionBuild();
    server = await startTestServer();
    browser = await launchFakeMicBrowser(espeakFakeMic('Testing, one, two, three. Can everybody hear me now?', 0.5));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a track that ends (headset slept, device unplugged) or a device change re-acquires the microphone; mute stops analysis and sending', async () => {
    const page = await browser.newPage('player');
    await watchGetUserMedia(page);
    await recordSentFrames(page);
    await joinAsPlayer(page, server.url, 'Rec', '&voice=on&micProcessing=off');
    await waitForVoiceReady(page);
    expect(await gumCalls(page)).toBe(1);

    // 1. The track ends, as when a Quest sleeps: the capture asks again and audio flows again.
    await page.evaluate(() => {
      const track = (window as unknown as { __gum: MediaStream[] }).__gum.at(-1)!.getAudioTracks()[0]!;
      track.stop();
      track.dispatchEvent(new Event('ended'));
    });
    await waitUntil(page, 'a second getUserMedia', async () => (await gumCalls(page)) === 2);
    await waitUntil(page, 'running again', async () => (await readVoice(page))!.status.mic === 'running');
    const before = (await readVoice(page))!.captured.samples;
    await waitUntil(page, 'audio after re-acquisition', async () => (await readVoice(page))!.captured.samples > before + 16000);

    // 2. The device disappears without an 'ended' event; the devicechange check notices.
    await page.evaluate(() => {
      (window as unknown as { __gum: MediaStream[] }).__gum.at(-1)!.getAudioTracks()[0]!.stop();
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    });
    await waitUntil(page, 'a third getUserMedia', async () => (await gumCalls(page)) === 3);
    await waitUntil(page, 'running after the device change', async () => (await readVoice(page))!.status.mic === 'running');
    await waitUntil(page, 'classifications after the device change', async () => (await readVoice(page))!.inferences > 0, 30_000);

    // 3. Mute: the capture stops, nothing is classified, and no emotion or speaking message leaves.
    await page.getByTestId('mute').click();
    await waitUntil(page, 'muted', async () => (await readVoice(page))!.status.mic === 'muted');
    await page.waitForTimeout(300); // let a classification already in flight land
    const atMute = (await readVoice(page))!;
    const framesAtMute = (await readSentFrames(page)).length;
    await page.waitForTimeout(4000);
    const later = (await readVoice(page))!;
    expect(later.inferences).toBe(atMute.inferences);
    expect(later.captured.samples - atMute.captured.samples).toBeLessThan(1600); // < 0.1 s: the context is suspended
    const sentWhileMuted = (await readSentFrames(page)).slice(framesAtMute).filter((f) => f.type === 'emotion' || (f.type === 'speaking' && (f.payload as { level: number }).level !== 0));
    expect(sentWhileMuted).toEqual([]);
    expect(await page.getByTestId('voice-muted').textContent()).toMatch(/nothing is analysed or sent/);

    await page.getByTestId('mute').click();
    await waitUntil(page, 'unmuted', async () => (await readVoice(page))!.status.mic === 'running');
    await waitUntil(page, 'classifying again', async () => (await readVoice(page))!.inferences > later.inferences, 30_000);
  });
});
