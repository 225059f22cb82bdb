import type { VRM } from '@pixiv/three-vrm';
import type { AvatarFrame } from './avatar-frame';
import { createBodyIdle, type BodyIdle } from './body-idle';
import { createFaceDriver, type FaceDriver } from './face-driver';
import { createGaze, type Gaze } from './gaze';
import type { RandomSource } from './random-source';

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
  update(deltaSec: number, input: AvatarFrame): void;
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
  let timeSec = 0;
  let disposed = false;

  return {
    vrm,
    update(deltaSec, input) {
      if (disposed) return;
      const elapsed = deltaSec > 0 && Number.isFinite(deltaSec) ? deltaSec : 0;
      // Breathing is a function of time, so it follows the clock at any frame rate (a clamped
      // clock runs slow on a slow renderer); steps that integrate (damping, spring bones) take at
      // most a quarter second at once, so a long gap cannot throw them.
      const dt = Math.min(elapsed, 0.25);
      timeSec += elapsed;
      face.update(dt, input);
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
