/**
 * The seam between the speech detector and a voice-activity model (Silero VAD v5 through ORT in
 * the worker and in Node tests): fixed frames of 16 kHz audio in, a speech probability out.
 */

/** A streaming speech-probability model. Calls must not overlap: the caller runs them on its run queue. */
export interface SpeechProbabilityModel {
  /** Samples per frame at {@link sampleRateHz}. */
  readonly frameSamples: number;
  readonly sampleRateHz: number;
  /** Probability 0..1 that `frame` (the `frameSamples` samples after the previous call's) is speech. */
  probability(frame: Float32Array): Promise<number>;
  /** Forgets the recurrent state and context (after a gap in the audio). */
  reset(): void;
  dispose(): Promise<void>;
}
