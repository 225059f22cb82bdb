import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { joinAsPlayer, openSpectator, waitForHook } from '../harness/hook';
import { RESULTS_DIR } from '../harness/paths';
import { buildFakeMicWav, DATASETS, espeakClip } from '../harness/voice-audio';
import { setupE2e } from '../harness/environment';
import { fakeMicFlags, readVoice, waitForVoiceReady } from '../harness/voice-pages';

/** Low-energy speech: RAVDESS held-out actors speaking calmly and sadly (normal intensity), or slow quiet espeak-ng. */
function lowEnergySpeech(): string[] {
  if (DATASETS) {
    return ['03-01-02-01-01-01-19.flac', '03-01-04-01-02-01-20.flac', '03-01-02-01-02-02-21.flac'].map((f) => join(DATASETS!, 'ravdess', `Actor_${f.slice(-7, -5)}`, f));
  }
  const dir = mkdtempSync(join(tmpdir(), 'emotone-drowsy-'));
  return [espeakClip('I am so tired today. I think I will just sit here for a while.', dir, 'tired')];
}

/** Low-energy speech, then a long silence before the loop brings speech back (which answers the nudge). */
function lowEnergyThenSilence(): string {
  if (!DATASETS) console.warn('drowsy e2e: ../shared/datasets is absent: the low-energy speech is slow, quiet espeak-ng.');
  return buildFakeMicWav([{ path: null, seconds: 1 }, ...lowEnergySpeech().map((path) => ({ path })), { path: null, seconds: 95 }]).wav;
}

/** Reads the page's engagement hook. */
const engagement = (page: Page) =>
  page.evaluate(() => {
    const e = window.__emotone?.engagement;
    return e ? { state: e.state, drowsiness: e.drowsiness, nudgeLevel: e.nudgeLevel, nudgeInView: e.nudgeInView, hapticPulses: e.hapticPulses, evidence: e.evidence } : null;
  });

/**
 * Drives the emulated headset's head in the page by elapsed time, whatever the frame rate: still
 * for `stillMs`, then nodding off every 8 s (a slow 3.5 s drop of 0.5 rad, within the 2–5 s of
 * the unit tests' traces, and a 0.1 s jerk back). The emulated headset renders about 3 frames a
 * second here (software GL, two pages; frame gaps median 345 ms, p90 520 ms), 1–2 with a core
 * busy, so the jerk usually falls between two frames: the detector times such a rise by half its
 * gaps (src/engagement/head-motion.ts), and a slow drop keeps the jerk 4× faster at 1 frame a second.
 */
function nodOff(page: Page, stillMs: number): Promise<void> {
  return page.evaluate((still) => {
    const device = window.__iwerDevice;
    if (!device) throw new Error('no emulated headset');
    const start = performance.now();
    setInterval(() => {
      const t = performance.now() - start;
      let pitch = -0.1;
      if (t > still) {
        const into = (t - still) % 8000;
        if (into < 3500) pitch -= 0.5 * (into / 3500);
        else if (into < 3600) pitch -= 0.5 * (1 - (into - 3500) / 100);
      }
      device.quaternion.set(Math.sin(pitch / 2), 0, 0, Math.cos(pitch / 2));
    }, 33);
  }, stillMs);
}

describe('drowsiness nudges a wearer privately (IWER Quest 3, fake microphone)', () => {
  const env = setupE2e(() => ({ extraArgs: fakeMicFlags(lowEnergyThenSilence()) }));

  it('shows a nudge in the headset, pulses the controller, clears when the wearer speaks again; the spectator never sees it', { timeout: 360_000 }, async () => {
    const { server, browser } = env;
    const spectator = await browser.newPage('spectator');
    await openSpectator(spectator, server.url);
    const quest = await browser.newPage('quest');
    await joinAsPlayer(quest, server.url, 'Sleepy', '&xremulate=quest3&voice=on&micProcessing=off&engagementTiming=fast');
    await waitForVoiceReady(quest);
    await quest.getByTestId('hud-enter-vr').click();
    await waitForHook(quest, (h) => h.xrSessionMode === 'immersive-vr', 60_000, 'an immersive session');
    await waitForHook(spectator, (h) => 'Sleepy' in h.peerLabels, 20_000, 'the player in the spectator');

    // Let the low-energy speech play out, then the head sits still and starts nodding off.
    await expect.poll(async () => (await readVoice(quest))?.speechOnsets.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    await nodOff(quest, 4000);
    const trail: string[] = [];
    await expect
      .poll(async () => {
        const e = await engagement(quest);
        const ev = e?.evidence;
        trail.push(`${e?.state}/${e?.drowsiness.toFixed(2)}/L${e?.nudgeLevel}/nods ${ev?.nods} head ${ev?.coveredMs.toFixed(0)} ms ${ev?.headSpeed.toFixed(3)} rad/s voice ${ev?.lowEnergy.toFixed(2)}`);
        return e?.nudgeLevel ?? 0;
      }, { timeout: 90_000, interval: 1000 })
      .toBeGreaterThanOrEqual(2)
      .catch((error: unknown) => {
        throw new Error(`no level-2 nudge; engagement every second: ${trail.join(' ')}`, { cause: error });
      });
    const shown = (await engagement(quest))!;
    console.log(`nudge: level ${shown.nudgeLevel}, state ${shown.state}, drowsiness ${shown.drowsiness.toFixed(2)}, in view ${shown.nudgeInView}, haptic pulses ${shown.hapticPulses}`);
    expect(shown.nudgeInView).toBe(true);
    expect(shown.hapticPulses).toBeGreaterThan(0);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await quest.screenshot({ path: join(RESULTS_DIR, 'nudge-in-xr.png') });

    // Private: the spectator's page has no nudge, and the room shows only "present" for this wearer.
    expect(await spectator.getByTestId('nudge').count()).toBe(0);
    const row = spectator.getByTestId('roster-row').filter({ hasText: 'Sleepy' });
    expect(await row.getByTestId('drowsy-flag').getAttribute('class')).toBe('flag');
    expect(await spectator.evaluate(() => window.__emotone?.engagement ?? null)).toBeNull();

    // The fake microphone loops back to speech: speaking answers the nudge. The loop comes back at a
    // fixed point of the captured audio (about 107 s in), so the wait depends on when the nudge came:
    // 80 s in one CI run, at level 3 by then.
    const answerTrail: string[] = [];
    await expect
      .poll(async () => {
        const [e, v] = await Promise.all([engagement(quest), readVoice(quest)]);
        answerTrail.push(`L${e?.nudgeLevel}/onsets ${v?.speechOnsets.length}/${((v?.captured.samples ?? 0) / 16000).toFixed(0)} s`);
        return e?.nudgeLevel ?? -1;
      }, { timeout: 180_000, interval: 1000 })
      .toBe(0)
      .catch((error: unknown) => {
        throw new Error(`speech did not answer the nudge; every second: ${answerTrail.join(' ')}`, { cause: error });
      });
    console.log(`answered by speech after ${answerTrail.length} polls: ${answerTrail.slice(-3).join(' ')}`);
    expect((await engagement(quest))!.nudgeInView).toBe(false);
  });
});
