/**
 * The energy VAD (src/audio/voice-activity.ts) against Silero VAD v5 (the ONNX model shipped in
 * @ricky0123/vad-web, run here through onnxruntime-web's WASM backend, one thread) on held-out
 * speech (RAVDESS actors 19–24, EMO-DB speakers 15, 16) mixed with other-talker babble and with
 * synthetic household noise (no noise corpus here: brown noise, mains hum, a fan and kitchen
 * clatter) at 0, 5, 10 and 20 dB SNR. Frame precision and recall against the clean clip's speech
 * frames, and CPU per second of audio: in Node, and in the running app's classifier worker in
 * Chromium. Silero is scored twice from one run: raw (p > 0.5 per frame) and as shipped (the app's
 * ring → speech detector → hysteresis path). Figures for src/audio/VAD.md.
 * Run: npx tsx scripts/bench/vad-noise.ts [--node-only] [--json]   (needs ../shared/datasets)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVoiceActivityDetector } from '../../src/audio/voice-activity';
import { createRunQueue } from '../../src/emotion/emotion-classifier';
import { createOrtSileroModel } from '../../src/emotion/ort-session';
import { createSpeechDetector } from '../../src/emotion/vad/speech-detector';
import type { SpeechProbabilityModel } from '../../src/emotion/vad/speech-model';
import { createRingBuffer } from '../../src/shared/ring-buffer';
import { describeBackend } from '../../src/ui/voice-text';
import { SILERO_VAD_PATH } from '../../tests/fixtures/model';
import { espeakFakeMic } from '../../tests/harness/voice-audio';
import { joinWithVoice, startBench } from './voice-common';
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

/**
 * Silero v5 through the app's own path: the capture ring, the speech detector (the shipped
 * hysteresis, pumped every 32 ms frame) and the ORT session wrapper, on a run queue. Returns the raw
 * probability of each 512-sample frame, the shipped verdict after each frame, and the detector's run time.
 */
async function sileroScorer() {
  const model = await createOrtSileroModel(new Uint8Array(readFileSync(SILERO_VAD_PATH)));
  const probs: number[] = [];
  const recording: SpeechProbabilityModel = { ...model, probability: async (f) => { const p = await model.probability(f); probs.push(p); return p; } };
  return async (x: Float32Array): Promise<{ probs: number[]; said: boolean[]; ms: number }> => {
    probs.length = 0;
    model.reset();
    const ring = createRingBuffer(RATE, false);
    const detector = createSpeechDetector({ ring, model: recording, queue: createRunQueue(), onChange: () => undefined });
    const said: boolean[] = [];
    for (let at = 0; at + 512 <= x.length; at += 512) {
      ring.write(x.subarray(at, at + 512));
      await detector.pump(at / 16);
      said.push(detector.speaking);
    }
    return { probs: [...probs], said, ms: detector.stats.runMs };
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
  console.log('noise      SNR  | energy VAD: precision  recall | Silero v5 (p > 0.5): precision  recall | Silero as shipped (hysteresis): precision  recall');
  const rows: { noise: string; snr: number; energy: Tally; silero: Tally; shipped: Tally }[] = [];
  for (const kind of ['babble', 'household'] as const) {
    for (const snr of [20, 10, 5, 0]) {
      const e = tally();
      const s = tally();
      const h = tally();
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
        const { probs, said, ms } = await silero(x);
        h.ms += ms;
        h.seconds += n / RATE;
        count(s, reference(clean, 512), probs.map((p) => p > 0.5));
        count(h, reference(clean, 512), said);
      }
      const pr = (t: Tally) => `${((100 * t.tp) / Math.max(1, t.tp + t.fp)).toFixed(1).padStart(6)} % ${((100 * t.tp) / Math.max(1, t.tp + t.fn)).toFixed(1).padStart(6)} %`;
      console.log(`${kind.padEnd(10)} ${String(snr).padStart(2)} dB | ${pr(e).padStart(28)} | ${pr(s).padStart(38)} | ${pr(h).padStart(49)}`);
      rows.push({ noise: kind, snr, energy: e, silero: s, shipped: h });
    }
  }
  const cost = (key: 'energy' | 'shipped') => rows.reduce((a, r) => a + r[key].ms, 0) / rows.reduce((a, r) => a + r[key].seconds, 0);
  console.log(
    `CPU per second of audio IN NODE (${process.version}, this machine, one core, onnxruntime-web WASM 1 thread): energy VAD ${cost('energy').toFixed(3)} ms; ` +
      `Silero as shipped (ring → detector → ORT) ${cost('shipped').toFixed(2)} ms`,
  );
  const tp = (t: Tally) => ({ tp: t.tp, fp: t.fp, fn: t.fn });
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows.map((r) => ({ noise: r.noise, snr: r.snr, energy: tp(r.energy), silero: tp(r.silero), shipped: tp(r.shipped) }))));
}

/**
 * The same path where it ships: the running app's classifier worker in Debian's Chromium (fake
 * microphone looping espeak-ng speech, the space rendering with software GL on the same cores).
 * Reads the worker's detector figures twice, `seconds` apart.
 */
async function chromiumWorker(seconds = 20): Promise<void> {
  const bench = await startBench(espeakFakeMic('The voice activity detector listens to every frame of this sentence, spoken and then silent.', 1.5));
  try {
    const page = await bench.browser.newPage('vad');
    const ready = await joinWithVoice(page, bench.server.url, 'BenchVad', '');
    if (ready.status.vad.active !== 'silero') throw new Error(`the page runs the ${ready.status.vad.active} VAD: ${JSON.stringify(ready.status.vad)}`);
    const stats = () => page.evaluate(() => window.__emotone!.voice!.vadStats());
    await page.waitForTimeout(3000); // past start-up
    const a = (await stats())!;
    await page.waitForTimeout(seconds * 1000);
    const b = (await stats())!;
    const frames = b.frames - a.frames;
    const browser = await page.evaluate(() => /Chrome\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent);
    const audioS = (frames * 512) / RATE;
    console.log(
      `CPU per second of audio IN CHROMIUM (Debian /usr/bin/chromium, ${browser}), the running app's classifier worker, ` +
        `${describeBackend(ready.status).split(' (')[0]}, space rendering on the same 2 cores: Silero as shipped ${((b.runMs - a.runMs) / audioS).toFixed(2)} ms ` +
        `(${frames} frames = ${audioS.toFixed(1)} s of audio in ${seconds} s of wall time)`,
    );
  } finally {
    await bench.close();
  }
}

await main();
if (!process.argv.includes('--node-only')) await chromiumWorker();
