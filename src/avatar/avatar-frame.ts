import type { Object3D } from 'three';
import type { EmotionLabel } from '../shared/emotion-labels';

/**
 * What an avatar shows this frame: the one input type of scene avatars, their controller and
 * their face. Callers keep one object per avatar and rewrite it in place every frame; readers
 * only read it during `update` and never keep a reference.
 */
export interface AvatarFrame {
  /** The label, how sure it is (0..1) and its arousal (−1..1): an unsure reading shows its arousal. */
  emotion: { label: EmotionLabel; confidence: number; arousal: number };
  /** 0..1 voice activity level; drives lip movement. */
  speakingLevel: number;
  /** 0..1 drowsiness estimate; adds heavy eyelids. */
  drowsiness: number;
  /** Whom to look at (the speaker, or the viewer's camera); `null` looks ahead. */
  lookAtTarget: Object3D | null;
}

/** A neutral frame to rewrite each frame. */
export function createAvatarFrame(): AvatarFrame {
  return { emotion: { label: 'neutral', confidence: 0, arousal: 0 }, speakingLevel: 0, drowsiness: 0, lookAtTarget: null };
}
