import { describe, expect, it } from 'vitest';
import { createCaptureChannel } from '../../../src/audio/capture-channel';
import { createCaptureProcessor } from '../../../src/audio/capture-processor';
import type { EmotionClassifier, EmotionScores } from '../../../src/emotion/emotion-classifier';
import type { EmotionLabel, EmotionState } from '../../../src/shared/emotion-labels';
import { createVoiceAnalysis, VOICED_LEVEL } from '../../../src/voice/voice-analysis';
import { SPEAKING_FROM } from '../../../src/state';
import { espeakWav, RAVDESS, ravdessClip, soxRead } from '../../fixtures/audio';
import { CONTRACT } from '../../fixtures/model';

/** A classifier that answers `label` with 0.9 and records each window it saw. */
function fakeClassifier(label: EmotionLabel) {
  const windows: number[] = [];
  let running = 0;
  let maxRunning = 0;
  const classifier: EmotionClassifier = {
    labels: CONTRACT.labels,
    backend: 'wasm',
    async classify(samples) {
      windows.push(samples.length);
      maxRunning = Math.max(maxRunning, ++running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      const probabilities = new Float32Array(CONTRACT.labels.map((l) => (l === label ? 0.9 : 0.1 / 7)));
      return { probabilities, arousal: 0.7, valence: -0.5, inferenceMs: 1, backend: 'wasm', bandMeans: null } satisfies EmotionScores;
    },
    dispose: async () => undefined,
  };
  return { classifier, windows, maxRunning: () => maxRunning };
}

/** 1 s of faint hiss, the speech, then `tailS` of hiss, at 48 kHz. */
function scene(speech48k: Float32Array, tailS = 3): Float32Array {
  const x = new Float32Array(48000 + speech48k.length + tailS * 48000);
  x.set(speech48k, 48000);
  let s = 7;
  for (let i = 0; i < x.length; i++) x[i]! += ((((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1) * 0.0006);
  return x;
}

/** Streams audio in render quanta and ticks the analysis every 100 ms of audio time. */
async function play(x: Float32Array, analysis: ReturnType<typeof createVoiceAnalysis>, processor: ReturnType<typeof createCaptureProcessor>, clock: { ms: number }) {
  const block = new Float32Array(128);
  for (let at = 0; at + 128 <= x.length; at += 128) {
    block.set(x.subarray(at, at + 128));
    processor.process(block);
    const ms = ((at + 128) / 48000) * 1000;
    if (Math.floor(ms / 100) !== Math.floor(clock.ms / 100)) {
      clock.ms = ms;
      analysis.tick(ms);
      await new Promise((r) => setTimeout(r, 2)); // let the classifier answer, as the worker would
    }
    clock.ms = ms;
  }
}

const speechPath = () => (RAVDESS ? ravdessClip(20, 5) : espeakWav('I cannot believe you did that again!'));

describe('voice analysis (VAD-gated, queued classification + smoothing)', () => {
  it('classifies only while speaking, one window at a time, each ≥ minInputMs, then returns to neutral', async () => {
    const channel = createCaptureChannel();
    const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
    const fake = fakeClassifier('angry');
    const emitted: EmotionState[] = [];
    const clock = { ms: 0 };
    const analysis = createVoiceAnalysis({ channel, contract: CONTRACT, classifier: fake.classifier, onEmotion: (s) => emitted.push(s), onSpeaking: () => undefined, now: () => clock.ms });
    const speech = soxRead(speechPath(), 48000);
    await play(scene(speech), analysis, processor, clock);
    expect(fake.windows.length).toBeGreaterThan(0);
    expect(fake.maxRunning()).toBe(1);
    for (const n of fake.windows) {
      expect(n).toBeGreaterThanOrEqual((CONTRACT.minInputMs * CONTRACT.sampleRateHz) / 1000);
      expect(n).toBeLessThanOrEqual((CONTRACT.windowMs * CONTRACT.sampleRateHz) / 1000);
    }
    // At most one window per hop over the speech.
    expect(fake.windows.length).toBeLessThanOrEqual(Math.ceil((speech.length / 48000) * 1000 / CONTRACT.hopMs) + 1);
    expect(emitted.map((s) => s.label)).toEqual(['neutral', 'angry', 'neutral']);
    expect(emitted.every((s) => s.source === 'voice')).toBe(true);
  });

  it('mute: no windows classified, no emotion and no speaking level reported', async () => {
    const channel = createCaptureChannel();
    const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
    const fake = fakeClassifier('happy');
    const calls: unknown[] = [];
    const clock = { ms: 0 };
    const analysis = createVoiceAnalysis({ channel, contract: CONTRACT, classifier: fake.classifier, onEmotion: (s) => calls.push(s), onSpeaking: (l) => calls.push(l), now: () => clock.ms });
    channel.setMuted(true);
    await play(scene(soxRead(speechPath(), 48000), 1), analysis, processor, clock);
    expect(fake.windows).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('reports the speaking level in 0.1 steps, rising during speech and back to 0 after', async () => {
    const channel = createCaptureChannel();
    const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
    const levels: number[] = [];
    const clock = { ms: 0 };
    const analysis = createVoiceAnalysis({ channel, contract: CONTRACT, classifier: fakeClassifier('sad').classifier, onEmotion: () => undefined, onSpeaking: (l) => levels.push(l), now: () => clock.ms });
    await play(scene(soxRead(speechPath(), 48000), 1), analysis, processor, clock);
    expect(Math.max(...levels)).toBeGreaterThan(0.3);
    expect(levels.at(-1)).toBe(0);
    for (const l of levels) expect(Math.round(l * 10) / 10).toBe(l);
    for (let i = 1; i < levels.length; i++) expect(levels[i]).not.toBe(levels[i - 1]); // changes only
  });

  it('while the verdict says speech the level is at least the speaking step, even where the energy level stays flat', async () => {
    const channel = createCaptureChannel();
    const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
    const levels: { level: number; atMs: number }[] = [];
    const clock = { ms: 0 };
    // A neural VAD that hears speech from 2 s to 3 s in steady loud noise, which the energy VAD takes as its floor.
    const verdict = { speaking: () => clock.ms >= 2000 && clock.ms < 3000, speechMs: () => clock.ms - 2000, stretch: () => 1 };
    const analysis = createVoiceAnalysis({ channel, verdict, contract: CONTRACT, classifier: fakeClassifier('neutral').classifier, onEmotion: () => undefined, onSpeaking: (level) => levels.push({ level, atMs: clock.ms }), now: () => clock.ms });
    const noise = new Float32Array(48000 * 4);
    let s = 11;
    for (let i = 0; i < noise.length; i++) noise[i] = (((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1) * 0.05;
    await play(noise, analysis, processor, clock);
    expect(channel.level()).toBe(0); // the energy VAD hears no speech in it
    expect(VOICED_LEVEL).toBeGreaterThanOrEqual(SPEAKING_FROM);
    expect(levels.map((l) => l.level)).toEqual([0, VOICED_LEVEL, 0]); // the first report is the silence at the start
    expect(levels[1]!.atMs).toBeGreaterThanOrEqual(2000);
    expect(levels[2]!.atMs).toBeGreaterThanOrEqual(3000);
  });

  it('feeds a speaker-profile model the running mean of the band means of the speech windows so far', async () => {
    const spec = { inputName: 'speaker_profile', outputName: 'band_means', size: 3, initial: new Float32Array([0, 0, 0]), priorWindows: 2 };
    const contract = { ...CONTRACT, speakerProfile: spec };
    const profiles: number[][] = [];
    const classifier: EmotionClassifier = {
      labels: CONTRACT.labels,
      backend: 'wasm',
      async classify(_samples, profile) {
        profiles.push([...(profile ?? [])]);
        await new Promise((r) => setTimeout(r, 1));
        const probabilities = new Float32Array(CONTRACT.labels.map((l) => (l === 'calm' ? 0.9 : 0.1 / 7)));
        return { probabilities, arousal: -0.5, valence: 0.3, inferenceMs: 1, backend: 'wasm', bandMeans: new Float32Array([3, -3, 1.5]) };
      },
      dispose: async () => undefined,
    };
    const channel = createCaptureChannel();
    const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
    const clock = { ms: 0 };
    const analysis = createVoiceAnalysis({ channel, contract, classifier, onEmotion: () => undefined, onSpeaking: () => undefined, now: () => clock.ms });
    await play(scene(soxRead(speechPath(), 48000)), analysis, processor, clock);
    expect(profiles.length).toBeGreaterThan(2);
    // window k (0-based) sees k earlier windows of [3, -3, 1.5] against 2 windows of the initial zeros
    profiles.forEach((p, k) => {
      const w = k / (2 + k);
      expect(p[0]).toBeCloseTo(3 * w, 5);
      expect(p[1]).toBeCloseTo(-3 * w, 5);
      expect(p[2]).toBeCloseTo(1.5 * w, 5);
    });
  });
});
