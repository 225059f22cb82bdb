/**
 * Runs the app's own voice chain in Node on a recording: 48 kHz blocks → capture processor
 * (resampler, ring, VAD) → voice analysis (VAD-gated windows, smoothing) → a classifier.
 * What the browser shows for a clip must match what this shows.
 */
import { createCaptureChannel } from '../../../src/audio/capture-channel';
import { createCaptureProcessor } from '../../../src/audio/capture-processor';
import type { EmotionClassifier } from '../../../src/emotion/emotion-classifier';
import type { ModelContract } from '../../../src/emotion/model-contract';
import { createVoiceAnalysis } from '../../../src/xr/voice-analysis';

/** Labels the chain displays for `speech48k` framed by `padS` seconds of digital silence (as in the fake-microphone file), with times (ms). */
export async function simulateVoice(speech48k: Float32Array, classifier: EmotionClassifier, contract: ModelContract, padS = 2): Promise<{ label: string; atMs: number }[]> {
  const x = new Float32Array(speech48k.length + 2 * padS * 48000);
  x.set(speech48k, padS * 48000);
  const channel = createCaptureChannel();
  const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
  let clock = 0;
  const shown: { label: string; atMs: number }[] = [];
  const analysis = createVoiceAnalysis({
    channel,
    contract,
    classifier,
    onEmotion: (s) => {
      if (shown.at(-1)?.label !== s.label) shown.push({ label: s.label, atMs: clock });
    },
    onSpeaking: () => undefined,
    now: () => clock,
  });
  const block = new Float32Array(128);
  for (let at = 0; at + 128 <= x.length; at += 128) {
    block.set(x.subarray(at, at + 128));
    processor.process(block);
    const ms = ((at + 128) / 48000) * 1000;
    const tick = Math.floor(ms / 100) !== Math.floor(clock / 100);
    clock = ms;
    if (tick) {
      analysis.tick(ms);
      while (analysis.busy) await new Promise((r) => setTimeout(r, 1)); // inference "takes no audio time"
    }
  }
  return shown;
}
