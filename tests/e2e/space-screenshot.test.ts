import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { expressionWeight, joinAsPlayer, openSpectator, waitForHook } from '../harness/hook';
import { RESULTS_DIR } from '../harness/paths';

const PLAYERS = [
  { name: 'Hana', avatar: 'sunny', key: '3', preset: 'happy' },
  { name: 'Ravi', avatar: 'ember', key: '5', preset: 'angry' },
  { name: 'Noor', avatar: 'luna', key: '4', preset: 'sad' },
] as const;

describe('screenshot of the space', () => {
  const env = setupE2e({ viewport: { width: 1280, height: 800 } });

  it('shows 3 avatars with different emotions (saved to test-results/)', async () => {
    for (const p of PLAYERS) {
      const page = await env.browser.newPage(p.name);
      await joinAsPlayer(page, env.server.url, p.name, `&avatar=${p.avatar}`);
      await page.keyboard.press(p.key);
    }
    const spectator = await env.browser.newPage('spectator');
    await openSpectator(spectator, env.server.url);
    await waitForHook(spectator, (h) => h.avatarCount === 3 && h.placeholderCount === 0, 90_000, '3 VRM avatars');
    for (const p of PLAYERS) {
      await expect.poll(() => expressionWeight(spectator, p.name, p.preset), { timeout: 10_000 }).toBeGreaterThan(0.5);
    }
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, 'space-3-avatars.png');
    await spectator.screenshot({ path });
    // Faces look at the table, so no single view shows all three: orbit half-way round (OrbitControls
    // turns 2π per canvas height of drag) for the faces of the near two.
    await spectator.mouse.move(500, 400);
    await spectator.mouse.down();
    await spectator.mouse.move(900, 400, { steps: 8 });
    await spectator.mouse.up();
    await spectator.waitForTimeout(5000); // damping eases the turn in over a few dozen frames
    const otherSide = join(RESULTS_DIR, 'space-3-avatars-other-side.png');
    await spectator.screenshot({ path: otherSide });
    console.log(`screenshots saved: ${path}, ${otherSide}`);
  });

  itStayedOffline(env);
});
