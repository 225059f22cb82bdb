import { describe, expect, it } from 'vitest';
import { createRunQueue } from '../../../src/emotion/emotion-classifier';
import { createSpeechDetector, type SpeechVerdictChange } from '../../../src/emotion/vad/speech-detector';
import type { SpeechProbabilityModel } from '../../../src/emotion/vad/speech-model';
import { createRingBuffer } from '../../../src/shared/ring-buffer';

const N = 512;

/** A stand-in for Silero that implements our interface: the probability is the frame's first sample. */
function fakeModel(runMs = 0) {
  const log = { running: 0, maxRunning: 0, resets: 0, calls: 0 };
  const model: SpeechProbabilityModel = {
    frameSamples: N,
    sampleRateHz: 16000,
    async probability(frame) {
      log.running++;
      log.calls++;
      log.maxRunning = Math.max(log.maxRunning, log.running);
      if (runMs) await new Promise((r) => setTimeout(r, runMs));
      log.running--;
      return frame[0]!;
    },
    reset: () => void log.resets++,
    dispose: async () => undefined,
  };
  return { model, log };
}

/** Frames whose first sample carries the probability. */
const frames = (...probs: number[]) => {
  const out = new Float32Array(probs.length * N);
  probs.forEach((p, f) => out.fill(p, f * N, (f + 1) * N));
  return out;
};

function setup(runMs = 0, capacity = 16000) {
  const ring = createRingBuffer(capacity, false);
  const { model, log } = fakeModel(runMs);
  const changes: SpeechVerdictChange[] = [];
  const queue = createRunQueue();
  const detector = createSpeechDetector({ ring, model, queue, onChange: (c) => changes.push(c) });
  return { ring, log, changes, queue, detector };
}

describe('speech detector (ring → model → hysteresis → verdict changes)', () => {
  it('decides frames below the silence floor without the model, and restarts its context after them', async () => {
    const { ring, log, changes, detector } = setup();
    const quiet = 10 ** (-70 / 20); // −70 dBFS, under the −60 dBFS floor
    ring.write(frames(0, 0, quiet, 0.9, 0.9, 0.9, 0, 0));
    await detector.pump(0);
    expect(log.calls).toBe(3); // only the three loud frames reached the model
    expect(detector.stats.silentFrames).toBe(5);
    expect(log.resets).toBe(1); // once, when the silence followed speech
    expect(changes).toEqual([{ speaking: true, onsetSample: 3 * N, atSample: 5 * N }]);
  });

  it('reports speech with its onset in ring positions, only on changes, and its end', async () => {
    const { ring, changes, detector } = setup();
    const audio = frames(0.1, 0.9, 0.9, 0.9, ...Array(13).fill(0));
    ring.write(audio.subarray(0, 3.5 * N));
    expect(await detector.pump(0)).toBe(3); // the 4th frame is not whole yet
    expect(changes).toEqual([{ speaking: true, onsetSample: N, atSample: 3 * N }]);
    ring.write(audio.subarray(3.5 * N));
    expect(await detector.pump(100)).toBe(8); // at most 8 frames per queued job …
    await detector.pump(130); // … the rest on the next pump
    expect(changes.at(-1)).toEqual({ speaking: false, onsetSample: N, atSample: 17 * N });
    expect(changes).toHaveLength(2);
  });

  it('starts at the ring position it is created at', async () => {
    const ring = createRingBuffer(16000, false);
    ring.write(frames(0.9, 0.9, 0.9));
    const changes: SpeechVerdictChange[] = [];
    const detector = createSpeechDetector({ ring, model: fakeModel().model, queue: createRunQueue(), onChange: (c) => changes.push(c) });
    expect(await detector.pump(0)).toBe(0);
    ring.write(frames(0.2, 0.9, 0.9));
    await detector.pump(50);
    expect(changes).toEqual([{ speaking: true, onsetSample: 4 * N, atSample: 6 * N }]);
  });

  it('ends the stretch and restarts the model when the audio stops (muted, device gone)', async () => {
    const { ring, changes, detector, log } = setup();
    ring.write(frames(0.9, 0.9));
    await detector.pump(0);
    await detector.pump(200);
    expect(detector.speaking).toBe(true);
    await detector.pump(301); // > 300 ms without audio
    expect(changes.at(-1)).toMatchObject({ speaking: false, atSample: 2 * N });
    expect(log.resets).toBe(1);
    await detector.pump(900);
    expect(log.resets).toBe(1); // once per gap
  });

  it('jumps to the newest audio after falling a whole ring behind', async () => {
    const { ring, changes, detector, log } = setup(0, 4 * N);
    ring.write(frames(0.9, 0.9, 0.9, 0.9, 0.9, 0.9)); // 6 frames into a ring of 4: the first are gone
    expect(await detector.pump(0)).toBe(0);
    expect(log.resets).toBe(1);
    ring.write(frames(0.9, 0.9));
    await detector.pump(50);
    expect(changes).toEqual([{ speaking: true, onsetSample: 6 * N, atSample: 8 * N }]);
  });

  it('shares the run queue: model runs never overlap emotion runs, and an emotion run waits behind one job at most', async () => {
    const { ring, detector, queue, log } = setup(2);
    ring.write(frames(...Array(30).fill(0.2)));
    const order: string[] = [];
    const emotion = () =>
      queue(async () => {
        order.push(`emotion after ${log.calls} frames`);
        log.running++;
        log.maxRunning = Math.max(log.maxRunning, log.running);
        await new Promise((r) => setTimeout(r, 5));
        log.running--;
      });
    const pumps = [detector.pump(0), emotion(), detector.pump(10), emotion(), detector.pump(20)];
    await Promise.all(pumps);
    expect(log.maxRunning).toBe(1);
    expect(order).toEqual(['emotion after 8 frames', 'emotion after 16 frames']); // 8 frames per job
    expect(log.calls).toBe(24);
  });
});
