import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { isPlaceholder, waitForHook } from '../harness/hook';
import { initialScripts } from '../../scripts/bench/initial-js';
import { isBeyondLanding, measureLanding, recordRequests, spacePartPaths } from '../harness/landing';
import { RESULTS_DIR } from '../harness/paths';

/** Which card is selected (its data-avatar), and the name field's text. */
async function landingProfile(page: Page): Promise<{ avatar: string | null; name: string }> {
  return {
    avatar: await page.locator('[data-testid="avatar-card"].selected').getAttribute('data-avatar'),
    name: await page.getByTestId('name-input').inputValue(),
  };
}

describe('first page: light landing page, avatar cards, remembered profile, the space on joining', () => {
  // A fake microphone the page may use once the visitor allows it.
  const env = setupE2e({ viewport: { width: 1280, height: 900 }, extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
  let page: Page;
  let requests: ReturnType<typeof recordRequests>;
  let parts: string[] = [];
  let initial: string[] = [];
  const beyondLanding = () => requests.urls.filter((u) => isBeyondLanding(u, initial));

  it('becomes interactive without fetching three.js, VRM, XR, the room client or ORT', async () => {
    page = await env.browser.newPage('landing');
    requests = recordRequests(page);
    const timing = await measureLanding(page, env.server.url);
    console.log(`landing page interactive after ${timing.interactiveMs.toFixed(0)} ms (DOMContentLoaded ${timing.domContentLoadedMs.toFixed(0)} ms; ${timing.scripts} scripts, ${(timing.scriptTransferBytes / 1000).toFixed(1)} kB transferred)`);
    parts = await spacePartPaths(page);
    initial = initialScripts(await (await fetch(env.server.url)).text());
    // The space's code (three.js, VRM, R3F, XR, the room client) is in the parts the build lists, none of them initial.
    for (const part of ['three', 'three-vrm', 'space-runtime']) {
      expect(parts.some((p) => new RegExp(`^/assets/${part}-[\\w-]+\\.js$`).test(p)), part).toBe(true);
    }
    expect(parts.filter((p) => initial.includes(p))).toEqual([]);
    // Interactive for real: a name enables Join.
    await expect.poll(() => page.getByTestId('join-desktop').isDisabled()).toBe(true);
    await page.getByTestId('name-input').fill('Ada');
    await expect.poll(() => page.getByTestId('join-desktop').isEnabled()).toBe(true);
    expect(await page.getByTestId('spectate').isEnabled()).toBe(true);
    expect(beyondLanding()).toEqual([]);
  });

  it('shows every shipped avatar as a card with its picture; the keyboard chooses one', async () => {
    const cards = page.getByTestId('avatar-card');
    expect(await cards.count()).toBe(7);
    const pictures = await page.locator('[data-testid="avatar-card"] img').evaluateAll((imgs) =>
      (imgs as HTMLImageElement[]).map((img) => ({ ok: img.complete && img.naturalWidth > 0, width: img.naturalWidth, src: img.currentSrc })),
    );
    expect(pictures.map((p) => p.ok)).toEqual(Array(7).fill(true));
    expect(pictures.every((p) => p.width === 192 && /\.webp$/.test(p.src))).toBe(true);
    expect((await landingProfile(page)).avatar).toBe('sunny');
    await page.locator('[data-testid="avatar-card"][data-avatar="sunny"] input').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await landingProfile(page)).toEqual({ avatar: 'luna', name: 'Ada' });
    expect(await page.locator('[data-testid="avatar-card"][data-avatar="luna"] input').isChecked()).toBe(true);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, 'landing.png');
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot saved: ${path}`);
    expect(beyondLanding()).toEqual([]);
  });

  it('remembers name and avatar across a reload, still without the space', async () => {
    await page.reload();
    await page.getByTestId('name-input').waitFor();
    expect(await landingProfile(page)).toEqual({ avatar: 'luna', name: 'Ada' });
    expect(await page.getByTestId('remembered').textContent()).toMatch(/remembers your name and your avatar\./);
    expect(beyondLanding()).toEqual([]);
  });

  it('a part that fails to download says so and offers Try again, which shows progress and joins', async () => {
    const threePart = parts.find((p) => /\/three-[\w-]+\.js$/.test(p))!;
    await page.route(`**${threePart}`, (route) => route.abort('connectionrefused'));
    await page.getByTestId('join-desktop').click();
    const error = page.getByTestId('space-load-error');
    await error.waitFor({ timeout: 30_000 });
    console.log(`loading screen says: ${await error.textContent()}`);
    expect(await error.textContent()).toMatch(/did not load: part of the app could not be downloaded \(\/assets\/three-/);
    await page.unroute(`**${threePart}`);
    // Record what the loading screen shows on the way in.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __loadingSteps: string[] }).__loadingSteps = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="space-load-step"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('space-load-retry').click();
    await waitForHook(page, (h) => h.connection === 'connected' && h.frameCount > 0, 60_000, 'the player in the space');
    await expect.poll(() => isPlaceholder(page, 'self'), { timeout: 60_000 }).toBe(false);
    const steps = await page.evaluate(() => (window as unknown as { __loadingSteps: string[] }).__loadingSteps);
    console.log(`loading screen steps: ${steps.join(' | ')}`);
    expect(steps.some((t) => /^Step 1 of 2: Downloading the 3D space… \d+ %$/.test(t))).toBe(true);
    expect(steps.at(-1)).toMatch(/^Step 2 of 2: Starting the space/);
    const fetched = requests.urls.map((u) => new URL(u).pathname);
    for (const p of parts) expect(fetched, `${p} fetched on joining`).toContain(p);
    // Each part crossed the network once: the import read the prefetched copy from the HTTP cache.
    const transfers = await page.evaluate((list) => list.map((p) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname === p && e.transferSize > 0).length), parts);
    expect(transfers).toEqual(parts.map(() => 1));
  });

  it('remembers the microphone consent; the voice then starts on joining, not on the landing page', async () => {
    await page.getByTestId('voice-allow').click();
    await expect.poll(() => page.evaluate(() => window.__emotone?.voice?.status.mic), { timeout: 30_000 }).not.toBe('idle');
    await page.reload();
    requests.clear();
    await page.getByTestId('voice-consent-remembered').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => window.__emotone?.voice?.status.model)).toBe('idle');
    expect(beyondLanding()).toEqual([]);
    await page.getByTestId('join-desktop').click();
    await waitForHook(page, (h) => h.connection === 'connected', 60_000, 'joined again');
    await expect.poll(() => page.evaluate(() => window.__emotone?.voice?.status.mic), { timeout: 30_000 }).toBe('running');
  });

  it('"Forget me" clears name, avatar and consent, also after a reload', async () => {
    await page.reload();
    await page.getByTestId('forget-me').click();
    expect(await page.getByTestId('forgotten').textContent()).toMatch(/no longer remembers you/);
    expect(await landingProfile(page)).toEqual({ avatar: 'sunny', name: '' });
    await page.reload();
    await page.getByTestId('name-input').waitFor();
    expect(await landingProfile(page)).toEqual({ avatar: 'sunny', name: '' });
    expect(await page.getByTestId('remembered').count()).toBe(0);
    expect(await page.getByTestId('voice-allow').isVisible()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('emotone.profile'))).toBeNull();
  });

  itStayedOffline(env);
});
