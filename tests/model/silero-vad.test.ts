/**
 * Silero VAD v5 (the ONNX file shipped in @ricky0123/vad-web) through onnxruntime-web's Node build,
 * driven the way the classifier worker drives it: a 16 kHz ring written in 128-sample blocks
 * (as the worklet does), the speech detector pumped every 32 ms of audio time on a run queue,
 * the shipped hysteresis. Real held-out speech (RAVDESS actors 19–24) in synthetic household
 * noise: the speech must be found, the noise-only stretches must stay quiet.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRunQueue } from '../../src/emotion/emotion-classifier';
import { createOrtSileroModel } from '../../src/emotion/ort-session';
import { createSpeechDetector, type SpeechVerdictChange } from '../../src/emotion/vad/speech-detector';
import { createRingBuffer } from '../../src/shared/ring-buffer';
import { hasCommand, RAVDESS, ravdessClip, soxRead } from '../fixtures/audio';
import { householdNoise, mixAtSnr } from '../fixtures/noise';
import { SILERO_VAD_PATH } from '../fixtures/model';
import { createSeededRandom } from '../fixtures/seeded-random';

const RATE = 16000;
const PAD = 2 * RATE;
const FRAME = 512;
const ready = RAVDESS !== null && hasCommand('sox');
if (!ready) console.warn('Silero VAD model test skipped: needs RAVDESS under EMOTONE_DATASETS (default ../shared/datasets) and sox on PATH.');

/** Runs `x` through ring → detector → real Silero; returns the stretches of speech [onset, end) in samples of `x`. */
async function detect(x: Float32Array): Promise<[number, number][]> {
  const model = await createOrtSileroModel(new Uint8Array(readFileSync(SILERO_VAD_PATH)));
  const ring = createRingBuffer(8 * RATE, false);
  const changes: SpeechVerdictChange[] = [];
  const detector = createSpeechDetector({ ring, model, queue: createRunQueue(), onChange: (c) => changes.push(c) });
  for (let at = 0; at + 128 <= x.length; at += 128) {
    ring.write(x.subarray(at, at + 128));
    if ((at / 128) % 4 === 3) await detector.pump(((at + 128) / RATE) * 1000); // every 512 samples = 32 ms
  }
  await model.dispose();
  const stretches: [number, number][] = [];
  for (const c of changes) {
    if (c.speaking) stretches.push([c.onsetSample, x.length]);
    else stretches.at(-1)![1] = c.atSample;
  }
  return stretches;
}

/** Frames (512 samples, positions in the mix) where the clean clip is within 30 dB of its loudest frame. */
function speechFrames(clean: Float32Array): number[] {
  const db = (at: number) => {
    let e = 0;
    for (let i = at; i < at + FRAME; i++) e += clean[i]! ** 2;
    return 10 * Math.log10(e / FRAME + 1e-12);
  };
  const starts = Array.from({ length: Math.floor(clean.length / FRAME) }, (_, f) => f * FRAME);
  const peak = Math.max(...starts.map(db));
  return starts.filter((at) => db(at) > peak - 30).map((at) => at + PAD);
}

const inside = (stretches: [number, number][], at: number) => stretches.some(([a, b]) => at + FRAME / 2 >= a && at + FRAME / 2 < b);

describe.skipIf(!ready)('Silero VAD v5 in onnxruntime-web (Node), through the speech detector', () => {
  const clips = [19, 20, 21, 22, 23, 24].flatMap((actor) => [ravdessClip(actor, 1), ravdessClip(actor, 5), ravdessClip(actor, 4, 2)]);

  it.each([10, 0])('finds held-out speech in household noise at %i dB SNR and stays quiet in the noise around it', async (snrDb) => {
    const random = createSeededRandom(11 + snrDb);
    let speech = 0;
    let found = 0;
    let noiseFrames = 0;
    let falseFrames = 0;
    for (const path of clips) {
      const clean = soxRead(path, RATE);
      const x = mixAtSnr(clean, householdNoise(clean.length + 2 * PAD, random, RATE), snrDb, PAD);
      const stretches = await detect(x);
      const frames = speechFrames(clean);
      speech += frames.length;
      found += frames.filter((at) => inside(stretches, at)).length;
      // Noise only: the 2 s before the clip and its end (after the hangover) to the end of the mix.
      const quiet = (at: number) => at + FRAME <= PAD || at >= PAD + clean.length + 0.5 * RATE;
      for (let at = 0; at + FRAME <= x.length; at += FRAME) {
        if (!quiet(at)) continue;
        noiseFrames++;
        if (inside(stretches, at)) falseFrames++;
      }
    }
    const recall = found / speech;
    const falseAlarm = falseFrames / noiseFrames;
    console.log(`Silero VAD, household noise ${snrDb} dB SNR, ${clips.length} clips: recall ${(100 * recall).toFixed(1)} %, false alarms ${(100 * falseAlarm).toFixed(1)} % of noise-only frames`);
    expect(recall).toBeGreaterThan(0.85);
    expect(falseAlarm).toBeLessThan(0.05);
  });

  it('says nothing during 20 s of household noise alone', async () => {
    const stretches = await detect(householdNoise(20 * RATE, createSeededRandom(5), RATE).map((v) => 0.05 * v));
    expect(stretches).toEqual([]);
  });
});
