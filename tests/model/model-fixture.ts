/**
 * Shared helpers for the model contract tests: the shipped files, an onnxruntime-web (WASM)
 * session, and a runner returning named outputs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const modelPath = resolve(repoRoot, 'models/emotion.onnx');

/** The subset of models/labels.json these tests read. */
export interface LabelsContract {
  sampleRateHz: number;
  windowMs: number;
  hopMs: number;
  minInputMs: number;
  input: { name: string; shape: string[]; dtype: string };
  labels: string[];
  outputs: Record<string, { shape: (string | number)[] }>;
  /** Present when the model takes the wearer's speaker profile (see src/emotion/speaker-profile.ts). */
  speakerProfile?: { input: string; output: string; size: number; initial: number[]; priorWindows: number };
}

export function readLabels(): LabelsContract {
  return JSON.parse(readFileSync(resolve(repoRoot, 'models/labels.json'), 'utf8')) as LabelsContract;
}

export interface ModelOutputs {
  probabilities: ort.Tensor;
  logits: ort.Tensor;
  arousal_valence: ort.Tensor;
  /** Speaker-profile models only. */
  band_means?: ort.Tensor;
}

/** One WASM session on the shipped model, single-threaded as on a busy headset core. */
export async function createModelSession(): Promise<ort.InferenceSession> {
  ort.env.wasm.numThreads = 1;
  return ort.InferenceSession.create(new Uint8Array(readFileSync(modelPath)), { executionProviders: ['wasm'] });
}

let shippedLabels: LabelsContract | undefined;

/**
 * Runs a [batch, samples] waveform batch (rows of equal length). A speaker-profile model gets
 * `profile` for every row (default: labels.json's initial profile).
 */
export async function runBatch(session: ort.InferenceSession, rows: Float32Array[], profile?: ArrayLike<number>): Promise<ModelOutputs> {
  const samples = rows[0]?.length ?? 0;
  const data = new Float32Array(rows.length * samples);
  rows.forEach((r, i) => data.set(r, i * samples));
  const inputName = session.inputNames[0] ?? 'waveform';
  const feeds: Record<string, ort.Tensor> = { [inputName]: new ort.Tensor('float32', data, [rows.length, samples]) };
  const sp = (shippedLabels ??= readLabels()).speakerProfile;
  if (sp) {
    const p = profile ?? sp.initial;
    const block = new Float32Array(rows.length * sp.size);
    rows.forEach((_, i) => block.set(Array.from(p), i * sp.size));
    feeds[sp.input] = new ort.Tensor('float32', block, [rows.length, sp.size]);
  }
  return (await session.run(feeds)) as unknown as ModelOutputs;
}

export function argmax(values: ArrayLike<number>, offset: number, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if ((values[offset + i] ?? -Infinity) > (values[offset + best] ?? -Infinity)) best = i;
  return best;
}
