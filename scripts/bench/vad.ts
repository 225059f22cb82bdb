/**
 * Measures the energy VAD (src/audio/voice-activity.ts) on held-out RAVDESS clips mixed with
 * white noise at several levels: speech-frame recall, false alarms in noise-only stretches,
 * onset delay, and cost per 20 ms frame. Figures for src/audio/VAD.md.
 * Run: npx tsx scripts/bench/vad.ts   (needs ../shared/datasets)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createVoiceActivityDetector } from '../../src/audio/voice-activity';
import { DATASETS } from '../../tests/harness/voice-audio';

if (!DATASETS) {
  console.log('VAD bench skipped: ../shared/datasets is absent.');
  process.exit(0);
}
const RATE = 16000;
const FRAME = 320;
const PAD = 2 * RATE;
const read = (p: string) => {
  const b = execFileSync('sox', [p, '-t', 'f32', '-c', '1', '-r', String(RATE), '-']);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4).slice();
};
const frameDb = (x: Float32Array, at: number) => {
  let e = 0;
  for (let i = at; i < at + FRAME; i++) e += x[i]! * x[i]!;
  return 10 * Math.log10(e / FRAME + 1e-12);
};
const clips: string[] = [];
for (const actor of [19, 20, 21, 22, 23, 24])
  for (const emotion of [1, 3, 4, 5, 6])
    for (const statement of [1, 2]) {
      const i = emotion === 1 ? 1 : 2;
      const p = join(DATASETS, 'ravdess', `Actor_${actor}`, `03-01-0${emotion}-0${i}-0${statement}-01-${actor}.flac`);
      if (existsSync(p)) clips.push(p);
    }
let seed = 1;
const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
console.log(`${clips.length} clips (actors 19–24; neutral, happy, sad, angry, fearful), 2 s of noise before and after each`);
console.log('noise dBFS | speech frames found | false-alarm frames in noise | onset delay median');
for (const noiseDb of [-70, -55, -45, -35]) {
  let speech = 0, found = 0, noiseFrames = 0, alarms = 0;
  const delays: number[] = [];
  for (const path of clips) {
    const clean = read(path);
    const x = new Float32Array(clean.length + 2 * PAD);
    x.set(clean, PAD);
    const amp = 10 ** (noiseDb / 20) * Math.sqrt(3);
    for (let i = 0; i < x.length; i++) x[i]! += noise() * amp;
    // Reference: frames of the clean clip within 30 dB of its loudest frame are speech.
    let peak = -200;
    for (let at = 0; at + FRAME <= clean.length; at += FRAME) peak = Math.max(peak, frameDb(clean, at));
    const vad = createVoiceActivityDetector({ frameSamples: FRAME, sampleRateHz: RATE });
    let firstRef = -1, firstHit = -1;
    for (let at = 0, f = 0; at + FRAME <= x.length; at += FRAME, f++) {
      const on = vad.processFrame(x, at);
      const inClip = at >= PAD && at + FRAME <= PAD + clean.length;
      const isSpeech = inClip && frameDb(clean, at - PAD) > peak - 30;
      if (isSpeech) (speech++, (found += on ? 1 : 0));
      if (isSpeech && firstRef < 0) firstRef = f;
      if (on && firstHit < 0 && firstRef >= 0) firstHit = f;
      if (!inClip && at > RATE && (at < PAD || at > PAD + clean.length + 0.5 * RATE)) (noiseFrames++, (alarms += on ? 1 : 0));
    }
    if (firstRef >= 0 && firstHit >= 0) delays.push((firstHit - firstRef) * 20);
  }
  delays.sort((a, b) => a - b);
  console.log(`${String(noiseDb).padStart(10)} | ${((100 * found) / speech).toFixed(1).padStart(18)} % | ${((100 * alarms) / noiseFrames).toFixed(2).padStart(26)} % | ${delays[Math.floor(delays.length / 2)]} ms`);
}
const vad = createVoiceActivityDetector({ frameSamples: FRAME, sampleRateHz: RATE });
const x = new Float32Array(RATE * 60).map(() => noise() * 0.01);
const t0 = performance.now();
for (let at = 0; at + FRAME <= x.length; at += FRAME) vad.processFrame(x, at);
console.log(`cost: ${(((performance.now() - t0) * 1000) / (x.length / FRAME)).toFixed(2)} µs per 20 ms frame (Node, one core)`);
