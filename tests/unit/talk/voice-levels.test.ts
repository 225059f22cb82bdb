import { describe, expect, it } from 'vitest';
import { createVoiceActivityDetector } from '../../../src/audio/voice-activity';
import { SPEECH_FLOOR_DBFS } from '../../../src/shared/frame-level';
import {
  chooseSpeakingLevel,
  followLevel,
  levelFromDbfs,
  levelOfSamples,
  NO_LEVEL,
  RECEIVED_LEVEL_RANGE_DB,
} from '../../../src/talk/voice-levels';
import { espeakWav, soxRead, tone } from '../../fixtures/audio';

/** A sine whose RMS is `dbfs` dB full scale. */
const sineAt = (dbfs: number): Float32Array => tone(220, 48000, 1024 / 48000, Math.SQRT2 * 10 ** (dbfs / 20));

describe('received voice level', () => {
  it('maps dBFS onto 0..1 from the speech floor over the VAD span', () => {
    const dbfs = [-120, SPEECH_FLOOR_DBFS - 1, SPEECH_FLOOR_DBFS, SPEECH_FLOOR_DBFS + RECEIVED_LEVEL_RANGE_DB / 2, SPEECH_FLOOR_DBFS + RECEIVED_LEVEL_RANGE_DB, 0, Number.NaN];
    expect(dbfs.map(levelFromDbfs)).toEqual([0, 0, 0, 0.5, 1, 1, 0]);
  });

  it('measures analyser-sized windows of real samples', () => {
    const levels = [-70, -45, -30, -10].map((db) => levelOfSamples(sineAt(db)));
    expect(levels[0]).toBe(0);
    expect(levels[1]).toBeCloseTo(0.5, 2);
    expect(levels[2]).toBeCloseTo(1, 2);
    expect(levels[3]).toBe(1);
    expect(levelOfSamples(new Float32Array(1024))).toBe(0);
  });

  it('rises and falls like the sender VAD (0.6 up, 0.25 down per 20 ms), at any frame rate', () => {
    expect(followLevel(0, 1, 0.02)).toBeCloseTo(0.6, 6);
    expect(followLevel(1, 0, 0.02)).toBeCloseTo(0.75, 6);
    let fine = 0;
    for (let i = 0; i < 4; i++) fine = followLevel(fine, 1, 0.005);
    expect(fine).toBeCloseTo(0.6, 6);
    expect(followLevel(0.4, 1, 0)).toBe(0.4);
    expect(followLevel(0.4, 1, Infinity)).toBe(1);
    // Closes fully instead of creeping toward zero forever.
    let level = 1;
    for (let i = 0; i < 72; i++) level = followLevel(level, 0, 1 / 72);
    expect(level).toBe(0);
  });

  it('opens during real speech about as far as the sender VAD does, and closes in the pause after it', () => {
    const speech = soxRead(espeakWav('We could meet by the window after lunch, if you like.'), 48000);
    const clip = new Float32Array(speech.length + 48000); // a second of silence after the sentence
    clip.set(speech);
    // Receiver: an analyser window read once per 72 Hz frame.
    const hop = Math.round(48000 / 72);
    const received: number[] = [];
    let level = 0;
    for (let end = 1024; end <= clip.length; end += hop) {
      level = followLevel(level, levelOfSamples(clip.subarray(end - 1024, end)), hop / 48000);
      received.push(level);
    }
    // Sender: the VAD on the same audio at 16 kHz, as the capture worklet runs it.
    const vad = createVoiceActivityDetector({ frameSamples: 320, sampleRateHz: 16000 });
    const at16k = soxRead(espeakWav('We could meet by the window after lunch, if you like.'), 16000);
    const sent: number[] = [];
    for (let i = 0; i + 320 <= at16k.length; i += 320) {
      vad.processFrame(at16k, i);
      if (vad.speaking) sent.push(vad.level);
    }
    const speechFrames = received.slice(0, Math.floor(speech.length / hop));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(speechFrames)).toBeGreaterThan(0.4);
    expect(Math.abs(mean(speechFrames) - mean(sent))).toBeLessThan(0.2);
    expect(received.at(-1)).toBe(0);
  });

  it('chooses the received level when there is one, else the room level', () => {
    const received = [NO_LEVEL, 0, 0.4, Number.NaN, 1];
    const room = [0.3, 0.6, 0.8, 0.5, 0.2];
    expect(received.map((r, i) => chooseSpeakingLevel(r, room[i]!))).toEqual([0.3, 0, 0.4, 0.5, 1]);
  });
});
