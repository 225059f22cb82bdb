/**
 * Voice activity in the classifier worker: follows the capture's 16 kHz ring (a SharedArrayBuffer
 * the worklet writes; nothing is posted per block) frame by frame, scores each frame with a
 * {@link SpeechProbabilityModel} on the worker's run queue, and reports only the changes of verdict
 * (speech began at sample s / speech ended). Free of `self` and timers: the caller pumps it, so
 * Node tests drive it with a real ring, the real model and their own clock.
 */
import type { RunQueue } from '../emotion-classifier';
import type { RingBuffer } from '../../shared/ring-buffer';
import { createSpeechSegmenter, SpeechEvent, type SpeechSegmenterOptions } from './speech-segmenter';
import type { SpeechProbabilityModel } from './speech-model';
import { frameDbfs, SPEECH_FLOOR_DBFS } from '../../shared/frame-level';

/** A change of verdict. Positions are in the ring's stream (its `written()` count). */
export interface SpeechVerdictChange {
  speaking: boolean;
  /** Where the current (or, on an end, the finished) stretch of speech began. */
  onsetSample: number;
  /** Where the audio that decided it ends. */
  atSample: number;
}

/** Options of {@link createSpeechDetector}. */
export interface SpeechDetectorOptions {
  ring: RingBuffer;
  model: SpeechProbabilityModel;
  /** The worker's one run queue: frames are scored between emotion runs, never beside them. */
  queue: RunQueue;
  onChange(change: SpeechVerdictChange): void;
  segmenter?: Partial<Omit<SpeechSegmenterOptions, 'frameMs'>>;
  /**
   * Frames scored per queued job at most (default 8 ≈ 256 ms of audio, ~2 ms of work): an emotion
   * window waits behind one such job at worst, and the detector catches up after a long emotion run.
   */
  maxFramesPerRun?: number;
  /** No new audio for this long (muted, device gone) ends the stretch and restarts the model. Default 300. */
  stallMs?: number;
  /**
   * Frames quieter than this (RMS, dBFS) are silence without asking the model (probability 0), so a
   * quiet room costs no inference. Default {@link SILENCE_FLOOR_DBFS}.
   */
  silenceFloorDbfs?: number;
}

/** The default silence floor: the level below which no headset carries speech. */
export const SILENCE_FLOOR_DBFS = SPEECH_FLOOR_DBFS;

/** Frames scored since the detector started and the time its jobs took (ring reads, model, hysteresis). */
export interface SpeechDetectorStats {
  readonly frames: number;
  /** Of those, frames below the silence floor, decided without the model. */
  readonly silentFrames: number;
  readonly runMs: number;
}

/** Call `pump` every few tens of milliseconds. */
export interface SpeechDetector {
  /** Scores, in one queued job, the whole frames that arrived since the last call; returns how many. */
  pump(nowMs: number): Promise<number>;
  readonly speaking: boolean;
  /** Frames scored and the time spent in those jobs, for the benchmark. */
  readonly stats: SpeechDetectorStats;
}

/** Creates a detector that starts at the ring's current position. */
export function createSpeechDetector(options: SpeechDetectorOptions): SpeechDetector {
  const { ring, model, queue } = options;
  const n = model.frameSamples;
  const frame = new Float32Array(n);
  const segmenter = createSpeechSegmenter({ ...options.segmenter, frameMs: (n / model.sampleRateHz) * 1000 });
  const maxFrames = options.maxFramesPerRun ?? 8;
  const stallMs = options.stallMs ?? 300;
  const floorDbfs = options.silenceFloorDbfs ?? SILENCE_FLOOR_DBFS;
  const stats = { frames: 0, silentFrames: 0, runMs: 0 };
  let modelFresh = true; // the model's state has seen nothing since its last reset
  let next = ring.written(); // stream position of the next frame to score
  let base = next; // stream position of the segmenter's frame 0
  let lastAudioMs: number | null = null;
  let stalled = false;
  const onsetSample = () => (base + segmenter.onsetFrame * n) >>> 0;

  /** A gap in the audio: end any stretch, and score from `at` with a fresh model state. */
  function restart(at: number): void {
    if (segmenter.speaking) options.onChange({ speaking: false, onsetSample: onsetSample(), atSample: next });
    model.reset();
    modelFresh = true;
    segmenter.reset();
    next = base = at;
  }

  async function scoreFrames(): Promise<number> {
    const t0 = performance.now();
    if (((ring.written() - next) >>> 0) > ring.capacity) restart(ring.written()); // fell a whole ring behind
    let done = 0;
    while (done < maxFrames && ring.readAt(next, frame)) {
      let probability = 0;
      if (frameDbfs(frame) < floorDbfs) {
        stats.silentFrames++;
        if (!modelFresh) {
          model.reset(); // its context ends with the silence
          modelFresh = true;
        }
      } else {
        probability = await model.probability(frame);
        modelFresh = false;
      }
      const event = segmenter.push(probability);
      next = (next + n) >>> 0;
      done++;
      if (event === SpeechEvent.start || event === SpeechEvent.end) {
        options.onChange({ speaking: event === SpeechEvent.start, onsetSample: onsetSample(), atSample: next });
      }
    }
    stats.frames += done;
    stats.runMs += performance.now() - t0;
    return done;
  }

  return {
    get speaking() {
      return segmenter.speaking;
    },
    stats,
    async pump(nowMs) {
      const done = await queue(scoreFrames);
      if (done > 0 || lastAudioMs === null) {
        lastAudioMs = nowMs;
        stalled = false;
      } else if (!stalled && nowMs - lastAudioMs > stallMs) {
        stalled = true;
        restart(next);
      }
      return done;
    },
  };
}

/** The verdict as another thread reads it, rebuilt from the changes; the shape of voice's SpeechVerdict. */
export interface SpeechVerdictMirror {
  /** Applies one change (as posted by the worker). */
  apply(change: Pick<SpeechVerdictChange, 'speaking' | 'onsetSample'>): void;
  speaking(): boolean;
  /** Audio time from the onset of the current stretch to the ring's newest sample, ms. */
  speechMs(): number;
  /** The current (or last) stretch's onset position; -1 before any. */
  stretch(): number;
}

/** Mirrors a detector's verdict against `ring` (the same ring the detector reads, at `sampleRateHz`). */
export function createSpeechVerdictMirror(ring: Pick<RingBuffer, 'written'>, sampleRateHz: number): SpeechVerdictMirror {
  let speaking = false;
  let onsetSample = -1;
  return {
    apply(change) {
      speaking = change.speaking;
      onsetSample = change.onsetSample;
    },
    speaking: () => speaking,
    speechMs: () => (((ring.written() - onsetSample) >>> 0) / sampleRateHz) * 1000,
    stretch: () => onsetSample,
  };
}
