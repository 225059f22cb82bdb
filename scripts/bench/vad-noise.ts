/**
 * The energy VAD (src/audio/voice-activity.ts) against Silero VAD v5 (the ONNX model shipped in
 * @ricky0123/vad-web, run here through onnxruntime-web's WASM backend, one thread) on held-out
 * speech (RAVDESS actors 19–24, EMO-DB speakers 15, 16) mixed with other-talker babble and with
 * synthetic household noise (no noise corpus here: brown noise, mains hum, a fan and kitchen
 * clatter) at 0, 5, 10 and 20 dB SNR. Frame precision and recall against the clean clip's speech
 * frames, and CPU per second of audio. Figures for src/audio/VAD.md.
 * Run: npx tsx scripts/bench/vad-noise.ts   (needs ../shared/datasets)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { createVoiceActivityDetector } from '../../src/audio/voice-activity';
import { DATASETS, soxRead } from '../../tests/fixtures/audio';
import { householdNoise, mixAtSnr, rms } from '../../tests/fixtures/noise';

const RATE = 16000;
const PAD = 2 * RATE;
if (!existsSync(join(DATASETS, 'ravdess'))) {
  console.log(`VAD bench skipped: no corpora under ${DATASETS} (set EMOTONE_DATASETS).`);
  process.exit(0);
}

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

/** Held-out test speech. */
function speechClips(): string[] {
  const out: string[] = [];
  for (const actor of ['19', '20', '21', '22', '23', '24']) {
    const dir = join(DATASETS, 'ravdess', `Actor_${actor}`);
    out.push(...readdirSync(dir).filter((f) => /^03-01-0[1-5]-0[12]-01-01/.test(f)).slice(0, 4).map((f) => join(dir, f)));
  }
  const emodb = join(DATASETS, 'emodb', 'wav');
  if (existsSync(emodb)) out.push(...readdirSync(emodb).filter((f) => /^(15|16)/.test(f)).slice(0, 12).map((f) => join(emodb, f)));
  return out;
}

/** Babble: four training-set talkers at once (actors 1–4), looped to `n` samples. */
function babble(n: number): Float32Array {
  const voices = ['01', '02', '03', '04'].map((a) => {
    const dir = join(DATASETS, 'ravdess', `Actor_${a}`);
    const parts = readdirSync(dir).slice(0, 12).map((f) => soxRead(join(dir, f), RATE));
    const joined = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) (joined.set(p, at), (at += p.length));
    return joined;
  });
  const out = new Float32Array(n);
  voices.forEach((v, k) => {
    const offset = Math.floor(rand() * v.length);
    for (let i = 0; i < n; i++) out[i]! += v[(i + offset + k * 7919) % v.length]!;
  });
  return out;
}

/** Silero v5: 512-sample frames with 64 samples of context and a recurrent state. */
async function sileroScorer() {
  const require = createRequire(import.meta.url);
  const path = join(require.resolve('@ricky0123/vad-web/package.json'), '..', 'dist', 'silero_vad_v5.onnx');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(path)), { executionProviders: ['wasm'] });
  return async (x: Float32Array): Promise<{ probs: number[]; ms: number }> => {
    let state = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
    const sr = new ort.Tensor('int64', BigInt64Array.from([16000n]), []);
    const probs: number[] = [];
    const t0 = performance.now();
    for (let at = 0; at + 512 <= x.length; at += 512) {
      const input = new Float32Array(576);
      if (at >= 64) input.set(x.subarray(at - 64, at), 0);
      input.set(x.subarray(at, at + 512), 64);
      const out = await session.run({ input: new ort.Tensor('float32', input, [1, 576]), state, sr });
      probs.push((out.output!.data as Float32Array)[0]!);
      state = out.stateN as ort.TypedTensor<'float32'>;
    }
    return { probs, ms: performance.now() - t0 };
  };
}

/** Speech frames of the clean clip on a frame grid: within 30 dB of its loudest frame. */
function reference(clean: Float32Array, frame: number): boolean[] {
  const db = (at: number) => 20 * Math.log10(rms(clean, at, at + frame) + 1e-9);
  let peak = -200;
  for (let at = 0; at + frame <= clean.length; at += frame) peak = Math.max(peak, db(at));
  const total = Math.floor((clean.length + 2 * PAD) / frame);
  return Array.from({ length: total }, (_, f) => {
    const at = f * frame - PAD;
    return at >= 0 && at + frame <= clean.length && db(at) > peak - 30;
  });
}

interface Tally { tp: number; fp: number; fn: number; ms: number; seconds: number }
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, ms: 0, seconds: 0 });
const count = (t: Tally, truth: boolean[], said: boolean[]) => {
  for (let i = 0; i < Math.min(truth.length, said.length); i++) {
    if (said[i] && truth[i]) t.tp++;
    else if (said[i]) t.fp++;
    else if (truth[i]) t.fn++;
  }
};

async function main() {
  const clips = speechClips();
  const silero = await sileroScorer();
  console.log(`${clips.length} held-out clips (RAVDESS actors 19–24, EMO-DB speakers 15, 16), 2 s of noise before and after each`);
  console.log('noise      SNR  | energy VAD: precision  recall | Silero v5 (p > 0.5): precision  recall');
  const rows: { noise: string; snr: number; energy: Tally; silero: Tally }[] = [];
  for (const kind of ['babble', 'household'] as const) {
    for (const snr of [20, 10, 5, 0]) {
      const e = tally();
      const s = tally();
      for (const path of clips) {
        const clean = soxRead(path, RATE);
        const n = clean.length + 2 * PAD;
        const x = mixAtSnr(clean, kind === 'babble' ? babble(n) : householdNoise(n, rand, RATE), snr, PAD);
        const vad = createVoiceActivityDetector({ frameSamples: 320, sampleRateHz: RATE });
        const saidE: boolean[] = [];
        const t0 = performance.now();
        for (let at = 0; at + 320 <= n; at += 320) saidE.push(vad.processFrame(x, at));
        e.ms += performance.now() - t0;
        e.seconds += n / RATE;
        count(e, reference(clean, 320), saidE);
        const { probs, ms } = await silero(x);
        s.ms += ms;
        s.seconds += n / RATE;
        count(s, reference(clean, 512), probs.map((p) => p > 0.5));
      }
      const pr = (t: Tally) => `${((100 * t.tp) / Math.max(1, t.tp + t.fp)).toFixed(1).padStart(6)} % ${((100 * t.tp) / Math.max(1, t.tp + t.fn)).toFixed(1).padStart(6)} %`;
      console.log(`${kind.padEnd(10)} ${String(snr).padStart(2)} dB | ${pr(e).padStart(28)} | ${pr(s).padStart(38)}`);
      rows.push({ noise: kind, snr, energy: e, silero: s });
    }
  }
  const cost = (key: 'energy' | 'silero') => rows.reduce((a, r) => a + r[key].ms, 0) / rows.reduce((a, r) => a + r[key].seconds, 0);
  console.log(`CPU per second of audio (Node, WASM 1 thread for Silero): energy ${cost('energy').toFixed(3)} ms, Silero ${cost('silero').toFixed(1)} ms`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows.map((r) => ({ noise: r.noise, snr: r.snr, energy: { tp: r.energy.tp, fp: r.energy.fp, fn: r.energy.fn }, silero: { tp: r.silero.tp, fp: r.silero.fp, fn: r.silero.fn } }))));
}

void main();
