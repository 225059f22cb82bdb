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
}

export function readLabels(): LabelsContract {
  return JSON.parse(readFileSync(resolve(repoRoot, 'models/labels.json'), 'utf8')) as LabelsContract;
}

export interface ModelOutputs {
  probabilities: ort.Tensor;
  logits: ort.Tensor;
  arousal_valence: ort.Tensor;
}

/** One WASM session on the shipped model, single-threaded as on a busy headset core. */
export async function createModelSession(): Promise<ort.InferenceSession> {
  ort.env.wasm.numThreads = 1;
  return ort.InferenceSession.create(new Uint8Array(readFileSync(modelPath)), { executionProviders: ['wasm'] });
}

/** Runs a [batch, samples] waveform batch (rows of equal length). */
export async function runBatch(session: ort.InferenceSession, rows: Float32Array[]): Promise<ModelOutputs> {
  const samples = rows[0]?.length ?? 0;
  const data = new Float32Array(rows.length * samples);
  rows.forEach((r, i) => data.set(r, i * samples));
  const inputName = session.inputNames[0] ?? 'waveform';
  const out = await session.run({ [inputName]: new ort.Tensor('float32', data, [rows.length, samples]) });
  return out as unknown as ModelOutputs;
}

export function argmax(values: ArrayLike<number>, offset: number, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if ((values[offset + i] ?? -Infinity) > (values[offset + best] ?? -Infinity)) best = i;
  return best;
}
