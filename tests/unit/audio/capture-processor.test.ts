import { describe, expect, it } from 'vitest';
import { attachCaptureChannel, createCaptureChannel } from '../../../src/audio/capture-channel';
import { createCaptureProcessor } from '../../../src/audio/capture-processor';
import { espeakWav, hasCommand, soxRead, tone } from '../../fixtures/audio';

/** Streams `x` in 128-sample render quanta, as the AudioWorklet does. */
function stream(processor: ReturnType<typeof createCaptureProcessor>, x: Float32Array) {
  const block = new Float32Array(128);
  for (let at = 0; at + 128 <= x.length; at += 128) {
    block.set(x.subarray(at, at + 128));
    processor.process(block);
  }
}

describe('capture processor (the worklet’s work)', () => {
  it('turns 48 kHz blocks into 16 kHz samples in the shared ring, one VAD frame per 20 ms', () => {
    const channel = createCaptureChannel(4);
    stream(createCaptureProcessor({ inputRateHz: 48000, channel }), tone(1000, 48000, 1));
    expect(channel.ring.written()).toBe(16000);
    expect(channel.frames()).toBe(50);
    // The newest 10 ms are a clean 1 kHz tone at the analysis rate.
    const tail = new Float32Array(160);
    channel.ring.readLatest(tail);
    const peak = Math.max(...tail.map(Math.abs));
    expect(peak).toBeGreaterThan(0.49);
    expect(peak).toBeLessThan(0.51);
  });

  it('a second view of the same buffers (the main thread) sees the worklet’s verdicts', () => {
    const worklet = createCaptureChannel(4);
    const main = attachCaptureChannel(worklet.buffers);
    const loud = tone(300, 44100, 0.5, 0.3);
    const x = new Float32Array(44100 * 2);
    x.set(loud, 44100);
    stream(createCaptureProcessor({ inputRateHz: 44100, channel: worklet }), x.subarray(0, 44100 + 22050 - 128 * 20));
    expect(main.speaking()).toBe(true);
    expect(main.level()).toBeGreaterThan(0.5);
    expect(main.lastSpeechFrame()).toBe(main.frames() - 1);
    // Onset within 100 ms of the tone's start (frame 50 = 1 s).
    expect(main.speechStartFrame()).toBeGreaterThanOrEqual(50);
    expect(main.speechStartFrame()).toBeLessThanOrEqual(55);
  });

  it('mute: nothing is written or judged, and speaking drops to 0 at once', () => {
    const channel = createCaptureChannel(4);
    const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
    const x = new Float32Array(48000);
    x.set(tone(300, 48000, 0.5, 0.3), 24000);
    stream(processor, x.subarray(0, 36000));
    expect(channel.speaking()).toBe(true);
    const written = channel.ring.written();
    channel.setMuted(true);
    stream(processor, tone(300, 48000, 0.5, 0.3));
    expect(channel.ring.written()).toBe(written);
    expect(channel.speaking()).toBe(false);
    expect(channel.level()).toBe(0);
  });

  it.skipIf(!hasCommand('espeak-ng'))('detects synthesised speech and its end', () => {
    const speech = soxRead(espeakWav('Hello there, this is a test of the microphone.'), 48000);
    const x = new Float32Array(speech.length + 48000 * 2);
    x.set(speech, 48000);
    for (let i = 0; i < x.length; i++) x[i]! += 0.0005 * Math.sin(i * 1.3); // a faint hum, never digital silence
    const channel = createCaptureChannel(8);
    const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
    let sawSpeech = false;
    const block = new Float32Array(128);
    for (let at = 0; at + 128 <= x.length; at += 128) {
      block.set(x.subarray(at, at + 128));
      processor.process(block);
      if (at < 48000) expect(channel.speaking()).toBe(false);
      sawSpeech ||= channel.speaking();
    }
    expect(sawSpeech).toBe(true);
    expect(channel.speaking()).toBe(false);
  });
});
