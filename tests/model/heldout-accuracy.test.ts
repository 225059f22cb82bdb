import type { EmotionLabel } from '../../src/shared/emotion-labels';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { InferenceSession } from 'onnxruntime-web';
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

interface Figures { uar: number; core4_uar?: number | null }

interface EvalFile {
  protocol: { test_speakers: Record<string, string[]>; trim: { frame_samples: number; threshold_db: number } };
  results: Record<string, { clips: number; speakers: string[]; window_2s: { n: number; uar: number; accuracy: number; confusion: number[][]; core?: { uar: number } | null } }> & { ravdess: { window_2s: { n: number; uar: number; accuracy: number } } };
  unseen_corpora?: { tests: Record<string, Figures & { clips: number; speakers: string[] }> };
}

/** One test clip: whose, what it is, its samples, and where it falls in its speaker's running profile. */
interface Clip { speaker: string; truth: number; wave: Float32Array; order: string }

/** Core classes of the leave-one-corpus-out figures (training/loco.py CORE). */
const CORE4: readonly EmotionLabel[] = ['neutral', 'happy', 'sad', 'angry'];

/**
 * Scores clips as the app runs the model (training/evaluate.py evaluate_rows): 2 s windows over
 * the voiced span; a speaker-profile model gets, for each clip, the mean band means of the
 * speaker's earlier clips (by speaker, then SHA-1 of the path: training/profile.py
 * profile_order) pulled towards the initial profile by priorWindows windows. Returns the 8-class
 * confusion of all windows and the 4-class one of the core windows (each read as the most
 * probable of the four).
 */
async function scoreClips(session: InferenceSession, clips: Clip[], ev: EvalFile): Promise<{ confusion: number[][]; core: number[][] }> {
  const labels = CONTRACT;
  const window = (labels.windowMs * labels.sampleRateHz) / 1000;
  const hop = (labels.hopMs * labels.sampleRateHz) / 1000;
  const minSamples = (labels.minInputMs * labels.sampleRateHz) / 1000;
  const c = labels.labels.length;
  const coreIdx = CORE4.map((l) => (labels.labels as readonly string[]).indexOf(l));
  const confusion = labels.labels.map(() => new Array<number>(c).fill(0));
  const core = CORE4.map(() => new Array<number>(CORE4.length).fill(0));
  const sp = labels.speakerProfile;
  const ordered = [...clips].sort((a, b) => a.speaker.localeCompare(b.speaker) || a.order.localeCompare(b.order));
  const sums = new Map<string, { sum: Float64Array; heard: number }>();
  for (const clip of ordered) {
    const acc = sums.get(clip.speaker) ?? { sum: new Float64Array(sp?.size ?? 0), heard: 0 };
    sums.set(clip.speaker, acc);
    const [s, e] = voicedBounds(clip.wave, ev.protocol.trim.frame_samples, ev.protocol.trim.threshold_db);
    const profile = sp ? sp.initial.map((v, i) => (sp.priorWindows * v + (acc.sum[i] ?? 0)) / (sp.priorWindows + acc.heard)) : undefined;
    const clipBands: Float32Array[] = [];
    for (const start of windowStarts(clip.wave.length, s, e, window, hop)) {
      const out = await runBatch(session, [cutWindow(clip.wave, start, window, minSamples)], profile);
      const probs = out.probabilities.data as Float32Array;
      const row = confusion[clip.truth]!;
      const predicted = argmax(probs, 0, c);
      row[predicted] = (row[predicted] ?? 0) + 1;
      const coreTruth = coreIdx.indexOf(clip.truth);
      if (coreTruth >= 0) {
        let best = 0;
        for (let k = 1; k < coreIdx.length; k++) if (probs[coreIdx[k]!]! > probs[coreIdx[best]!]!) best = k;
        core[coreTruth]![best]! += 1;
      }
      if (out.band_means) clipBands.push(out.band_means.data as Float32Array);
    }
    for (const bands of clipBands) bands.forEach((v, i) => (acc.sum[i] = (acc.sum[i] ?? 0) + v));
    acc.heard += clipBands.length;
  }
  return { confusion, core };
}

/** Unweighted average recall over the classes with support. */
function uarOf(confusion: number[][]): number {
  const recalls = confusion
    .map((row, i) => ({ hit: row[i] ?? 0, support: row.reduce((a, x) => a + x, 0) }))
    .filter((r) => r.support > 0)
    .map((r) => r.hit / r.support);
  return recalls.reduce((a, x) => a + x, 0) / recalls.length;
}

