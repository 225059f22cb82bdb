import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { joinAsPlayer, openSpectator, waitForHook } from '../harness/hook';
import { RESULTS_DIR } from '../harness/paths';

describe('the spectator’s faces gallery', () => {
  const env = setupE2e({ viewport: { width: 1280, height: 800 } });

  it('frames three players’ faces at once (screenshot)', async () => {
    const spectator = await env.browser.newPage('spectator-3');
    await openSpectator(spectator, env.server.url);
    for (const [name, avatar, key] of [['Hana', 'sunny', '3'], ['Ravi', 'ember', '5'], ['Noor', 'luna', '4']] as const) {
      const page = await env.browser.newPage(name);
      await joinAsPlayer(page, env.server.url, name, `&avatar=${avatar}`);
      await page.keyboard.press(key);
    }
    await waitForHook(
      spectator,
      (h) => h.galleryTiles === 3 && h.placeholderCount === 0 && h.peerLabels.Hana === 'happy' && h.peerLabels.Ravi === 'angry' && h.peerLabels.Noor === 'sad',
      60_000,
      'three faces in the gallery, with their emotions',
    );
    await spectator.waitForTimeout(1000);
    const tiles = spectator.getByTestId('gallery-tile');
    expect(await tiles.count()).toBe(3);
    for (const tile of await tiles.all()) expect(((await tile.boundingBox())?.height ?? 0) - 38).toBeGreaterThanOrEqual(150); // the face, above its caption
    expect(await tiles.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/Hana\s*happy/), expect.stringMatching(/Ravi\s*angry/), expect.stringMatching(/Noor\s*sad/)]));
    await spectator.screenshot({ path: join(RESULTS_DIR, 'spectator-gallery.png') });
    console.log(`screenshot saved: ${join(RESULTS_DIR, 'spectator-gallery.png')}`);
  });

  itStayedOffline(env);
});
