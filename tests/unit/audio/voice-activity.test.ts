import { describe, expect, it } from 'vitest';
import { createVoiceActivityDetector } from '../../../src/audio/voice-activity';
import { espeakWav, hasCommand, RAVDESS, ravdessClip, soxRead } from '../../fixtures/audio';

const RATE = 16000;
const FRAME = 320; // 20 ms

/** Deterministic white noise at a given RMS (dBFS). */
function noise(seconds: number, db: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  const amp = 10 ** (db / 20) * Math.sqrt(3);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = ((s / 2 ** 32) * 2 - 1) * amp;
  }
  return out;
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** Speaking flag per frame. */
function run(x: Float32Array, options = {}) {
  const vad = createVoiceActivityDetector({ frameSamples: FRAME, sampleRateHz: RATE, ...options });
  const flags: boolean[] = [];
  const levels: number[] = [];
  for (let at = 0; at + FRAME <= x.length; at += FRAME) {
    flags.push(vad.processFrame(x, at));
    levels.push(vad.level);
  }
  return { flags, levels };
}

const framesOf = (s: number) => Math.round((s * RATE) / FRAME);

describe('voice activity detector', () => {
  it('ignores steady room noise, fires on a louder burst, and ends after the hangover', () => {
    const x = concat(noise(2, -50), noise(1, -20, 7), noise(2, -50, 9));
    const { flags } = run(x, { hangoverMs: 400 });
    expect(flags.slice(0, framesOf(2)).some(Boolean)).toBe(false);
    const onset = flags.indexOf(true);
    expect(onset).toBeGreaterThanOrEqual(framesOf(2));
    expect(onset).toBeLessThanOrEqual(framesOf(2) + 3); // onFrames = 3 → ≤ 60 ms
    const end = flags.lastIndexOf(true);
    expect(end - framesOf(3)).toBeGreaterThanOrEqual(framesOf(0.4) - 2);
    expect(end - framesOf(3)).toBeLessThanOrEqual(framesOf(0.4) + 1);
  });

  it('hysteresis: a level between the off and on thresholds neither starts nor stops speech', () => {
    // Floor ≈ −60 dB. −51 dB is 9 dB over it: below on (12) but above off (6).
    const middle = noise(1, -51, 3);
    const quietFirst = run(concat(noise(2, -60), middle)).flags;
    expect(quietFirst.some(Boolean)).toBe(false);
    const loudFirst = run(concat(noise(2, -60), noise(0.3, -30, 5), middle)).flags;
    expect(loudFirst.at(-1)).toBe(true); // still speaking: the middle level holds it on
  });

  it('a single loud click (shorter than onFrames) is not speech', () => {
    const click = noise(0.02, -10, 11);
    expect(run(concat(noise(1, -55), click, noise(1, -55, 2))).flags.some(Boolean)).toBe(false);
  });

  it('adapts to a louder room within the 3 s floor window instead of declaring everything speech', () => {
    const { flags } = run(concat(noise(1, -70), noise(8, -35, 4)));
    expect(flags.slice(framesOf(1) + 3, framesOf(1.5)).every(Boolean)).toBe(true); // the step itself looks like speech …
    expect(flags.slice(framesOf(5)).some(Boolean)).toBe(false); // … until the floor window has passed
  });

  it('level is 0 in silence and rises towards 1 for loud speech', () => {
    const { levels } = run(concat(noise(1, -60), noise(1, -15, 8), noise(1, -60, 6)));
    expect(levels[framesOf(0.9)]).toBe(0);
    expect(Math.max(...levels.slice(framesOf(1), framesOf(2)))).toBeGreaterThan(0.8);
    expect(levels.at(-1)).toBe(0);
  });

  it('rejects thresholds without hysteresis', () => {
    expect(() => createVoiceActivityDetector({ frameSamples: FRAME, sampleRateHz: RATE, onAboveFloorDb: 6, offAboveFloorDb: 6 })).toThrow();
  });

  describe.skipIf(!hasCommand('sox'))('on real speech separated by silence', () => {
    const clips: [string, () => string][] = RAVDESS
      ? [['RAVDESS actor 21 angry', () => ravdessClip(21, 5)], ['RAVDESS actor 24 sad', () => ravdessClip(24, 4)]]
      : [['espeak-ng', () => espeakWav('I am really quite happy about this.')]];
    it.each(clips)('%s: speech found inside the clip, none in 2 s of added silence with −60 dB noise', (_name, path) => {
      const speech = soxRead(path(), RATE);
      // A microphone is never digitally silent: −60 dBFS noise under everything.
      const x = concat(new Float32Array(2 * RATE), speech, new Float32Array(2 * RATE));
      const hiss = noise(x.length / RATE, -60, 5);
      for (let i = 0; i < x.length; i++) x[i]! += hiss[i]!;
      const { flags } = run(x);
      const silentBefore = flags.slice(0, framesOf(2));
      const during = flags.slice(framesOf(2), framesOf(2) + framesOf(speech.length / RATE));
      const after = flags.slice(framesOf(2 + speech.length / RATE) + framesOf(0.5));
      const speakingShare = during.filter(Boolean).length / during.length;
      console.log(`VAD ${_name}: speaking ${(speakingShare * 100).toFixed(0)} % of the clip frames, false alarms ${silentBefore.filter(Boolean).length + after.filter(Boolean).length} of ${silentBefore.length + after.length} silence frames`);
      expect(silentBefore.some(Boolean)).toBe(false);
      expect(after.some(Boolean)).toBe(false);
      expect(speakingShare).toBeGreaterThan(0.3);
    });
  });
});
