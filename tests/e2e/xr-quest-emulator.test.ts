import { Euler, Quaternion, Vector3 } from 'three';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EMOTION_LABELS } from '../../src/shared/emotion-labels';
import { emotionButtonOffset, MENU_POSITION, MENU_ROTATION } from '../../src/xr/menu-layout';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { joinAsPlayer, readHook, waitForHook } from '../harness/hook';

/** Waits until the page has rendered `n` more frames. */
async function waitFrames(page: Page, n: number): Promise<void> {
  const start = (await readHook(page))?.frameCount ?? 0;
  await waitForHook(page, (h) => h.frameCount >= start + n, 30_000, `${n} frames`);
}

describe('immersive VR in the IWER Quest 3 emulator', () => {
  const env = setupE2e();

  it('enters immersive-vr and renders two views with avatars', async () => {
    const other = await env.browser.newPage('desktop-player');
    await joinAsPlayer(other, env.server.url, 'Bob');
    await other.getByTestId('emotion-happy').click();

    const quest = await env.browser.newPage('quest');
    await joinAsPlayer(quest, env.server.url, 'Quest', '&xremulate=quest3');
    await waitForHook(quest, (h) => h.peerLabels.Bob === 'happy', 20_000, 'Bob in the Quest page');
    await quest.getByTestId('hud-enter-vr').click();

    const inVr = await waitForHook(quest, (h) => h.xrSessionMode === 'immersive-vr' && h.xrViewCount === 2, 60_000, 'an immersive session with 2 views');
    expect(inVr.mode).toBe('xr');
    const withAvatars = await waitForHook(quest, (h) => h.avatarCount >= 2 && h.placeholderCount === 0, 60_000, 'VRM avatars in VR');
    const framesBefore = withAvatars.frameCount;
    await quest.waitForTimeout(2000);
    const after = await readHook(quest);
    const fps = ((after?.frameCount ?? 0) - framesBefore) / 2;
    console.log(`XR: ${after?.xrViewCount} views, ${after?.avatarCount} avatars, ~${fps.toFixed(0)} frames/s in software GL`);
    expect(fps).toBeGreaterThan(1);

    // The headset's pose reaches the other player (head pose sent at ≤ 20 Hz).
    await expect.poll(async () => (await readHook(other))?.peerLabels.Quest, { timeout: 10_000 }).toBe('neutral');

    // Aim the right controller's ray at the menu's "angry" button and pull the trigger.
    const panel = new Quaternion().setFromEuler(new Euler(...MENU_ROTATION));
    const button = new Vector3(...emotionButtonOffset(EMOTION_LABELS.indexOf('angry'))).applyQuaternion(panel).add(new Vector3(...MENU_POSITION));
    const from = button.clone().addScaledVector(new Vector3(0, 0, 1).applyQuaternion(panel), 0.25);
    await quest.evaluate(([p, q]) => {
      const right = window.__iwerDevice?.controllers.right;
      right?.position.set(p[0], p[1], p[2]);
      right?.quaternion.set(q[0], q[1], q[2], q[3]);
    }, [from.toArray(), panel.toArray()] as const);
    await waitFrames(quest, 3); // the ray finds the button
    await quest.evaluate(() => window.__iwerDevice?.controllers.right?.updateButtonValue('trigger', 1));
    await waitFrames(quest, 2); // held across rendered frames, however slow software GL is
    await quest.evaluate(() => window.__iwerDevice?.controllers.right?.updateButtonValue('trigger', 0));
    await expect.poll(async () => (await readHook(other))?.peerLabels.Quest, { timeout: 10_000 }).toBe('angry');
  });

  itStayedOffline(env);
});
