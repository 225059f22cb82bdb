import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TIMING } from '../../src/shared/engagement';
import { joinAsPlayer, waitForHook } from '../harness/hook';
import { RESULTS_DIR } from '../harness/paths';
import { buildFakeMicWav, DATASETS, espeakClip } from '../harness/voice-audio';
import { setupE2e } from '../harness/environment';
import { fakeMicFlags, waitForVoiceReady } from '../harness/voice-pages';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const TOKEN = 'operator-test-token-5f1c';
/** Short rounds, so three fit in a test; everything else as in production. */
const TIMING = { ...ACTIVITY_TIMING, offerMs: 4000, roundMs: 8000, resultsMs: 3000, finishedMs: 15_000 };

/** Fake-microphone speech that changes emotion: held-out RAVDESS actors (espeak-ng without ../shared). */
function emotionalSpeech(): string {
  const speech = DATASETS
    ? ['03-01-03-02-01-01-22.flac', '03-01-05-02-01-01-23.flac', '03-01-04-02-02-01-24.flac'].map((f) => join(DATASETS!, 'ravdess', `Actor_${f.slice(-7, -5)}`, f))
    : [espeakClip('What a lovely day it is, I am so glad you came!', mkdtempSync(join(tmpdir(), 'emotone-echo-')), 'echo')];
  return buildFakeMicWav(speech.flatMap((path) => [{ path }, { path: null, seconds: 1 }])).wav;
}

describe('Emotion Echo and the operator view (production build, real server)', () => {
  const env = setupE2e(() => ({ extraArgs: fakeMicFlags(emotionalSpeech()) }), { operatorToken: TOKEN, room: { activityTiming: TIMING } });

  it('plays three rounds scored on each device, shows the scoreboard to players and spectators, and the operator sees the figures', async () => {
    const { server, browser } = env;
    const ann = await browser.newPage('ann');
    await joinAsPlayer(ann, server.url, 'Ann', '&voice=on&micProcessing=off');
    const ben = await browser.newPage('ben');
    await joinAsPlayer(ben, server.url, 'Ben', '&voice=on&micProcessing=off');
    await Promise.all([waitForVoiceReady(ann), waitForVoiceReady(ben)]);
    const spectator = await browser.newPage('operator');
    await spectator.goto(`${server.url}/?spectate&operator`);
    // A third page loading the app beside two running the model: on a busy 2-core machine that took over 30 s.
    await waitForHook(spectator, (h) => h.connection === 'connected' && 'Ann' in h.peerLabels && 'Ben' in h.peerLabels, 90_000, 'both players in the spectator');

    // A wrong token is refused with a clear message; the right one shows the figures.
    await spectator.getByTestId('operator-token').fill('not-the-token');
    await spectator.getByRole('button', { name: 'Show figures' }).click();
    await expect.poll(() => spectator.getByTestId('operator-error').textContent(), { timeout: 10_000 }).toMatch(/token/i);
    expect(await spectator.getByTestId('operator-token').isVisible()).toBe(true); // asked again, nothing shown
    expect(await spectator.getByTestId('operator-figures').count()).toBe(0);

    await ann.getByTestId('start-activity').click();
    await expect.poll(() => ann.getByTestId('activity').getAttribute('data-phase'), { timeout: 10_000 }).toBe('offered');
    await expect.poll(() => spectator.getByTestId('activity').getAttribute('data-phase'), { timeout: 10_000 }).toBe('offered');
    await expect.poll(() => ben.getByTestId('activity-target').textContent(), { timeout: 15_000 }).toMatch(/\w+/);

    // After the last round: every row has three round cells; at least one device sent a score.
    await expect.poll(() => ann.getByTestId('activity').getAttribute('data-phase'), { timeout: 60_000, interval: 500 }).toBe('finished');
    const rows = await ann.getByTestId('score-row').allTextContents();
    console.log(`scoreboard: ${rows.join(' | ')}`);
    expect(rows).toHaveLength(2);
    expect(rows.join(' ')).toMatch(/\d+ %/);
    // The spectator is another client: its patch and render may come a frame or two after Ann's.
    await expect.poll(() => spectator.getByTestId('score-row').count(), { timeout: 10_000 }).toBe(2);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await ann.screenshot({ path: join(RESULTS_DIR, 'activity-scoreboard-player.png') });
    await spectator.screenshot({ path: join(RESULTS_DIR, 'activity-scoreboard-spectator.png') });

    await spectator.getByTestId('operator-token').fill(TOKEN);
    await spectator.getByRole('button', { name: 'Show figures' }).click();
    await expect.poll(() => spectator.getByTestId('operator-figures').textContent(), { timeout: 15_000 }).toMatch(/\d/);
    await expect.poll(() => spectator.locator('[data-testid=operator-timeline] canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const figures = await spectator.getByTestId('operator-figures').textContent();
    console.log(`operator figures: ${figures}`);
    expect(figures).toMatch(/Emotion Echo|activit/i);
    await spectator.screenshot({ path: join(RESULTS_DIR, 'operator-plots.png'), fullPage: true });
    console.log(`screenshots saved in ${RESULTS_DIR}: activity-scoreboard-player.png, activity-scoreboard-spectator.png, operator-plots.png`);
  });
});
