/** Test helpers: real audio made or converted with sox / espeak-ng, and signal measures. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the shared datasets live (env EMOTONE_DATASETS, default ../shared/datasets from the repo root). */
export const DATASETS = resolve(process.env.EMOTONE_DATASETS ?? resolve(process.cwd(), '../shared/datasets'));
/** RAVDESS root, or null when the datasets are absent. */
export const RAVDESS: string | null = existsSync(join(DATASETS, 'ravdess')) ? join(DATASETS, 'ravdess') : null;

/** True when a command exists on PATH. */
export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Decodes any file sox reads to mono float32 at `rateHz` (sox's own high-quality resampler). */
export function soxRead(path: string, rateHz: number, extraEffects: string[] = []): Float32Array {
  const out = execFileSync('sox', [path, '-t', 'f32', '-c', '1', '-r', String(rateHz), '-', ...extraEffects], {
    maxBuffer: 1 << 28,
  });
  return new Float32Array(out.buffer, out.byteOffset, out.byteLength / 4).slice();
}

/** Speech synthesised by espeak-ng, as a WAV path in a temp dir. */
export function espeakWav(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'emotone-speech-'));
  const path = join(dir, 'speech.wav');
  execFileSync('espeak-ng', ['-w', path, text]);
  return path;
}

/** A RAVDESS clip path: actor 1..24, emotion code 1..8, statement 1..2, repetition 1..2, intensity 1..2. */
export function ravdessClip(actor: number, emotion: number, statement = 1, repetition = 1, intensity = 2): string {
  if (!RAVDESS) throw new Error('RAVDESS not available');
  const two = (n: number) => String(n).padStart(2, '0');
  const i = emotion === 1 ? 1 : intensity; // neutral has only normal intensity
  return join(RAVDESS, `Actor_${two(actor)}`, `03-01-${two(emotion)}-${two(i)}-${two(statement)}-${two(repetition)}-${two(actor)}.flac`);
}

/** A sine tone. */
export function tone(freqHz: number, rateHz: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rateHz * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / rateHz);
  return out;
}

/** Signal-to-noise ratio of `actual` against `reference` over [from, to), in dB. */
export function snrDb(reference: ArrayLike<number>, actual: ArrayLike<number>, from: number, to: number): number {
  let signal = 0;
  let noise = 0;
  for (let i = from; i < to; i++) {
    const r = reference[i] ?? 0;
    const e = (actual[i] ?? 0) - r;
    signal += r * r;
    noise += e * e;
  }
  return 10 * Math.log10(signal / Math.max(noise, 1e-30));
}

/** RMS level in dBFS over [from, to). */
export function rmsDb(x: ArrayLike<number>, from = 0, to = x.length): number {
  let e = 0;
  for (let i = from; i < to; i++) e += (x[i] ?? 0) ** 2;
  return 10 * Math.log10(e / Math.max(1, to - from) + 1e-20);
}
