import { describe, expect, it } from 'vitest';
import { createResampler } from '../../../src/audio/resampler';
import { espeakWav, hasCommand, RAVDESS, ravdessClip, rmsDb, snrDb, soxRead, tone } from '../../fixtures/audio';

/** Runs a whole signal through a resampler in worklet-sized blocks (128 frames). */
function resampleInBlocks(input: Float32Array, inputRateHz: number, outputRateHz = 16000, block = 128): Float32Array {
  const r = createResampler({ inputRateHz, outputRateHz });
  const out = new Float32Array(r.maxOutputFor(input.length) + 8);
  const scratch = new Float32Array(r.maxOutputFor(block));
  let written = 0;
  for (let start = 0; start < input.length; start += block) {
    const n = r.process(input.subarray(start, Math.min(input.length, start + block)), scratch);
    out.set(scratch.subarray(0, n), written);
    written += n;
  }
  return out.subarray(0, written);
}

/** Removes the filter's group delay so output n lines up with input time n / outputRate. */
function alignDelay(y: Float32Array, inputRateHz: number): Float32Array {
  return y.subarray(createResampler({ inputRateHz, outputRateHz: 16000 }).delayOutputSamples);
}

describe('resampler', () => {
  it.each([48000, 44100, 32000, 96000])('reproduces in-band tones from %i Hz with SNR > 60 dB (exact band-limited reference)', (rate) => {
    for (const f of [220, 1000, 3150, 6500]) {
      const y = resampleInBlocks(tone(f, rate, 1), rate);
      const aligned = alignDelay(y, rate);
      const expected = tone(f, 16000, 1);
      const snr = snrDb(expected, aligned, 400, 15000);
      expect(snr, `${f} Hz from ${rate} Hz: ${snr.toFixed(1)} dB`).toBeGreaterThan(60);
    }
  });

  it.each([48000, 44100])('suppresses tones above 8 kHz from %i Hz by > 70 dB (no aliasing)', (rate) => {
    for (const f of [8200, 9000, 12000, 15000]) {
      const y = resampleInBlocks(tone(f, rate, 1), rate);
      const attenuation = rmsDb(tone(f, rate, 1)) - rmsDb(y, 400, y.length - 400);
      expect(attenuation, `${f} Hz: ${attenuation.toFixed(1)} dB`).toBeGreaterThan(70);
    }
  });

  it('a naive decimator would alias 12 kHz to 4 kHz at full level (the test can fail)', () => {
    const x = tone(12000, 48000, 1);
    const naive = new Float32Array(x.length / 3).map((_, i) => x[i * 3]!);
    expect(rmsDb(naive) - rmsDb(x)).toBeGreaterThan(-10);
  });

  it('gives the same result for any block size', () => {
    const x = tone(440, 44100, 0.5);
    const a = resampleInBlocks(x, 44100, 16000, 128);
    const b = resampleInBlocks(x, 44100, 16000, 1000);
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 6);
  });

  it('allocates no output beyond the caller’s array and reports the count it wrote', () => {
    const r = createResampler({ inputRateHz: 48000, outputRateHz: 16000 });
    const out = new Float32Array(r.maxOutputFor(128));
    let total = 0;
    for (let i = 0; i < 375; i++) total += r.process(new Float32Array(128), out);
    expect(total).toBe(16000); // 375 × 128 = 48 000 input samples → exactly 1 s at 16 kHz
  });

  const soxCases = [['espeak-ng speech', () => espeakWav('The quick brown fox jumps over the lazy dog, twice.')]] as [string, () => string][];
  // The shared RAVDESS copies are stored at 16 kHz, so sox upsamples them first: an easy case (band-limited input).
  if (RAVDESS) soxCases.push(['RAVDESS actor 19 angry', () => ravdessClip(19, 5)], ['RAVDESS actor 22 happy', () => ravdessClip(22, 3)]);
  describe.skipIf(!hasCommand('sox'))('against sox on real speech', () => {
    it.each(soxCases)('%s: 48 kHz → 16 kHz matches sox (SNR > 30 dB)', (_name, makePath) => {
      const path = makePath();
      const at48 = soxRead(path, 48000);
      // sox's reference: its very-high-quality resampler, band-limited a little below 8 kHz like ours.
      const reference = soxRead(path, 16000, ['sinc', '-7000']);
      const ours = alignDelay(resampleInBlocks(at48, 48000), 48000);
      const oursBandLimited = soxReadFromArray(ours, ['sinc', '-7000']);
      const n = Math.min(reference.length, oursBandLimited.length) - 200;
      const snr = snrDb(reference, oursBandLimited, 200, n);
      console.log(`resampler vs sox (${_name}): SNR ${snr.toFixed(1)} dB over ${(n / 16000).toFixed(2)} s`);
      expect(snr).toBeGreaterThan(30);
    });
  });
});

/** Applies sox effects to 16 kHz float samples (same filter on both sides of the comparison). */
function soxReadFromArray(x: Float32Array, effects: string[]): Float32Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const out = execFileSync('sox', ['-t', 'f32', '-c', '1', '-r', '16000', '-', '-t', 'f32', '-', ...effects], {
    input: Buffer.from(x.buffer, x.byteOffset, x.byteLength),
    maxBuffer: 1 << 28,
  });
  return new Float32Array(out.buffer, out.byteOffset, out.byteLength / 4).slice();
}
