import { describe, expect, it } from 'vitest';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { isPlaceholder, openSpectator, peerPosition, waitForHook } from '../harness/hook';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>Eve';

describe('landing page, bring-your-own-VRM errors, names as text, connection states', () => {
  const env = setupE2e();

  it('refuses broken and oversized VRMs with a clear message and keeps the shipped avatar', async () => {
    const page = await env.browser.newPage('landing');
    await page.goto(env.server.url);
    await page.getByTestId('name-input').fill(HOSTILE_NAME);
    const selectedBefore = await page.locator('.avatar-card.selected').textContent();

    await page.getByTestId('vrm-file').setInputFiles({ name: 'notes.vrm', mimeType: 'model/gltf-binary', buffer: Buffer.from('hello, not a model') });
    await expect.poll(() => page.getByTestId('avatar-status').textContent()).toContain('not a VRM file');
    await page.getByTestId('vrm-file').setInputFiles({ name: 'huge.vrm', mimeType: 'model/gltf-binary', buffer: Buffer.alloc(11 * 1024 * 1024) });
    await expect.poll(() => page.getByTestId('avatar-status').textContent()).toContain('the limit is 10 MB');
    expect(await page.getByTestId('avatar-status').textContent()).toContain('You keep your current avatar');
    expect(await page.locator('.avatar-card.selected').textContent()).toBe(selectedBefore);

    await page.getByTestId('join-desktop').click();
    await waitForHook(page, (h) => h.connection === 'connected', 30_000, 'join');
    await expect.poll(() => isPlaceholder(page, 'self'), { timeout: 60_000 }).toBe(false);
  });

  it('shows a hostile display name as plain text in the roster', async () => {
    const spectator = await env.browser.newPage('spectator');
    await openSpectator(spectator, env.server.url);
    const row = spectator.getByTestId('roster-row').first();
    await expect.poll(() => row.locator('.roster-name').textContent(), { timeout: 10_000 }).toBe(HOSTILE_NAME);
    expect(await spectator.locator('.roster img').count()).toBe(0);
  });

  it('lets a desktop player walk with the keyboard; the spectator sees the head move', async () => {
    const pages = env.browser.context.pages();
    const player = pages.find((p) => p.url().startsWith(env.server.url) && !p.url().includes('spectate'));
    const spectator = pages.find((p) => p.url().includes('spectate'));
    if (!player || !spectator) throw new Error('pages missing');
    const before = await peerPosition(spectator, HOSTILE_NAME);
    expect(before).not.toBeNull();
    await player.bringToFront();
    await player.keyboard.down('KeyW');
    await player.waitForTimeout(1200);
    await player.keyboard.up('KeyW');
    await expect
      .poll(async () => {
        const now = await peerPosition(spectator, HOSTILE_NAME);
        return now && before ? Math.hypot(now[0] - before[0], now[2] - before[2]) : 0;
      }, { timeout: 10_000 })
      .toBeGreaterThan(0.3);
  });

  it('says the server is restarting, with a countdown, when the server shuts down', async () => {
    const page = env.browser.context.pages().find((p) => p.url().startsWith(env.server.url) && !p.url().includes('spectate'));
    if (!page) throw new Error('player page missing');
    await env.server.close();
    const banner = page.getByTestId('connection');
    await expect.poll(() => banner.getAttribute('data-state'), { timeout: 15_000 }).toBe('reconnecting');
    // A shutdown drains: the room tells its clients before it closes them.
    expect(await banner.textContent()).toMatch(/The server is restarting\. Rejoining the space \(attempt \d+\) in \d+ s/);
  });

  itStayedOffline(env);
});
