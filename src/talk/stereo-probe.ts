/**
 * A test hook on the rendered voice: the left and right energy of a stereo node's output, so a
 * browser test can turn the listener and see a voice move from one ear to the other. Made only
 * when a test asks, so production pays for no splitter or analysers.
 */

/** Root-mean-square amplitude of each ear (0 = silence, 1 = a full-scale square wave). */
export interface StereoLevels {
  left: number;
  right: number;
}

/** Two analysers behind a channel splitter on one node's output. */
export interface StereoProbe {
  /** The ears' RMS over the last analyser window, written into `out` (and returned). */
  read(out: StereoLevels): StereoLevels;
  /** Disconnects the splitter and analysers from `tap`. */
  dispose(): void;
}

/** Live node counts, kept by whoever creates nodes so leak tests can read them. */
export interface NodeTally {
  positionalAudios: number;
  analysers: number;
  mediaElements: number;
}

const WINDOW_SAMPLES = 2048;

function rms(samples: Float32Array): number {
  let energy = 0;
  for (let i = 0; i < samples.length; i++) energy += samples[i]! * samples[i]!;
  return Math.sqrt(energy / samples.length);
}

/**
 * Taps `tap` (a panner's or the listener's stereo output) with a 2-way splitter into two
 * analysers. Analysers are pulled by the browser without a path to the destination, so the probe
 * changes nothing that is heard.
 */
export function createStereoProbe(context: BaseAudioContext, tap: AudioNode, tally: NodeTally): StereoProbe {
  const splitter = context.createChannelSplitter(2);
  const left = context.createAnalyser();
  const right = context.createAnalyser();
  left.fftSize = WINDOW_SAMPLES;
  right.fftSize = WINDOW_SAMPLES;
  tap.connect(splitter);
  splitter.connect(left, 0);
  splitter.connect(right, 1);
  tally.analysers += 2;
  const scratch = new Float32Array(WINDOW_SAMPLES);
  let disposed = false;
  return {
    read(out) {
      if (disposed) {
        out.left = 0;
        out.right = 0;
        return out;
      }
      left.getFloatTimeDomainData(scratch);
      out.left = rms(scratch);
      right.getFloatTimeDomainData(scratch);
      out.right = rms(scratch);
      return out;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      tap.disconnect(splitter);
      splitter.disconnect();
      left.disconnect();
      right.disconnect();
      tally.analysers -= 2;
    },
  };
}
