import type { Object3D } from 'three';
import type { VRM } from '@pixiv/three-vrm';
import type { EmotionLabel } from '../shared/emotion-labels';
import { createBodyIdle, type BodyIdle } from './body-idle';
import { createFaceDriver, type FaceDriver } from './face-driver';
import { createGaze, type Gaze } from './gaze';
import type { RandomSource } from './seeded-random';

/**
 * What an avatar shows this frame. Callers reuse one object per avatar and mutate it; the
 * controller only reads it during `update` and never keeps a reference.
 */
export interface AvatarFrameInput {
  emotion: { label: EmotionLabel; confidence: number };
  /** 0..1 voice activity level; drives lip movement. */
  speakingLevel: number;
  /** 0..1 drowsiness estimate; adds heavy eyelids. */
  drowsiness: number;
  /** Whom to look at (the speaker, or the viewer's camera); `null` looks ahead. */
  lookAtTarget: Object3D | null;
}

/** Options of {@link createAvatarController}. */
export interface AvatarControllerOptions {
  /** Random source for blink timing, lip variation and breathing phase. Default `Math.random`. */
  random?: RandomSource;
  /** Expression damping time constant (default 0.08 s: 95 % of a change within 240 ms). */
  expressionTimeConstantSec?: number;
  /** Apply the idle body (arms down, breathing). Default true. */
  idle?: boolean;
}

/** Animates one VRM from per-frame input. */
export interface AvatarController {
  readonly vrm: VRM;
  /**
   * Advances the avatar by `deltaSec` and calls `vrm.update(deltaSec)`. Allocation-free; call once
   * per rendered frame (e.g. in R3F's useFrame).
   */
  update(deltaSec: number, input: AvatarFrameInput): void;
  /**
   * Weight an expression (any preset or custom name) shows now, after the model's override rules;
   * 0 when the model lacks it. Read-only; meant for test hooks and debug overlays.
   */
  getExpressionWeight(name: string): number;
  /**
   * Stops driving the model and resets its expressions and gaze target. Does not free the model:
   * call `disposeVrm(vrm)` when it leaves the scene for good.
   */
  dispose(): void;
}

/**
 * Creates the controller for a loaded VRM: damped emotion expressions, auto-blink, lip movement,
 * breathing idle and look-at.
 */
export function createAvatarController(vrm: VRM, options: AvatarControllerOptions = {}): AvatarController {
  const random = options.random ?? Math.random;
  const face: FaceDriver = createFaceDriver(vrm.expressionManager, {
    random,
    ...(options.expressionTimeConstantSec !== undefined ? { timeConstantSec: options.expressionTimeConstantSec } : {}),
  });
  const body: BodyIdle | null = options.idle === false ? null : createBodyIdle(vrm.humanoid, random());
  const gaze: Gaze = createGaze(vrm.lookAt);
  const faceInput = { label: 'neutral' as EmotionLabel, confidence: 0, speakingLevel: 0, drowsiness: 0 };
  let timeSec = 0;
  let disposed = false;

  return {
    vrm,
    update(deltaSec, input) {
      if (disposed) return;
      const dt = deltaSec > 0 && Number.isFinite(deltaSec) ? Math.min(deltaSec, 0.25) : 0;
      timeSec += dt;
      faceInput.label = input.emotion.label;
      faceInput.confidence = input.emotion.confidence;
      faceInput.speakingLevel = input.speakingLevel;
      faceInput.drowsiness = input.drowsiness;
      face.update(dt, faceInput);
      body?.update(timeSec, input.speakingLevel);
      gaze.update(dt, input.lookAtTarget);
      vrm.update(dt);
    },
    getExpressionWeight(name) {
      return face.getAppliedWeight(name);
    },
    dispose() {
      disposed = true;
      face.reset();
      if (vrm.lookAt) vrm.lookAt.target = null;
      vrm.expressionManager?.update();
    },
  };
}
