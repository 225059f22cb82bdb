import type { EmotionLabel } from '../../src/shared/emotion-labels';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argmax, CONTRACT, createModelSession, modelPath, repoRoot, runBatch } from '../fixtures/model';
import { cutWindow, voicedBounds, windowStarts } from './windows';

const datasetsRoot = (() => {
  const raw = process.env.EMOTONE_DATASETS ?? '../shared/datasets';
  return isAbsolute(raw) ? raw : resolve(repoRoot, raw);
})();
const ravdessDir = join(datasetsRoot, 'ravdess');
const hasSox = spawnSync('sox', ['--version']).status === 0;
const ready = existsSync(modelPath) && existsSync(ravdessDir) && hasSox;
if (!ready) {
  console.warn(
    `held-out accuracy test skipped: needs models/emotion.onnx, RAVDESS under ${ravdessDir} ` +
      '(set EMOTONE_DATASETS; see training/adapters/ravdess.py for the download) and sox on PATH.',
  );
}

/** 16-bit FLAC -> float32 via sox (x / 32768, like libsndfile in the Python pipeline). */
function decodeFlac(path: string): Float32Array {
  const res = spawnSync('sox', [path, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-L', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`sox failed on ${path}: ${res.stderr}`);
  const buf = res.stdout as Buffer;
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

const ravdessLabels: Record<string, EmotionLabel> = {
  '01': 'neutral', '02': 'calm', '03': 'happy', '04': 'sad',
  '05': 'angry', '06': 'fearful', '07': 'disgust', '08': 'surprised',
};

interface EvalFile {
  protocol: { test_speakers: Record<string, string[]>; trim: { frame_samples: number; threshold_db: number } };
  results: { ravdess: { window_2s: { n: number; uar: number; accuracy: number; confusion: number[][] } } };
}

describe.skipIf(!ready)('held-out RAVDESS actors, recomputed in TypeScript', () => {
  it('agrees with models/eval.json (2 s windows: window count, accuracy, UAR)', async () => {
    const labels = CONTRACT;
    const ev = JSON.parse(readFileSync(resolve(repoRoot, 'models/eval.json'), 'utf8')) as EvalFile;
    const session = await createModelSession();
    const window = (labels.windowMs * labels.sampleRateHz) / 1000;
    const hop = (labels.hopMs * labels.sampleRateHz) / 1000;
    const minSamples = (labels.minInputMs * labels.sampleRateHz) / 1000;
    const c = labels.labels.length;
    const confusion = labels.labels.map(() => new Array<number>(c).fill(0));
    const sp = labels.speakerProfile;
    for (const actor of ev.protocol.test_speakers.ravdess ?? []) {
      const dir = join(ravdessDir, `Actor_${actor}`);
      // A speaker-profile model is scored as the app runs it (training/profile.py running_profiles):
      // each clip with the mean band means of the actor's earlier clips, in SHA-1-of-path order,
      // pulled towards the initial profile by priorWindows windows.
      const sha1 = (f: string) => createHash('sha1').update(`ravdess/Actor_${actor}/${f}`).digest('hex');
      const files = readdirSync(dir).filter((f) => /^03-01-.*\.(flac|wav)$/.test(f)).sort((a, b) => (sp ? sha1(a).localeCompare(sha1(b)) : a.localeCompare(b)));
      const sum = new Float64Array(sp?.size ?? 0);
      let heard = 0;
      for (const file of files) {
        const truth = (labels.labels as readonly string[]).indexOf(ravdessLabels[file.split('-')[2] ?? ''] ?? '');
        expect(truth, file).toBeGreaterThanOrEqual(0);
        const wave = decodeFlac(join(dir, file));
        const [s, e] = voicedBounds(wave, ev.protocol.trim.frame_samples, ev.protocol.trim.threshold_db);
        const profile = sp ? sp.initial.map((v, i) => (sp.priorWindows * v + (sum[i] ?? 0)) / (sp.priorWindows + heard)) : undefined;
        const clipBands: Float32Array[] = [];
        for (const start of windowStarts(wave.length, s, e, window, hop)) {
          const out = await runBatch(session, [cutWindow(wave, start, window, minSamples)], profile);
          const row = confusion[truth];
          const predicted = argmax(out.probabilities.data as Float32Array, 0, c);
          if (row) row[predicted] = (row[predicted] ?? 0) + 1;
          if (out.band_means) clipBands.push(out.band_means.data as Float32Array);
        }
        for (const bands of clipBands) bands.forEach((v, i) => (sum[i] = (sum[i] ?? 0) + v));
        heard += clipBands.length;
      }
    }
    const n = confusion.flat().reduce((a, x) => a + x, 0);
    const correct = confusion.reduce((a, row, i) => a + (row[i] ?? 0), 0);
    const recalls = confusion
      .map((row, i) => ({ hit: row[i] ?? 0, support: row.reduce((a, x) => a + x, 0) }))
      .filter((r) => r.support > 0)
      .map((r) => r.hit / r.support);
    const uar = recalls.reduce((a, x) => a + x, 0) / recalls.length;
    const expected = ev.results.ravdess.window_2s;
    console.log(`TypeScript recompute: ${n} windows, accuracy ${(correct / n).toFixed(4)}, UAR ${uar.toFixed(4)}; ` +
      `eval.json: ${expected.n} windows, accuracy ${expected.accuracy.toFixed(4)}, UAR ${expected.uar.toFixed(4)}`);
    expect(n).toBe(expected.n);
    expect(Math.abs(correct / n - expected.accuracy)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(uar - expected.uar)).toBeLessThanOrEqual(0.005);
  });
});
