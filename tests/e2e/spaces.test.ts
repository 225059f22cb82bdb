import { describe, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import { COLYSEUS_PATH, LIMITS, ROOM_NAME } from '../../src/shared/protocol';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { joinAsPlayer, waitForHook } from '../harness/hook';

describe('spaces on the landing page: named, listed live, private, invalid', () => {
  const env = setupE2e();

  it('lists a named space with its players, refuses a bad name, makes private links and spectates from the list', async () => {
    const ann = await env.browser.newPage('ann');
    await joinAsPlayer(ann, env.server.url, 'Ann', '&space=team-standup');

    const page = await env.browser.newPage('landing');
    await page.goto(env.server.url);
    const row = page.locator('[data-testid="space-row"][data-space="team-standup"]');
    await expect.poll(() => row.getByTestId('space-players').textContent(), { timeout: 10_000 }).toBe('1/16 players');
    expect(await page.locator('[data-testid="space-row"]').first().getAttribute('data-space')).toBe('lobby');

    await page.getByTestId('name-input').fill('Bea');
    await page.getByTestId('space-input').fill('team standup!');
    expect(await page.getByTestId('space-error').textContent()).toMatch(/space must be 1 to 32 letters, digits or '-'/);
    expect(await page.getByTestId('join-desktop').isDisabled()).toBe(true);

    await page.getByTestId('create-private').click();
    const code = await page.getByTestId('space-input').inputValue();
    expect(code).toMatch(/^_[a-z2-7]{20}$/);
    expect(await page.getByTestId('private-link').textContent()).toContain(`/?space=${code}`);
    expect(await page.getByTestId('join-desktop').isDisabled()).toBe(false);

    await row.getByRole('button', { name: 'Spectate' }).click();
    await waitForHook(page, (h) => h.mode === 'spectator' && h.connection === 'connected' && Object.keys(h.peerLabels).length === 1, 30_000, 'spectating team-standup');
    const roster = page.getByTestId('roster-row').first();
    await expect.poll(() => roster.locator('.roster-name').textContent(), { timeout: 10_000 }).toBe('Ann');
  });

  it('says a space is full and offers to spectate it', async () => {
    const sdk = new Client(`${env.server.url}${COLYSEUS_PATH}`);
    const seated: Room[] = [];
    for (let i = 0; i < LIMITS.maxPlayers; i++) seated.push(await sdk.joinOrCreate(ROOM_NAME, { role: 'player', space: 'packed', displayName: `P${i}` }));
    try {
      const page = await env.browser.newPage('late');
      await page.goto(`${env.server.url}/?space=packed&name=Late`);
      await page.getByTestId('join-desktop').click();
      await expect.poll(() => page.getByTestId('space-full').textContent(), { timeout: 15_000 }).toContain(`packed is full: all ${LIMITS.maxPlayers} player places are taken.`);
      await page.getByTestId('full-spectate').click();
      await waitForHook(page, (h) => h.mode === 'spectator' && Object.keys(h.peerLabels).length === LIMITS.maxPlayers, 30_000, 'spectating the full space');
    } finally {
      for (const room of seated) await room.leave();
    }
  });

  itStayedOffline(env);
});
