/**
 * What the capture worklet shares with the rest of the page, in SharedArrayBuffers so that
 * nothing is posted per audio block: the 16 kHz ring of samples and a few control figures.
 */
import { attachRingBuffer, createRingBuffer, type RingBuffer } from '../shared/ring-buffer';

/** Control slots (Int32). */
const SLOT = { speaking: 0, levelMilli: 1, frames: 2, muted: 3, lastSpeechFrame: 4, speechStartFrame: 5 } as const;
const SLOTS = 8;

/** Analysis rate of everything downstream of the capture. */
export const ANALYSIS_RATE_HZ = 16000;
/** Name under which the capture AudioWorklet processor registers. */
export const CAPTURE_PROCESSOR_NAME = 'emotone-capture';
/** Frames the VAD judges: 20 ms at 16 kHz. */
export const VAD_FRAME_SAMPLES = 320;

/** The two buffers, transferable to the worklet through `processorOptions`. */
export interface CaptureBuffers {
  ring: ArrayBuffer | SharedArrayBuffer;
  control: ArrayBuffer | SharedArrayBuffer;
}

/** Shared state of one capture: written by the worklet, read by the pipeline. */
export interface CaptureChannel {
  readonly buffers: CaptureBuffers;
  readonly ring: RingBuffer;
  /** VAD verdict of the latest frame. */
  speaking(): boolean;
  /** Speaking level 0..1. */
  level(): number;
  /** VAD frames processed since start (20 ms each). */
  frames(): number;
  /** Frame index of the latest frame judged speech (-1 if none). */
  lastSpeechFrame(): number;
  /** Frame index where the current (or last) stretch of speech began (-1 if none). */
  speechStartFrame(): number;
  muted(): boolean;
  setMuted(muted: boolean): void;
  /** Worklet side: publishes one frame's verdict. */
  publish(speaking: boolean, level: number): void;
}

/** Creates a channel whose 16 kHz ring holds `seconds` of audio. */
export function createCaptureChannel(seconds = 8): CaptureChannel {
  const ring = createRingBuffer(Math.round(seconds * ANALYSIS_RATE_HZ));
  const bytes = SLOTS * 4;
  const control = typeof SharedArrayBuffer !== 'undefined' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const channel = attachCaptureChannel({ ring: ring.buffer, control });
  const c = new Int32Array(control, 0, SLOTS);
  c[SLOT.lastSpeechFrame] = -1;
  c[SLOT.speechStartFrame] = -1;
  return channel;
}

/** Views buffers made elsewhere (the worklet side). */
export function attachCaptureChannel(buffers: CaptureBuffers): CaptureChannel {
  const ring = attachRingBuffer(buffers.ring);
  const c = new Int32Array(buffers.control, 0, SLOTS);
  return {
    buffers,
    ring,
    speaking: () => Atomics.load(c, SLOT.speaking) === 1,
    level: () => Atomics.load(c, SLOT.levelMilli) / 1000,
    frames: () => Atomics.load(c, SLOT.frames),
    lastSpeechFrame: () => Atomics.load(c, SLOT.lastSpeechFrame),
    speechStartFrame: () => Atomics.load(c, SLOT.speechStartFrame),
    muted: () => Atomics.load(c, SLOT.muted) === 1,
    setMuted: (muted) => void Atomics.store(c, SLOT.muted, muted ? 1 : 0),
    publish(speaking, level) {
      const frame = Atomics.add(c, SLOT.frames, 1);
      if (speaking) {
        if (Atomics.load(c, SLOT.speaking) !== 1) Atomics.store(c, SLOT.speechStartFrame, frame);
        Atomics.store(c, SLOT.lastSpeechFrame, frame);
      }
      Atomics.store(c, SLOT.speaking, speaking ? 1 : 0);
      Atomics.store(c, SLOT.levelMilli, Math.round(level * 1000));
    },
  };
}
