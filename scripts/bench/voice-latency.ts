/**
 * Latency from the start of an emotional clip in the fake microphone to the spectator page showing
 * its label: median and p90 over several loops of a RAVDESS held-out sequence. The clip "starts"
 * at its speech onset as the player's VAD timed it (RAVDESS clips open with ~1 s of room tone).
 * Run: npx tsx scripts/bench/voice-latency.ts   (needs ../shared/datasets; prints why not otherwise)
 */
import { buildFakeMicWav, DATASETS, pickRavdessClips } from '../../tests/harness/voice-audio';
import { readSpectator, readVoice, recordSpectator } from '../../tests/harness/voice-pages';
import { openSpectator, waitForHook } from '../../tests/harness/hook';
import { fmt, joinWithVoice, startBench } from './voice-common';
import { describeBackend } from '../../src/ui/voice-text';

const LOOPS = Number(process.env.BENCH_LOOPS ?? 6);

if (!DATASETS) {
  console.log('latency: skipped: ../shared/datasets (RAVDESS) is absent, and synthetic speech carries no emotion to time.');
  process.exit(0);
}
const clips = await pickRavdessClips(['angry', 'happy', 'sad']);
const emotions = new Set<string>(clips.map((c) => c.emotion));
console.log(`clips: ${clips.map((c) => `${c.emotion} ${c.path.split('/').at(-1)}`).join(', ')}`);
const fake = buildFakeMicWav([{ path: null, seconds: 2 }, ...clips.flatMap((c) => [{ path: c.path, label: c.emotion }, { path: null, seconds: 3 }])]);
const bench = await startBench(fake.wav);
try {
  const spectator = await bench.browser.newPage('spectator');
  await openSpectator(spectator, bench.server.url);
  const player = await bench.browser.newPage('player');
  const ready = await joinWithVoice(player, bench.server.url, 'Lat', '');
  console.log(`inference: ${describeBackend(ready.status)}`);
  await waitForHook(spectator, (h) => 'Lat' in h.peerLabels, 30_000, 'the player in the spectator');
  await recordSpectator(spectator, 'Lat', []);
  const startedAt = Date.now();
  await player.waitForTimeout(LOOPS * fake.seconds * 1000 + 3000);
  const voice = (await readVoice(player))!;
  const shown = (await readSpectator(spectator)).labels;
  // Group VAD onsets into utterances (a clip may pause inside); each clip's first onset starts the clock.
  const onsets = voice.speechOnsets.filter((t) => t >= startedAt);
  const starts = onsets.filter((t, i) => i === 0 || t - onsets[i - 1]! > 2000);
  const latencies: number[] = [];
  let missed = 0;
  starts.forEach((t0, i) => {
    const next = starts[i + 1] ?? Infinity;
    const hit = shown.find((s) => s.atMs >= t0 && s.atMs < next && emotions.has(s.label));
    if (hit) latencies.push(hit.atMs - t0);
    else missed++;
  });
  console.log(`${starts.length} clip onsets over ${LOOPS} loops; ${missed} showed no emotion in the spectator before the next clip`);
  console.log(fmt('clip speech onset → spectator label', latencies, 0));
} finally {
  await bench.close();
}
