/**
 * Runs the app's own voice chain in Node on a recording: 48 kHz blocks → capture processor
 * (resampler, ring, energy VAD) → [Silero VAD following the ring, as in the worker, when a model is
 * given] → voice analysis (VAD-gated windows, smoothing) → a classifier.
 * Inference can be given a duration in audio time, as in a browser where audio keeps flowing
 * while the worker computes. What the browser shows for a clip should match what this shows.
 */
import { createCaptureChannel } from '../../src/audio/capture-channel';
import { createCaptureProcessor } from '../../src/audio/capture-processor';
import type { EmotionClassifier, EmotionScores } from '../../src/emotion/emotion-classifier';
import { createRunQueue } from '../../src/emotion/emotion-classifier';
import type { ModelContract } from '../../src/emotion/model-contract';
import { createSpeechDetector, createSpeechVerdictMirror } from '../../src/emotion/vad/speech-detector';
import type { SpeechProbabilityModel } from '../../src/emotion/vad/speech-model';
import { createVoiceAnalysis } from '../../src/voice/voice-analysis';

/** Labels the chain displays for `speech48k` framed by `padS` s of digital silence (as in the fake-mic file), with times (ms). */
export async function simulateVoice(
  speech48k: Float32Array,
  classifier: EmotionClassifier,
  contract: ModelContract,
  /** `vad`: the Silero model (the app's default detector); without it the energy VAD decides. */
  options: { padS?: number; inferenceMs?: number; vad?: SpeechProbabilityModel } = {},
): Promise<{ label: string; atMs: number }[]> {
  const padS = options.padS ?? 2;
  const inferenceMs = options.inferenceMs ?? 0;
  const x = new Float32Array(speech48k.length + 2 * padS * 48000);
  x.set(speech48k, padS * 48000);
  const channel = createCaptureChannel();
  const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
  const mirror = options.vad ? createSpeechVerdictMirror(channel.ring, 16000) : null;
  options.vad?.reset();
  const detector = options.vad && mirror ? createSpeechDetector({ ring: channel.ring, model: options.vad, queue: createRunQueue(), onChange: mirror.apply }) : null;
  let clock = 0;
  let release: { atMs: number; scores: EmotionScores; resolve(s: EmotionScores): void } | null = null;
  const delayed: EmotionClassifier = {
    ...classifier,
    async classify(samples, profile) {
      const scores = await classifier.classify(samples, profile);
      const atMs = clock + inferenceMs;
      return new Promise<EmotionScores>((resolve) => (release = { atMs, scores, resolve }));
    },
  };
  const shown: { label: string; atMs: number }[] = [];
  const analysis = createVoiceAnalysis({
    channel,
    ...(mirror ? { verdict: mirror } : {}),
    contract,
    classifier: delayed,
    onEmotion: (s) => void (shown.at(-1)?.label !== s.label && shown.push({ label: s.label, atMs: clock })),
    onSpeaking: () => undefined,
    now: () => clock,
  });
  const block = new Float32Array(128);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  for (let at = 0; at + 128 <= x.length; at += 128) {
    block.set(x.subarray(at, at + 128));
    processor.process(block);
    const ms = ((at + 128) / 48000) * 1000;
    const tick = Math.floor(ms / 100) !== Math.floor(clock / 100);
    clock = ms;
    if (detector && (at / 128) % 4 === 3) await detector.pump(ms); // every 32 ms of audio, as the worker does
    if (tick) analysis.tick(ms);
    if (analysis.busy) {
      while (analysis.busy && !release) await settle(); // the real model answers (instantly in audio time) …
      const pending = release as { atMs: number; scores: EmotionScores; resolve(s: EmotionScores): void } | null;
      if (pending && clock >= pending.atMs) {
        release = null; // … and the answer is delivered once `inferenceMs` of audio has passed
        pending.resolve(pending.scores);
        while (analysis.busy) await settle();
      }
    }
  }
  return shown;
}
