import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { expressionWeight, isPlaceholder, openSpectator, waitForHook } from '../harness/hook';
import { sharedDir } from '../harness/paths';

const shared = sharedDir();
const avatarsDir = shared ? join(shared, 'avatars') : null;
const present = avatarsDir !== null && existsSync(avatarsDir);
if (!present) console.warn(`SKIPPED shared VRM tests: ${avatarsDir ?? '../shared'} is absent (set EMOTONE_SHARED to the shared folder).`);

/** Third-party files (never committed): VRM 1.0 with meshopt + webp, and a VRM 0.x. */
const FILES = [
  { file: 'valid-asian-f-2.vrm', player: 'Asian F', version: '1.0', preset: 'angry', key: '5' },
  { file: 'valid-aian-m-1.vrm', player: 'Aian M', version: '1.0', preset: 'happy', key: '3' },
  { file: 'godette-vrm0.vrm', player: 'Godette', version: '0.x', preset: 'sad', key: '4' },
] as const;

describe.skipIf(!present)('third-party VRMs from ../shared/avatars', () => {
  const env = setupE2e();

  for (const { file, player, version, preset, key } of FILES) {
    it(`${file} (VRM ${version}) is uploaded, loads for others and shows "${preset}"`, async () => {
      const page = await env.browser.newPage(player);
      await page.goto(`${env.server.url}/?name=${encodeURIComponent(player)}`);
      await page.getByTestId('vrm-file').setInputFiles(join(avatarsDir ?? '', file));
      await expect.poll(() => page.getByTestId('avatar-status').textContent(), { timeout: 60_000 }).toContain(`VRM ${version} avatar is ready`);
      await page.getByTestId('join-desktop').click();
      await waitForHook(page, (h) => h.connection === 'connected', 30_000, `${player} to connect`);
      await expect.poll(() => isPlaceholder(page, 'self'), { timeout: 60_000 }).toBe(false);
      await page.keyboard.press(key);
      await expect.poll(() => expressionWeight(page, 'self', preset), { timeout: 5_000 }).toBeGreaterThan(0.5);

      const spectator = await env.browser.newPage(`spectator of ${player}`);
      await openSpectator(spectator, env.server.url);
      await expect.poll(() => isPlaceholder(spectator, player), { timeout: 60_000 }).toBe(false);
      await expect.poll(() => expressionWeight(spectator, player, preset), { timeout: 5_000 }).toBeGreaterThan(0.5);
      console.log(`${file}: ${preset} weight on the spectator's copy ${(await expressionWeight(spectator, player, preset))?.toFixed(2)}`);
      await spectator.close();
      await page.close();
    });
  }

  itStayedOffline(env);
});
