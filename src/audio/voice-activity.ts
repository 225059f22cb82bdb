/**
 * Energy-based voice activity detector with hysteresis and an adaptive noise floor
 * ("minimum statistics": the floor is the quietest frame of the last few seconds, so a louder
 * room is adopted within that window while the pauses between words keep it low during speech).
 * Pure frame processor (ricky0123/vad style): feed frames, read `speaking` and `level`.
 * Allocates nothing per frame.
 */
import { frameDbfs, SPEECH_FLOOR_DBFS } from '../shared/frame-level';

/** Tuning of {@link createVoiceActivityDetector}; the defaults are justified in src/audio/VAD.md. */
export interface VoiceActivityOptions {
  /** Frame length in samples (at 16 kHz, 320 = 20 ms). */
  frameSamples: number;
  sampleRateHz: number;
  /** Speech starts when the frame is this many dB above the noise floor … */
  onAboveFloorDb?: number;
  /** … for this many consecutive frames. */
  onFrames?: number;
  /** Speech continues while frames stay this many dB above the floor (must be < onAboveFloorDb). */
  offAboveFloorDb?: number;
  /** Speech ends after this many ms below the off threshold (hangover). */
  hangoverMs?: number;
  /** Frames quieter than this (dBFS) are never speech, however quiet the room. */
  absoluteMinDb?: number;
  /** The floor's lowest value (dBFS), so digital silence cannot make every breath speech. */
  floorMinDb?: number;
  /** The noise floor is the quietest frame within this window. Default 3000. */
  floorWindowMs?: number;
  /** Level 1 is reached this many dB above the off threshold. */
  levelRangeDb?: number;
}

/** What the detector reports after each frame. */
export interface VoiceActivityDetector {
  /** Processes one frame of `frameSamples` samples starting at `offset`; returns `speaking`. */
  processFrame(samples: Float32Array, offset?: number): boolean;
  /** True while speech is detected (with hysteresis and hangover). */
  readonly speaking: boolean;
  /** Speaking level 0..1 (0 whenever not speaking), smoothed for display and lip motion. */
  readonly level: number;
  /** Energy of the last frame, dBFS. */
  readonly frameDb: number;
  /** Current noise floor estimate, dBFS. */
  readonly floorDb: number;
  reset(): void;
}

/** Creates an energy VAD; see {@link VoiceActivityOptions} for the thresholds. */
export function createVoiceActivityDetector(options: VoiceActivityOptions): VoiceActivityDetector {
  const n = options.frameSamples;
  const frameSec = n / options.sampleRateHz;
  const onDb = options.onAboveFloorDb ?? 12;
  const offDb = options.offAboveFloorDb ?? 6;
  const onFrames = options.onFrames ?? 3;
  const hangoverFrames = Math.max(1, Math.round((options.hangoverMs ?? 400) / 1000 / frameSec));
  const absoluteMinDb = options.absoluteMinDb ?? SPEECH_FLOOR_DBFS;
  const floorMinDb = options.floorMinDb ?? -75;
  const blockFrames = Math.max(1, Math.round(0.25 / frameSec));
  const blockMins = new Float64Array(Math.max(1, Math.round((options.floorWindowMs ?? 3000) / 250)));
  let blockIndex = 0;
  let blockCount = 0;
  let currentMin = Infinity;
  const rangeDb = options.levelRangeDb ?? 30;
  if (offDb >= onDb) throw new Error('offAboveFloorDb must be below onAboveFloorDb (hysteresis)');

  blockMins.fill(Infinity);
  let floorDb = -50;
  let frameDb = -120;
  let speaking = false;
  let above = 0;
  let below = 0;
  let level = 0;

  return {
    get speaking() {
      return speaking;
    },
    get level() {
      return level;
    },
    get frameDb() {
      return frameDb;
    },
    get floorDb() {
      return floorDb;
    },
    processFrame(samples, offset = 0) {
      frameDb = frameDbfs(samples, offset, offset + n);
      if (frameDb < currentMin) currentMin = frameDb;
      floorDb = currentMin;
      for (let b = 0; b < blockMins.length; b++) if (blockMins[b]! < floorDb) floorDb = blockMins[b]!;
      if (floorDb < floorMinDb) floorDb = floorMinDb;
      if (++blockCount === blockFrames) {
        blockMins[blockIndex] = currentMin;
        blockIndex = (blockIndex + 1) % blockMins.length;
        blockCount = 0;
        currentMin = Infinity;
      }
      const overFloor = frameDb - floorDb;
      if (!speaking) {
        above = overFloor >= onDb && frameDb >= absoluteMinDb ? above + 1 : 0;
        if (above >= onFrames) {
          speaking = true;
          below = 0;
        }
      } else {
        below = overFloor < offDb || frameDb < absoluteMinDb ? below + 1 : 0;
        if (below >= hangoverFrames) {
          speaking = false;
          above = 0;
        }
      }
      const target = speaking ? Math.min(1, Math.max(0, (overFloor - offDb) / rangeDb)) : 0;
      // Fast attack, slower release: mouths open quickly and close smoothly.
      level += (target - level) * (target > level ? 0.6 : 0.25);
      if (level < 1e-3) level = 0;
      return speaking;
    },
    reset() {
      blockMins.fill(Infinity);
      blockIndex = 0;
      blockCount = 0;
      currentMin = Infinity;
      floorDb = -50;
      frameDb = -120;
      speaking = false;
      above = 0;
      below = 0;
      level = 0;
    },
  };
}
