/**
 * Avatars: VRM loading, emotion → expression weights, damping, blink, lip movement, breathing,
 * look-at, and the list of shipped avatars. three + three-vrm, no React.
 */
export { createAvatarController } from './avatar-controller';
export type { AvatarController, AvatarControllerOptions } from './avatar-controller';
export { createAvatarFrame, type AvatarFrame } from './avatar-frame';
export { loadVrm, disposeVrm, MAX_AVATAR_BYTES } from './load-vrm';
export type { LoadedAvatar, LoadVrmOptions } from './load-vrm';
export { AvatarLoadError, AvatarLoadErrorCode, isAvatarLoadError } from './avatar-load-error';
export { readGlbSummary } from './glb-summary';
export type { GlbSummary } from './glb-summary';
export { LABEL_RECIPES, mapEmotionToWeights, DROWSY_EYES_CLOSED, DROWSY_RELAXED } from './expression-mapping';
export { createPresetFallback, PRESET_SUBSTITUTES } from './preset-fallback';
export type { PresetFallback } from './preset-fallback';
export {
  FacePreset,
  FACE_PRESETS,
  MouthPreset,
  MOUTH_PRESETS,
  BlinkPreset,
  LookPreset,
  ALL_VRM_PRESETS,
  createEmotionWeights,
} from './expression-presets';
export type { EmotionWeights } from './expression-presets';
export { damp, dampFactor, settleTimeSec, EXPRESSION_TIME_CONSTANT_SEC } from './damping';
export { createBlinkScheduler, blinkShape } from './blink-scheduler';
export type { BlinkScheduler, BlinkSchedulerOptions } from './blink-scheduler';
export { createLipSync } from './lip-sync';
export type { LipSync, LipWeights } from './lip-sync';
export type { RandomSource } from './random-source';
export {
  SHIPPED_AVATARS,
  DEFAULT_AVATAR_ID,
  findShippedAvatar,
} from './shipped-avatars';
export type { ShippedAvatar } from './shipped-avatars';
export { shippedAvatarUrl } from './shipped-avatar-url';
