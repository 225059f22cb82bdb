/**
 * The VRM expression names the avatar engine drives. Kept free of three/three-vrm so the pure
 * mapping and its tests do not load a renderer. Names match VRMC_vrm 1.0 presets exactly.
 */

/** Emotion-bearing face presets of VRM 1.0 (the ones an emotion label maps onto). */
export const FacePreset = {
  happy: 'happy',
  angry: 'angry',
  sad: 'sad',
  relaxed: 'relaxed',
  surprised: 'surprised',
  neutral: 'neutral',
} as const;
/** One emotion-bearing VRM preset. */
export type FacePreset = (typeof FacePreset)[keyof typeof FacePreset];

/** Face presets in a stable order; per-frame loops index this array instead of allocating. */
export const FACE_PRESETS: readonly FacePreset[] = Object.freeze(Object.values(FacePreset));

/** Mouth (viseme) presets driven by lip movement. */
export const MouthPreset = { aa: 'aa', ih: 'ih', ou: 'ou', ee: 'ee', oh: 'oh' } as const;
/** One VRM viseme preset. */
export type MouthPreset = (typeof MouthPreset)[keyof typeof MouthPreset];

/** Viseme presets in a stable order. */
export const MOUTH_PRESETS: readonly MouthPreset[] = Object.freeze(Object.values(MouthPreset));

/** Eye presets: blink (both eyes) and the one-eye variants. */
export const BlinkPreset = { blink: 'blink', blinkLeft: 'blinkLeft', blinkRight: 'blinkRight' } as const;
/** One VRM blink preset. */
export type BlinkPreset = (typeof BlinkPreset)[keyof typeof BlinkPreset];

/** Gaze presets, used by models whose lookAt type is `expression`. */
export const LookPreset = { lookUp: 'lookUp', lookDown: 'lookDown', lookLeft: 'lookLeft', lookRight: 'lookRight' } as const;
/** One VRM gaze preset. */
export type LookPreset = (typeof LookPreset)[keyof typeof LookPreset];

/** Every VRM 1.0 expression preset, in the order the generator writes them. */
export const ALL_VRM_PRESETS: readonly string[] = Object.freeze([
  ...FACE_PRESETS,
  ...Object.values(BlinkPreset),
  ...MOUTH_PRESETS,
  ...Object.values(LookPreset),
]);

/**
 * Target weights the emotion mapping produces: one per face preset, plus `eyesClosed`, a held
 * eye closure (sleepy, drowsy) that the controller applies through the `blink` preset.
 */
export type EmotionWeights = Record<FacePreset | 'eyesClosed', number>;

/** Channels of {@link EmotionWeights} in a stable order. */
export const EMOTION_CHANNELS: readonly (keyof EmotionWeights)[] = Object.freeze([...FACE_PRESETS, 'eyesClosed']);

/** A fresh all-zero weights record (allocate once, reuse every frame). */
export function createEmotionWeights(): EmotionWeights {
  return { happy: 0, angry: 0, sad: 0, relaxed: 0, surprised: 0, neutral: 0, eyesClosed: 0 };
}
