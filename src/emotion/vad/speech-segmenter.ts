/**
 * Turns a speech-probability model's per-frame output into stretches of speech, with hysteresis:
 * speech starts after `startFrames` frames above `startAbove`, continues while frames stay above
 * `stayAbove`, and ends after `endAfterMs` of frames below it. Pure frame processor (probabilities
 * in, events out; no I/O, no model), so it is tested on arrays. Allocates nothing per frame.
 */

/** What one frame did to the verdict. */
export const SpeechEvent = {
  /** No speech, before or after this frame. */
  silence: 'silence',
  /** Speech began (its onset is {@link SpeechSegmenter.onsetFrame}). */
  start: 'start',
  /** Still speech. */
  continue: 'continue',
  /** Speech ended with this frame. */
  end: 'end',
} as const;
/** One of {@link SpeechEvent}. */
export type SpeechEvent = (typeof SpeechEvent)[keyof typeof SpeechEvent];

/** Tuning of {@link createSpeechSegmenter}; the defaults are justified in src/audio/VAD.md. */
export interface SpeechSegmenterOptions {
  /** Duration of one frame (Silero v5: 512 samples at 16 kHz = 32 ms). */
  frameMs: number;
  /** A frame counts towards a start above this probability. Default 0.5. */
  startAbove: number;
  /** Consecutive frames above `startAbove` that start speech. Default 2. */
  startFrames: number;
  /** Speech continues while frames stay above this (must not exceed `startAbove`). Default 0.35. */
  stayAbove: number;
  /** Speech ends after this long below `stayAbove`. Default 400. */
  endAfterMs: number;
}

/** Default tuning (32 ms frames). */
export const SPEECH_SEGMENTER_DEFAULTS: SpeechSegmenterOptions = { frameMs: 32, startAbove: 0.5, startFrames: 2, stayAbove: 0.35, endAfterMs: 400 };

/** Feed one probability per frame, in order. */
export interface SpeechSegmenter {
  push(probability: number): SpeechEvent;
  /** True while in a stretch of speech. */
  readonly speaking: boolean;
  /** Index (0-based, frames pushed before it) of the first frame of the current or last stretch; -1 if none. */
  readonly onsetFrame: number;
  /** Frames pushed since creation or reset. */
  readonly frames: number;
  reset(): void;
}

/** Creates a segmenter; see {@link SpeechSegmenterOptions}. */
export function createSpeechSegmenter(options: Partial<SpeechSegmenterOptions> = {}): SpeechSegmenter {
  const o = { ...SPEECH_SEGMENTER_DEFAULTS, ...options };
  if (o.stayAbove > o.startAbove) throw new Error('stayAbove must not exceed startAbove (hysteresis)');
  if (!(o.startFrames >= 1) || !(o.frameMs > 0)) throw new Error('startFrames must be ≥ 1 and frameMs > 0');
  const endFrames = Math.max(1, Math.round(o.endAfterMs / o.frameMs));
  let speaking = false;
  let above = 0;
  let below = 0;
  let frames = 0;
  let onsetFrame = -1;

  return {
    get speaking() {
      return speaking;
    },
    get onsetFrame() {
      return onsetFrame;
    },
    get frames() {
      return frames;
    },
    push(probability) {
      const index = frames++;
      if (!speaking) {
        above = probability > o.startAbove ? above + 1 : 0;
        if (above < o.startFrames) return SpeechEvent.silence;
        speaking = true;
        below = 0;
        onsetFrame = index - o.startFrames + 1;
        return SpeechEvent.start;
      }
      below = probability > o.stayAbove ? 0 : below + 1;
      if (below < endFrames) return SpeechEvent.continue;
      speaking = false;
      above = 0;
      return SpeechEvent.end;
    },
    reset() {
      speaking = false;
      above = below = frames = 0;
      onsetFrame = -1;
    },
  };
}
