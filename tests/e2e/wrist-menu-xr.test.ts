import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EMOTION_LABELS, manualEmotion } from '../../src/shared/emotion-labels';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import { CLOSE_BUTTON_OFFSET, emotionButtonOffset, LEAVE_BUTTON_OFFSET, MENU_TAB_OFFSET, MUTE_BUTTON_OFFSET, NUDGES_BUTTON_OFFSET } from '../../src/xr/menu-layout';
import { appClient, until } from '../harness/app-clients';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { joinAsPlayer, openSpectator, readHook, waitForHook } from '../harness/hook';
import { RESULTS_DIR } from '../harness/paths';
import { espeakFakeMic } from '../harness/voice-audio';
import { fakeMicFlags, readVoice, waitForVoiceReady } from '../harness/voice-pages';
import { holdLeftHand, pressMenuButton, toggleWristMenu } from '../harness/xr-menu';

/** The wrist menu's microphone level, sampled every 200 ms for `ms`. */
async function sampleMicLevel(page: Page, ms: number): Promise<number[]> {
  const levels: number[] = [];
  for (let t = 0; t < ms; t += 200) {
    levels.push((await readHook(page))?.wristMenu?.micLevel ?? NaN);
    await page.waitForTimeout(200);
  }
  return levels;
}

/** The nudge setting the page remembers (what the next visit starts with). */
const storedNudges = (page: Page): Promise<boolean | null> =>
  page.evaluate(() => (JSON.parse(localStorage.getItem('emotone.engagement') ?? '{}') as { nudges?: boolean }).nudges ?? null);

describe('the wrist menu in the IWER Quest 3 emulator (fake microphone)', () => {
  // Speech for about three seconds, then four of silence, looped by Chromium.
  const env = setupE2e(() => ({ extraArgs: fakeMicFlags(espeakFakeMic('Hello everyone, it is really good to see you all here in the lounge tonight.', 2)) }));

  it('opens on X; its voice line follows the microphone; picker, mute, nudges, close and leave work; screenshot of the view', async () => {
    const { server, browser } = env;
    const endpoint = `${server.url}${COLYSEUS_PATH}`;
    // Two more people in the lounge, so the screenshot shows a room with company.
    const guests = [appClient(endpoint, Role.player, 'Mia'), appClient(endpoint, Role.player, 'Theo')];
    for (const [i, g] of guests.entries()) {
      await g.client.connect();
      await until(g.store, (s) => s.connection.kind === 'connected', 15_000, 'a guest to join');
      g.store.setSelfEmotion(manualEmotion(i === 0 ? 'happy' : 'surprised'));
    }
    try {
      const spectator = await browser.newPage('spectator');
      await openSpectator(spectator, server.url);
      const quest = await browser.newPage('quest');
      await joinAsPlayer(quest, server.url, 'Quest', '&xremulate=quest3&voice=on&micProcessing=off&avatar=luna');
      await waitForVoiceReady(quest);
      await quest.getByTestId('hud-enter-vr').click();
      await waitForHook(quest, (h) => h.xrSessionMode === 'immersive-vr' && h.xrViewCount === 2, 60_000, 'an immersive session');
      await holdLeftHand(quest);
      expect((await readHook(quest))?.wristMenu?.open).toBe(false);

      // X opens it; the voice line says what the room hears and its bar moves with the speech.
      await toggleWristMenu(quest, true);
      await waitForHook(quest, (h) => h.wristMenu?.voiceText.startsWith('hearing: ') === true, 60_000, 'the voice line to show a heard emotion');
      const levels = await sampleMicLevel(quest, 9000);
      console.log(`wrist menu mic level over 9 s: min ${Math.min(...levels).toFixed(2)}, max ${Math.max(...levels).toFixed(2)}`);
      expect(Math.max(...levels)).toBeGreaterThan(0.15);
      expect(Math.min(...levels)).toBeLessThan(0.05);
      await waitForHook(quest, (h) => h.avatarCount >= 3 && h.placeholderCount === 0, 60_000, 'the VRM avatars');
      mkdirSync(RESULTS_DIR, { recursive: true });
      const shot = join(RESULTS_DIR, 'quest-view.png');
      await quest.screenshot({ path: shot });
      console.log(`screenshot saved: ${shot}`);

      // Mute: the microphone stops, the bar drops to nothing for a whole speech-and-silence cycle.
      await pressMenuButton(quest, MUTE_BUTTON_OFFSET);
      await waitForHook(quest, (h) => h.wristMenu?.voiceText.startsWith('muted') === true, 10_000, 'the voice line to say muted');
      expect((await readVoice(quest))?.status.mic).toBe('muted');
      await quest.waitForTimeout(1000); // the bar eases down
      expect(Math.max(...(await sampleMicLevel(quest, 8000)))).toBeLessThan(0.02);

      // The picker: the room sees the emotion picked (muted, so the voice cannot override it).
      await pressMenuButton(quest, emotionButtonOffset(EMOTION_LABELS.indexOf('surprised')));
      await waitForHook(spectator, (h) => h.peerLabels.Quest === 'surprised', 10_000, 'the room to see surprised');
      expect((await readHook(quest))?.wristMenu?.voiceText).toMatch(/^muted/);
      await pressMenuButton(quest, MUTE_BUTTON_OFFSET);
      await waitForHook(quest, (h) => /^(hearing|picked): /.test(h.wristMenu?.voiceText ?? ''), 10_000, 'unmuted, the voice line again');

      // The nudge setting toggles, and is remembered.
      const before = await storedNudges(quest);
      await pressMenuButton(quest, NUDGES_BUTTON_OFFSET);
      await expect.poll(() => storedNudges(quest), { timeout: 10_000 }).toBe(before === false);
      await pressMenuButton(quest, NUDGES_BUTTON_OFFSET);
      await expect.poll(() => storedNudges(quest), { timeout: 10_000 }).toBe(before !== false);

      // Close, reopen from the wrist tab, and leave: the room no longer has the player.
      await pressMenuButton(quest, CLOSE_BUTTON_OFFSET);
      await waitForHook(quest, (h) => !h.wristMenu?.open, 10_000, 'the menu to close');
      await pressMenuButton(quest, MENU_TAB_OFFSET);
      await waitForHook(quest, (h) => h.wristMenu?.open === true, 10_000, 'the menu to open from its tab');
      await pressMenuButton(quest, LEAVE_BUTTON_OFFSET, true);
      await waitForHook(spectator, (h) => !('Quest' in h.peerLabels), 15_000, 'the player to leave the room');
      await waitForHook(quest, (h) => h.mode === 'landing' && h.xrSessionMode === null, 15_000, 'the page back on the landing page, out of VR');
    } finally {
      await Promise.all(guests.map((g) => g.client.leave()));
    }
  }, 420_000); // software GL renders a few frames a second, and every press waits for frames

  itStayedOffline(env);
});
