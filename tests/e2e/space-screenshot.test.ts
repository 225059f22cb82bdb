import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { expressionWeight, joinAsPlayer, openSpectator, waitForHook } from '../harness/hook';
import { RESULTS_DIR } from '../harness/paths';
import { appClient } from '../harness/app-clients';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import { manualEmotion, type EmotionLabel } from '../../src/shared/emotion-labels';

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

describe('screenshot of a player’s view', () => {
  const env = setupE2e({ viewport: { width: 1280, height: 800 } });

  it('shows three peers 2 m away with three emotions (saved to test-results/player-view-3-peers.png)', async () => {
    const page = await env.browser.newPage('player');
    await joinAsPlayer(page, env.server.url, 'Vera');
    const own = await page.evaluate(() => window.__emotone!.ownPose);
    // The player's eye and the floor direction it looks in (camera-style: forward is −Z).
    const [qx, qy, qz, qw] = own.quaternion;
    const fx = -2 * (qx * qz + qw * qy);
    const fz = -(1 - 2 * (qx * qx + qy * qy));
    const len = Math.hypot(fx, fz) || 1;
    const [dx, dz] = [fx / len, fz / len];
    const endpoint = `${env.server.url}${COLYSEUS_PATH}`;
    const peers = PLAYERS.map((p, i) => ({ ...p, ...appClient(endpoint, Role.player, p.name, undefined, p.avatar), side: (i - 1) * 0.75 }));
    try {
      for (const p of peers) {
        await p.client.connect();
        // 2 m in front of the player, spread sideways, each turned to face the player.
        const x = own.position[0] + dx * 2 + -dz * p.side;
        const z = own.position[2] + dz * 2 + dx * p.side;
        const yaw = Math.atan2(own.position[0] - x, own.position[2] - z) + Math.PI; // camera-style yaw looking at the player
        p.store.setSelfPose({ position: [x, 1.55, z], quaternion: [0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2)] });
        p.store.setSelfEmotion(manualEmotion(p.preset as EmotionLabel));
      }
      await waitForHook(page, (h) => h.avatarCount >= 3 && h.placeholderCount === 0 && PLAYERS.every((p) => h.peerLabels[p.name] === p.preset), 60_000, 'three peers with their emotions');
      for (const p of PLAYERS) await expect.poll(() => expressionWeight(page, p.name, p.preset), { timeout: 10_000 }).toBeGreaterThan(0.5);
      const at = await page.evaluate((names) => names.map((n) => window.__emotone!.peerPosition(n)), PLAYERS.map((p) => p.name));
      for (const pos of at) expect(Math.hypot(pos![0] - own.position[0], pos![2] - own.position[2])).toBeCloseTo(2, 0);
      await page.waitForTimeout(1500); // bodies turn and settle
      mkdirSync(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, 'player-view-3-peers.png');
      await page.screenshot({ path });
      console.log(`screenshot saved: ${path}`);
    } finally {
      await Promise.all(peers.map((p) => p.client.leave()));
    }
  });

  itStayedOffline(env);
});
