/**
 * Fake-microphone audio for the voice tests, made at test time with sox (never committed):
 * RAVDESS held-out actors when ../shared/datasets exists, espeak-ng speech otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRunQueue } from '../../../src/emotion/emotion-classifier';
import { parseModelContract } from '../../../src/emotion/model-contract';
import { createOrtClassifier } from '../../../src/emotion/ort-session';
import { REPO_ROOT } from './paths';

/** The datasets folder (EMOTONE_DATASETS, default ../shared/datasets), or null. */
export const DATASETS: string | null = (() => {
  const dir = resolve(process.env.EMOTONE_DATASETS ?? resolve(REPO_ROOT, '../shared/datasets'));
  return existsSync(join(dir, 'ravdess')) ? dir : null;
})();

const RAVDESS_CODE = { neutral: 1, calm: 2, happy: 3, sad: 4, angry: 5, fearful: 6, disgust: 7, surprised: 8 } as const;
/** Emotions the RAVDESS corpus codes. */
export type RavdessEmotion = keyof typeof RAVDESS_CODE;

/** One segment of the fake-microphone file. */
export interface Segment {
  /** Source file, or null for digital silence. */
  path: string | null;
  seconds: number;
  /** Expected label (null for silence). */
  label: string | null;
  startS: number;
}

function decode16k(path: string): Float32Array {
  const out = execFileSync('sox', [path, '-t', 'f32', '-c', '1', '-r', '16000', '-'], { maxBuffer: 1 << 28 });
  return new Float32Array(out.buffer, out.byteOffset, out.byteLength / 4).slice();
}

/**
 * Picks, for each emotion, held-out clips (actors 19–24, strong intensity) that the shipped model
 * itself labels correctly in Node (mean of 2 s windows over the clip's middle). The browser must
 * then reproduce that label through the whole chain: fake mic → worklet → resampler → VAD → worker
 * → smoothing → room → spectator. The model's own accuracy is the model card's business.
 */
export async function pickRavdessClips(emotions: readonly RavdessEmotion[], perEmotion = 1): Promise<Map<RavdessEmotion, string[]>> {
  if (!DATASETS) throw new Error('datasets absent');
  const contract = parseModelContract(JSON.parse(readFileSync(join(REPO_ROOT, 'models/labels.json'), 'utf8')));
  const model = new Uint8Array(readFileSync(join(REPO_ROOT, 'models/emotion.onnx')));
  const classifier = await createOrtClassifier(model, contract, 'wasm', createRunQueue());
  const picked = new Map<RavdessEmotion, string[]>();
  for (const emotion of emotions) {
    const chosen: string[] = [];
    for (const actor of [19, 20, 21, 22, 23, 24]) {
      for (const statement of [1, 2]) {
        for (const repetition of [1, 2]) {
          if (chosen.length >= perEmotion) break;
          const two = (n: number) => String(n).padStart(2, '0');
          const intensity = emotion === 'neutral' ? 1 : 2;
          const path = join(DATASETS, 'ravdess', `Actor_${two(actor)}`, `03-01-${two(RAVDESS_CODE[emotion])}-${two(intensity)}-${two(statement)}-${two(repetition)}-${two(actor)}.flac`);
          if (!existsSync(path)) continue;
          const x = decode16k(path);
          const mean = new Float64Array(contract.labels.length);
          const starts = [0.25, 0.5].map((f) => Math.max(0, Math.floor(x.length * f) - 16000));
          for (const s of starts) {
            const p = (await classifier.classify(x.slice(s, s + 32000))).probabilities;
            p.forEach((v, i) => (mean[i]! += v));
          }
          if (contract.labels[mean.indexOf(Math.max(...mean))] === emotion) chosen.push(path);
        }
      }
    }
    if (chosen.length === 0) throw new Error(`no held-out ${emotion} clip is labelled ${emotion} by the model`);
    picked.set(emotion, chosen);
  }
  await classifier.dispose();
  return picked;
}

/** Synthesises a sentence with espeak-ng (plumbing only: no emotion in it). */
export function espeakClip(text: string, dir: string, name: string): string {
  const path = join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-s', '150', '-w', path, text]);
  return path;
}

/** Concatenates segments into one 48 kHz mono 16-bit WAV; returns its path and the layout. */
export function buildFakeMicWav(parts: { path: string | null; seconds?: number; label?: string | null }[]): { wav: string; segments: Segment[]; seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'emotone-fake-mic-'));
  const files: string[] = [];
  const segments: Segment[] = [];
  let at = 0;
  parts.forEach((part, i) => {
    const file = join(dir, `part-${i}.wav`);
    if (part.path === null) execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', file, 'trim', '0', String(part.seconds ?? 2)]);
    else execFileSync('sox', [part.path, '-r', '48000', '-c', '1', '-b', '16', file]);
    const seconds = Number(execFileSync('soxi', ['-D', file]).toString().trim());
    segments.push({ path: part.path, seconds, label: part.label ?? null, startS: at });
    at += seconds;
    files.push(file);
  });
  const wav = join(dir, 'fake-mic.wav');
  execFileSync('sox', [...files, wav]);
  return { wav, segments, seconds: at };
}
