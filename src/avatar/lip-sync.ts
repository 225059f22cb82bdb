import { damp } from './damping';
import type { MouthPreset } from './expression-presets';
import type { RandomSource } from './random-source';

/** Current viseme weights, one per VRM mouth preset. */
export type LipWeights = Record<MouthPreset, number>;

/** Mouth motion from a speaking level: the level opens the mouth, syllables and vowels vary it. */
export interface LipSync {
  /** Advances time with the current speaking level (0..1) and updates {@link LipSync.weights}. */
  update(deltaSec: number, speakingLevel: number): void;
  /** The visemes for this frame (the same object every frame). */
  readonly weights: Readonly<LipWeights>;
}

/** Options of {@link createLipSync}. */
export interface LipSyncOptions {
  random?: RandomSource;
  /** How fast the opening follows the level. Default 0.05 s. */
  levelTimeConstantSec?: number;
}

/** Syllable rate of the open/close modulation, roughly that of conversational speech. */
const SYLLABLE_HZ = 4.5;
/** How often a new vowel colour is picked while speaking. */
const VOWEL_MIN_SEC = 0.12;
const VOWEL_SPAN_SEC = 0.12;
/** Vowel colour changes blend in over this time constant. */
const VOWEL_TIME_CONSTANT_SEC = 0.06;

/**
 * Creates lip movement that mixes mostly `aa` and `oh` (with touches of `ih`, `ou`, `ee`) so the
 * mouth does not pump uniformly. Silence closes the mouth within ~150 ms.
 */
export function createLipSync(options: LipSyncOptions = {}): LipSync {
  const random = options.random ?? Math.random;
  const levelTau = options.levelTimeConstantSec ?? 0.05;
  const weights: LipWeights = { aa: 0, ih: 0, ou: 0, ee: 0, oh: 0 };
  let level = 0;
  let phase = 0;
  let untilVowel = 0;
  let ohTarget = 0.3;
  let oh = 0.3;
  let frontTarget = 0; // ih/ee colour, signed: < 0 ih, > 0 ee
  let front = 0;

  return {
    weights,
    update(deltaSec, speakingLevel) {
      const dt = deltaSec > 0 ? deltaSec : 0;
      const target = speakingLevel > 0 ? Math.min(1, speakingLevel) : 0;
      level = damp(level, target, dt, levelTau);
      phase = (phase + dt * SYLLABLE_HZ) % 1;
      untilVowel -= dt;
      if (untilVowel <= 0) {
        untilVowel = VOWEL_MIN_SEC + VOWEL_SPAN_SEC * random();
        ohTarget = 0.15 + 0.55 * random();
        frontTarget = (random() - 0.5) * 0.6;
      }
      oh = damp(oh, ohTarget, dt, VOWEL_TIME_CONSTANT_SEC);
      front = damp(front, frontTarget, dt, VOWEL_TIME_CONSTANT_SEC);
      const syllable = Math.sin(Math.PI * phase);
      const open = level * (0.45 + 0.55 * syllable * syllable);
      weights.aa = open * (1 - oh);
      weights.oh = open * oh;
      weights.ou = open * oh * 0.3;
      weights.ih = front < 0 ? -front * open : 0;
      weights.ee = front > 0 ? front * open : 0;
    },
  };
}
