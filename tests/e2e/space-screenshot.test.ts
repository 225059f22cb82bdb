import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './support/browser';
import { ensureProductionBuild } from './support/build';
import { expressionWeight, joinAsPlayer, openSpectator, waitForHook } from './support/hook';
import { RESULTS_DIR } from './support/paths';
import { startTestServer, type TestServer } from './support/server';

const PLAYERS = [
  { name: 'Hana', avatar: 'sunny', key: '3', preset: 'happy' },
  { name: 'Ravi', avatar: 'ember', key: '5', preset: 'angry' },
  { name: 'Noor', avatar: 'luna', key: '4', preset: 'sad' },
] as const;

describe('screenshot of the space', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    ensureProductionBuild();
    server = await startTestServer();
    browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows 3 avatars with different emotions (saved to test-results/)', async () => {
    for (const p of PLAYERS) {
      const page = await browser.newPage(p.name);
      await joinAsPlayer(page, server.url, p.name, `&avatar=${p.avatar}`);
      await page.keyboard.press(p.key);
    }
    const spectator = await browser.newPage('spectator');
    await openSpectator(spectator, server.url);
    await waitForHook(spectator, (h) => h.avatarCount === 3 && h.placeholderCount === 0, 90_000, '3 VRM avatars');
    for (const p of PLAYERS) {
      await expect.poll(() => expressionWeight(spectator, p.name, p.preset), { timeout: 10_000 }).toBeGreaterThan(0.5);
    }
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, 'space-3-avatars.png');
    await spectator.screenshot({ path });
    console.log(`screenshot saved: ${path}`);
  });

  it('made no request outside 127.0.0.1', () => {
    expect(browser.externalRequests).toEqual([]);
  });
});
