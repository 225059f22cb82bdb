import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../harness/browser';
import { ensureProductionBuild } from '../harness/build';
import { joinAsPlayer, openSpectator, waitForHook } from '../harness/hook';
import { startTestServer, type TestServer } from '../harness/server';

describe('microphone denied', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    ensureProductionBuild();
    server = await startTestServer();
    // A fake device exists, but every permission prompt is refused.
    browser = await launchBrowser({ extraArgs: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('explains the refusal and how to re-enable it; the manual picker still reaches the spectator', async () => {
    const player = await browser.newPage('player');
    const spectator = await browser.newPage('spectator');
    await openSpectator(spectator, server.url);
    await joinAsPlayer(player, server.url, 'Nomi');
    await player.getByTestId('voice-allow').click();
    const problem = player.getByTestId('voice-mic-problem');
    await problem.waitFor({ timeout: 30_000 });
    const text = await problem.textContent();
    console.log(`panel says: ${text}`);
    expect(text).toMatch(/refused/i);
    expect(text).toMatch(/allow it again/i);
    expect(text).toMatch(/picker still works/i);

    await player.getByTestId('emotion-happy').click();
    await waitForHook(spectator, (h) => h.peerLabels.Nomi === 'happy', 10_000, 'the picked emotion in the spectator');
    const voice = await player.evaluate(() => window.__emotone?.voice?.status);
    expect(voice?.mic).toBe('denied');
  });
});