describe.skipIf(!ready)('held-out RAVDESS actors, recomputed in TypeScript', () => {
  it('agrees with models/eval.json (2 s windows: window count, accuracy, UAR)', async () => {
    const labels = CONTRACT;
    const ev = JSON.parse(readFileSync(resolve(repoRoot, 'models/eval.json'), 'utf8')) as EvalFile;
    const session = await createModelSession();
    const clips: Clip[] = [];
    for (const actor of ev.protocol.test_speakers.ravdess ?? []) {
      const dir = join(ravdessDir, `Actor_${actor}`);
      for (const file of readdirSync(dir).filter((f) => /^03-01-.*\.(flac|wav)$/.test(f))) {
        const truth = (labels.labels as readonly string[]).indexOf(ravdessLabels[file.split('-')[2] ?? ''] ?? '');
        expect(truth, file).toBeGreaterThanOrEqual(0);
        const order = labels.speakerProfile ? createHash('sha1').update(`ravdess/Actor_${actor}/${file}`).digest('hex') : file;
        clips.push({ speaker: actor, truth, wave: decodeFlac(join(dir, file)), order });
      }
    }
    const { confusion } = await scoreClips(session, clips, ev);
    const n = confusion.flat().reduce((a, x) => a + x, 0);
    const correct = confusion.reduce((a, row, i) => a + (row[i] ?? 0), 0);
    const uar = uarOf(confusion);
    const expected = ev.results.ravdess.window_2s;
    console.log(`TypeScript recompute: ${n} windows, accuracy ${(correct / n).toFixed(4)}, UAR ${uar.toFixed(4)}; ` +
      `eval.json: ${expected.n} windows, accuracy ${expected.accuracy.toFixed(4)}, UAR ${expected.uar.toFixed(4)}`);
    expect(n).toBe(expected.n);
    expect(Math.abs(correct / n - expected.accuracy)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(uar - expected.uar)).toBeLessThanOrEqual(0.005);
  });
});

const asedDir = join(datasetsRoot, 'ased');
const python = process.env.EMOTONE_PYTHON ?? '/usr/bin/python3';
const asedReady = existsSync(modelPath) && existsSync(asedDir) && spawnSync(python, ['-c', 'import soundfile, torchaudio']).status === 0;
if (!asedReady) console.warn(`ASED recompute skipped: needs models/emotion.onnx, ASED under ${asedDir} and ${python} with soundfile and torchaudio.`);

/** eval.json's ASED figures: among the corpora it never heard, or its held-out speakers when trained on it. */
function asedFigures(ev: EvalFile): (Figures & { clips: number; speakers: string[]; heard: boolean }) | undefined {
  const unseen = ev.unseen_corpora?.tests.ased;
  if (unseen) return { ...unseen, heard: false };
  const r = ev.results.ased;
  return r && { clips: r.clips, speakers: r.speakers, uar: r.window_2s.uar, core4_uar: r.window_2s.core?.uar ?? null, heard: true };
}

describe.skipIf(!asedReady)('a fourth language (ASED test speakers), recomputed in TypeScript', () => {
  it('agrees with models/eval.json (2 s windows: UAR over its classes, 4-class core UAR)', async () => {
    const labels = CONTRACT;
    const ev = JSON.parse(readFileSync(resolve(repoRoot, 'models/eval.json'), 'utf8')) as EvalFile;
    const expected = asedFigures(ev);
    expect(expected, 'models/eval.json has ASED figures (unseen_corpora.tests.ased or results.ased)').toBeDefined();
    expect(expected!.core4_uar, 'eval.json has the 4-class core UAR for ASED').toEqual(expect.any(Number));
    // The clips are chosen and decoded by the pipeline's own code (Opus through libsndfile);
    // everything after decoding is TypeScript.
    const dir = mkdtempSync(join(tmpdir(), 'emotone-ased-'));
    try {
      const dump = spawnSync(python, ['-m', 'training.dump_eval_set', '--corpus', 'ased', '--out', dir], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, EMOTONE_DATASETS: datasetsRoot } });
      expect(dump.status, dump.stderr).toBe(0);
      const rows = JSON.parse(readFileSync(join(dir, 'rows.json'), 'utf8')) as { path: string; speaker: string; label: string; samples: number }[];
      const bytes = readFileSync(join(dir, 'waves.f32'));
      const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      let at = 0;
      const clips: Clip[] = rows.map((r) => {
        const wave = all.slice(at, at + r.samples);
        at += r.samples;
        const truth = (labels.labels as readonly string[]).indexOf(r.label);
        expect(truth, r.path).toBeGreaterThanOrEqual(0);
        return { speaker: r.speaker, truth, wave, order: createHash('sha1').update(r.path).digest('hex') };
      });
      expect(clips.length).toBe(expected!.clips);
      expect([...new Set(clips.map((c) => c.speaker))].sort()).toEqual([...expected!.speakers].sort());
      const { confusion, core } = await scoreClips(await createModelSession(), clips, ev);
      const uar = uarOf(confusion);
      const core4 = uarOf(core);
      console.log(`TypeScript recompute, ASED (${expected!.heard ? 'held-out speakers' : 'never trained on'}): ${clips.length} clips, UAR ${uar.toFixed(4)}, 4-class core UAR ${core4.toFixed(4)}; ` +
        `eval.json: UAR ${expected!.uar.toFixed(4)}, core ${expected!.core4_uar!.toFixed(4)}`);
      expect(Math.abs(uar - expected!.uar)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(core4 - expected!.core4_uar!)).toBeLessThanOrEqual(0.005);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
