/**
 * The voice-activity verdict the analysis follows, whichever detector gives it: the worklet's
 * energy VAD (read from the capture channel) or the Silero VAD in the classifier worker
 * (src/emotion/worker/main-thread-client.ts `startSpeechDetector`, which has this shape).
 */
import { ANALYSIS_RATE_HZ, VAD_FRAME_SAMPLES, type CaptureChannel } from '../audio/capture-channel';

/** Speech or not, and since when. Read on every analysis tick; cheap. */
export interface SpeechVerdict {
  speaking(): boolean;
  /** Audio time from the detector's speech onset to the newest captured sample, ms (meaningful while speaking). */
  speechMs(): number;
  /** Changes once per new stretch of speech (any value identifying it). */
  stretch(): number;
}

const FRAME_MS = (VAD_FRAME_SAMPLES / ANALYSIS_RATE_HZ) * 1000;
/** The energy VAD declares speech on the 3rd loud frame: the speech began 2 frames before. */
const ONSET_FRAMES_BEFORE = 2;

/** The worklet's energy VAD, as published in the capture channel's control slots. */
export function energyVerdict(channel: CaptureChannel): SpeechVerdict {
  return {
    speaking: () => channel.speaking(),
    speechMs: () => (channel.frames() - channel.speechStartFrame() + ONSET_FRAMES_BEFORE) * FRAME_MS,
    stretch: () => channel.speechStartFrame(),
  };
}
