import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as ort from 'onnxruntime-web';
import { Tensor as ortTensor } from 'onnxruntime-web';
import { argmax, CONTRACT, createModelSession, modelPath, repoRoot, runBatch } from '../fixtures/model';

/** Deterministic speech-like signal: a gliding harmonic tone with syllable-rate amplitude. */
function voice(samples: number, seed: number, level = 0.3): Float32Array {
  const out = new Float32Array(samples);
  let state = seed >>> 0;
  for (let i = 0; i < samples; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const t = i / 16000;
    const f0 = 120 + 40 * Math.sin(2 * Math.PI * 0.7 * t + seed);
    const env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    out[i] = level * env * (Math.sin(2 * Math.PI * f0 * t) + 0.4 * Math.sin(4 * Math.PI * f0 * t)) + 0.01 * (state / 2 ** 32 - 0.5);
  }
  return out;
}

describe.skipIf(!existsSync(modelPath))('shipped emotion model (onnxruntime-web WASM in Node)', () => {
  let session: ort.InferenceSession;
  const labels = CONTRACT;
  const secondsToSamples = (s: number) => Math.round(s * 16000);

  beforeAll(async () => {
    session = await createModelSession();
  });

  it('is the file eval.json describes, within the 2 MB budget', () => {
    const bytes = readFileSync(modelPath);
    const evaluation = JSON.parse(readFileSync(resolve(repoRoot, 'models/eval.json'), 'utf8')) as {
      model: { onnxBytes: number; sha256: string };
    };
    expect(bytes.length).toBe(evaluation.model.onnxBytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(evaluation.model.sha256);
    expect(bytes.length).toBeLessThanOrEqual(2_000_000);
  });

  it('has the input and outputs labels.json names', () => {
    expect(session.inputNames).toEqual([labels.inputName, ...(labels.speakerProfile ? [labels.speakerProfile.inputName] : [])]);
    expect([...session.outputNames].sort()).toEqual(Object.keys(labels.outputShapes).sort());
    expect(labels.sampleRateHz).toBe(16000);
    expect(labels.minInputMs).toBeLessThanOrEqual(labels.windowMs);
    const vocabulary = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised', 'sleepy'];
    for (const l of labels.labels) expect(vocabulary).toContain(l);
  });

  it('returns shapes that agree with labels.json, probabilities summing to 1', async () => {
    const out = await runBatch(session, [voice(32000, 1), voice(32000, 2, 0.05)]);
    const c = labels.labels.length;
    expect(out.probabilities.dims).toEqual([2, c]);
    expect(out.logits.dims).toEqual([2, c]);
    expect(out.arousal_valence.dims).toEqual([2, 2]);
    for (let b = 0; b < 2; b++) {
      const row = Array.from(out.probabilities.data as Float32Array).slice(b * c, (b + 1) * c);
      expect(row.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 5);
      for (const p of row) expect(p).toBeGreaterThanOrEqual(0);
      const logits = out.logits.data as Float32Array;
      expect(argmax(logits, b * c, c)).toBe(argmax(out.probabilities.data as Float32Array, b * c, c));
    }
    for (const v of out.arousal_valence.data as Float32Array) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it('is deterministic', async () => {
    const x = voice(32000, 7);
    const a = await runBatch(session, [x]);
    const b = await runBatch(session, [x]);
    expect(Array.from(b.probabilities.data as Float32Array)).toEqual(Array.from(a.probabilities.data as Float32Array));
    expect(Array.from(b.arousal_valence.data as Float32Array)).toEqual(Array.from(a.arousal_valence.data as Float32Array));
  });

  it.each([1, 1.37, 2, 3.3, 6])('accepts %s s of audio', async (seconds) => {
    const out = await runBatch(session, [voice(secondsToSamples(seconds), 3)]);
    const probs = Array.from(out.probabilities.data as Float32Array);
    expect(probs).toHaveLength(labels.labels.length);
    expect(probs.every(Number.isFinite)).toBe(true);
    expect(probs.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 5);
  });

  it('survives silence and hard clipping with finite outputs', async () => {
    const silence = new Float32Array(32000);
    const clipped = voice(32000, 5, 8).map((v) => Math.max(-1, Math.min(1, v)));
    const fullScale = new Float32Array(32000).map((_, i) => (i % 2 ? 1 : -1));
    for (const x of [silence, clipped, fullScale]) {
      const out = await runBatch(session, [x]);
      const values = [...(out.probabilities.data as Float32Array), ...(out.arousal_valence.data as Float32Array)];
      expect(values.every(Number.isFinite)).toBe(true);
      expect(Array.from(out.probabilities.data as Float32Array).reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
    }
  });

  it('normalises input gain inside the graph', async () => {
    const x = voice(32000, 9, 0.02);
    const loud = x.map((v) => v * 20);
    const a = await runBatch(session, [x]);
    const b = await runBatch(session, [loud]);
    const pa = Array.from(a.probabilities.data as Float32Array);
    const pb = Array.from(b.probabilities.data as Float32Array);
    expect(pb).toHaveLength(pa.length);
    // Not exact: the log floor (1e-6 power) weighs on the quietest mel bins of the quiet copy.
    pa.forEach((p, i) => expect(Math.abs(p - (pb[i] ?? Number.NaN))).toBeLessThan(1e-2));
  });

  it.skipIf(!CONTRACT.speakerProfile)('takes the speaker profile as labels.json says: band means independent of it, scores not', async () => {
    const sp = labels.speakerProfile!;
    expect(sp.initial).toHaveLength(sp.size);
    expect(labels.outputShapes[sp.outputName]).toEqual(['batch', sp.size]);
    const x = voice(32000, 11);
    const base = await runBatch(session, [x]);
    const shifted = await runBatch(session, [x], sp.initial.map((v, i) => v + (i < sp.size / 2 ? 1 : -1)));
    expect(base.band_means?.dims).toEqual([1, sp.size]);
    expect(Array.from(shifted.band_means!.data as Float32Array)).toEqual(Array.from(base.band_means!.data as Float32Array));
    const pa = Array.from(base.probabilities.data as Float32Array);
    const pb = Array.from(shifted.probabilities.data as Float32Array);
    expect(Math.max(...pa.map((p, i) => Math.abs(p - (pb[i] ?? 0))))).toBeGreaterThan(1e-3);
    // The band means of a window are gain-normalised: a 20x louder copy gives the same profile.
    const loud = await runBatch(session, [x.map((v) => v * 20)]);
    const a = Array.from(base.band_means!.data as Float32Array);
    Array.from(loud.band_means!.data as Float32Array).forEach((v, i) => expect(Math.abs(v - (a[i] ?? NaN))).toBeLessThan(0.05));
    await expect(session.run({ [labels.inputName]: new ortTensor('float32', x, [1, x.length]) })).rejects.toThrow(/speaker_profile|input/);
  });
});
