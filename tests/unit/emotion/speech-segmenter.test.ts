import { describe, expect, it } from 'vitest';
import { createSpeechSegmenter, SpeechEvent } from '../../../src/emotion/vad/speech-segmenter';

/** Runs the probabilities through a fresh segmenter (defaults: 32 ms frames, 0.5 × 2 to start, 0.35 to stay, 400 ms to end). */
const run = (probs: number[], options = {}) => {
  const s = createSpeechSegmenter(options);
  return { events: probs.map((p) => s.push(p)), s };
};
const repeat = <T,>(p: T, n: number): T[] => Array.from({ length: n }, () => p);

describe('speech segmenter (probabilities → stretches of speech)', () => {
  it('starts on the second frame above 0.5 and times the onset at the first', () => {
    const { events, s } = run([0.1, 0.2, 0.9, 0.8, 0.9]);
    expect(events).toEqual(['silence', 'silence', 'silence', 'start', 'continue']);
    expect(s.onsetFrame).toBe(2);
    expect(s.speaking).toBe(true);
  });

  it('ignores single frames above the start threshold', () => {
    const { events, s } = run([0.9, 0.1, 0.9, 0.2, 0.95, 0.4, 0.99]);
    expect(events.every((e) => e === SpeechEvent.silence)).toBe(true);
    expect(s.onsetFrame).toBe(-1);
  });

  it('keeps speech while frames stay above 0.35, even below 0.5', () => {
    const { events } = run([0.9, 0.9, ...repeat(0.4, 50)]);
    expect(events.slice(2)).toEqual(repeat('continue', 50));
  });

  it('ends after 400 ms (13 frames of 32 ms) below 0.35, and a frame above resets the count', () => {
    const { events } = run([0.9, 0.9, ...repeat(0.1, 12), 0.6, ...repeat(0.1, 13)]);
    expect(events.slice(0, 2)).toEqual(['silence', 'start']);
    expect(events.slice(2, 15)).toEqual(repeat('continue', 13)); // 12 below, then one above: still speech
    expect(events.slice(15, 27)).toEqual(repeat('continue', 12));
    expect(events[27]).toBe('end');
  });

  it('needs a fresh start after an end, with a new onset', () => {
    const { events, s } = run([0.9, 0.9, ...repeat(0, 13), 0.9, 0.2, 0.9, 0.9]);
    expect(events.at(-4)).toBe('silence');
    expect(events.at(-1)).toBe('start');
    expect(s.onsetFrame).toBe(17);
  });

  it('treats the threshold itself as not above (strictly greater)', () => {
    expect(run([0.5, 0.5, 0.5]).events).toEqual(['silence', 'silence', 'silence']);
    const { events } = run([0.9, 0.9, ...repeat(0.35, 13)]);
    expect(events.at(-1)).toBe('end');
  });

  it('follows its options: 3 start frames, 100 ms end at 20 ms frames', () => {
    const { events } = run([0.9, 0.9, 0.9, 0.0, 0.0, 0.0, 0.0, 0.0], { startFrames: 3, frameMs: 20, endAfterMs: 100 });
    expect(events).toEqual(['silence', 'silence', 'start', 'continue', 'continue', 'continue', 'continue', 'end']);
  });

  it('forgets everything on reset', () => {
    const s = createSpeechSegmenter();
    s.push(0.9);
    s.push(0.9);
    s.reset();
    expect([s.speaking, s.onsetFrame, s.frames]).toEqual([false, -1, 0]);
    expect(s.push(0.9)).toBe('silence');
  });

  it('rejects a stay threshold above the start threshold', () => {
    expect(() => createSpeechSegmenter({ startAbove: 0.3, stayAbove: 0.4 })).toThrow(/hysteresis/);
  });
});
