/**
 * The capture worklet's per-block work, as a pure object: resample the device's blocks to
 * 16 kHz, append them to the shared ring, and judge each 20 ms frame for voice activity.
 * Allocates only at creation; `process` runs on the audio thread 375 times a second at 48 kHz.
 */
import { ANALYSIS_RATE_HZ, VAD_FRAME_SAMPLES, type CaptureChannel } from './capture-channel';
import { createResampler } from './resampler';
import { createVoiceActivityDetector, type VoiceActivityOptions } from './voice-activity';

/** Options of {@link createCaptureProcessor}. */
export interface CaptureProcessorOptions {
  /** The AudioContext's real rate (never assumed). */
  inputRateHz: number;
  channel: CaptureChannel;
  /** Largest block expected (Web Audio's render quantum is 128). */
  maxBlock?: number;
  vad?: Partial<VoiceActivityOptions>;
}

/** Feeds device blocks through resampler, ring and VAD. */
export interface CaptureProcessor {
  /** Processes one block of mono samples. Returns false when muted (nothing was analysed). */
  process(block: Float32Array): boolean;
}

/** Creates the processor for one capture. */
export function createCaptureProcessor(options: CaptureProcessorOptions): CaptureProcessor {
  const { channel } = options;
  const maxBlock = options.maxBlock ?? 1024;
  const resampler = createResampler({ inputRateHz: options.inputRateHz, outputRateHz: ANALYSIS_RATE_HZ, maxBlock });
  const resampled = new Float32Array(resampler.maxOutputFor(maxBlock));
  const frame = new Float32Array(VAD_FRAME_SAMPLES);
  let frameFill = 0;
  const vad = createVoiceActivityDetector({ frameSamples: VAD_FRAME_SAMPLES, sampleRateHz: ANALYSIS_RATE_HZ, ...options.vad });
  let wasMuted = false;

  return {
    process(block) {
      if (channel.muted()) {
        if (!wasMuted) channel.publish(false, 0);
        wasMuted = true;
        return false;
      }
      if (wasMuted) {
        // Audio from before the mute must not be glued to audio after it.
        resampler.reset();
        vad.reset();
        frameFill = 0;
        wasMuted = false;
      }
      const n = resampler.process(block, resampled);
      channel.ring.write(resampled, n);
      for (let i = 0; i < n; i++) {
        frame[frameFill++] = resampled[i]!;
        if (frameFill === VAD_FRAME_SAMPLES) {
          vad.processFrame(frame);
          channel.publish(vad.speaking, vad.level);
          frameFill = 0;
        }
      }
      return true;
    },
  };
}
