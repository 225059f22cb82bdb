/**
 * Mouth levels from the voice a listener actually hears. The room's speaking level comes from the
 * speaker's own energy VAD (src/audio/voice-activity.ts) and reaches others in tenths at 10 Hz; the
 * received audio is here sooner and exactly in step with the sound, so lips and voice agree. Both
 * are put on the same 0..1 scale so an avatar can switch between them without its mouth jumping.
 * Pure numbers; the Web Audio side (src/talk/heard-voice.ts) feeds it analyser frames.
 */
import { frameDbfs, SPEECH_FLOOR_DBFS } from '../shared/frame-level';

/** What a level query returns when there is no received audio to measure (no stream, not flowing, context asleep). */
export const NO_LEVEL = -1;

/**
 * Level 1 is reached this many dB above the speech floor: the span the sender's VAD maps onto
 * 0..1 (its `levelRangeDb` default), so a syllable opens the mouth as far either way.
 */
export const RECEIVED_LEVEL_RANGE_DB = 30;

/**
 * How fast the level rises and falls (time constants). They are the sender VAD's per-frame
 * factors (0.6 up, 0.25 down per 20 ms frame) as times, so that mouths open quickly and close
 * smoothly whichever source drives them, at any frame rate.
 */
export const LEVEL_ATTACK_SEC = -0.02 / Math.log(1 - 0.6);
export const LEVEL_RELEASE_SEC = -0.02 / Math.log(1 - 0.25);

/**
 * Level 0..1 of a frame at `dbfs`: 0 at the speech floor (SPEECH_FLOOR_DBFS, below which no headset
 * microphone carries speech, so the codec's residual noise moves no mouth) and 1 from
 * RECEIVED_LEVEL_RANGE_DB above it. WebRTC's noise suppression and AGC have already run on the
 * sender, so a fixed floor stands in for the sender VAD's adaptive one.
 */
export function levelFromDbfs(dbfs: number): number {
  if (!(dbfs > SPEECH_FLOOR_DBFS)) return 0;
  return Math.min(1, (dbfs - SPEECH_FLOOR_DBFS) / RECEIVED_LEVEL_RANGE_DB);
}

/** Level 0..1 of a block of samples (e.g. an AnalyserNode's time-domain window). Allocates nothing. */
export function levelOfSamples(samples: Float32Array): number {
  return samples.length === 0 ? 0 : levelFromDbfs(frameDbfs(samples));
}

/**
 * One smoothing step from `previous` toward `target` over `dtSec`: fast attack, slower release.
 * A non-positive `dtSec` keeps `previous` (the same audio quantum read twice).
 */
export function followLevel(previous: number, target: number, dtSec: number): number {
  if (!(dtSec > 0)) return previous;
  const tau = target > previous ? LEVEL_ATTACK_SEC : LEVEL_RELEASE_SEC;
  const next = previous + (target - previous) * (1 - Math.exp(-dtSec / tau));
  return next < 1e-3 ? 0 : next;
}

/**
 * The speaking level an avatar's lips follow: the received-audio level when there is one (a
 * peer whose voice plays here), else the room's level (a peer out of hearing range, a spectator
 * page without voice chat, a connection still starting).
 */
export function chooseSpeakingLevel(receivedLevel: number, roomLevel: number): number {
  return receivedLevel >= 0 ? receivedLevel : roomLevel;
}
