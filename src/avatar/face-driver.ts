import type { VRMExpression, VRMExpressionManager } from '@pixiv/three-vrm';
import type { AvatarFrame } from './avatar-frame';
import { createBlinkScheduler, type BlinkScheduler } from './blink-scheduler';
import { damp, EXPRESSION_TIME_CONSTANT_SEC } from './damping';
import { mapEmotionToWeights } from './expression-mapping';
import { createEmotionWeights, EMOTION_CHANNELS, FACE_PRESETS, MOUTH_PRESETS, type EmotionWeights } from './expression-presets';
import { createLipSync, type LipSync } from './lip-sync';
import { createPresetFallback, type PresetFallback } from './preset-fallback';
import type { RandomSource } from './random-source';

/** Drives a model's expressions: emotion (damped), auto-blink and lip movement. */
export interface FaceDriver {
  /** Reads the frame's emotion, speaking level and drowsiness (not its look-at target). */
  update(deltaSec: number, input: AvatarFrame): void;
  /** Weight an expression shows this frame, after the model's override rules (0 if absent). */
  getAppliedWeight(name: string): number;
  /** The blink scheduler (exposed for diagnostics and tests). */
  readonly blink: BlinkScheduler;
  /** Face presets this model lacks (their weight goes to substitutes). */
  readonly fallback: PresetFallback;
  /** Sets every driven expression back to 0. */
  reset(): void;
}

/** Expressions already closing the eyes past this suspend auto-blink. */
const BLINK_SUSPEND_AT = 0.5;

/** Sums an override amount over expressions without allocating. */
function overrideSum(expressions: readonly VRMExpression[], kind: 0 | 1 | 2): number {
  let sum = 0;
  for (let i = 0; i < expressions.length; i++) {
    const e = expressions[i] as VRMExpression;
    sum += kind === 0 ? e.overrideBlinkAmount : kind === 1 ? e.overrideMouthAmount : e.overrideLookAtAmount;
  }
  return sum;
}

/**
 * Creates the face driver for a model's expression manager (`null` for a model without
 * expressions: everything becomes a no-op returning 0).
 */
export function createFaceDriver(
  manager: VRMExpressionManager | null | undefined,
  options: { random?: RandomSource; timeConstantSec?: number } = {},
): FaceDriver {
  const tau = options.timeConstantSec ?? EXPRESSION_TIME_CONSTANT_SEC;
  const has = (name: string): boolean => manager?.getExpression(name) != null;
  const fallback = createPresetFallback(has);
  const blink = createBlinkScheduler(options.random ? { random: options.random } : {});
  const lips: LipSync = createLipSync(options.random ? { random: options.random } : {});
  const target = createEmotionWeights();
  const current: EmotionWeights = createEmotionWeights();
  const expressions: readonly VRMExpression[] = manager ? manager.expressions : [];
  const blinkBoth = has('blink');
  const multipliers = { blink: 1, mouth: 1, lookAt: 1 };

  function setBlink(value: number): void {
    if (!manager) return;
    if (blinkBoth) manager.setValue('blink', value);
    else {
      manager.setValue('blinkLeft', value);
      manager.setValue('blinkRight', value);
    }
  }

  return {
    blink,
    fallback,
    update(deltaSec, input) {
      mapEmotionToWeights(input.emotion.label, input.emotion.confidence, input.drowsiness, target, input.emotion.arousal);
      fallback.apply(target);
      for (let i = 0; i < EMOTION_CHANNELS.length; i++) {
        const channel = EMOTION_CHANNELS[i] as keyof EmotionWeights;
        current[channel] = damp(current[channel], target[channel], deltaSec, tau);
      }
      lips.update(deltaSec, input.speakingLevel);
      if (!manager) return;
      for (let i = 0; i < FACE_PRESETS.length; i++) {
        const preset = FACE_PRESETS[i] as (typeof FACE_PRESETS)[number];
        manager.setValue(preset, current[preset]);
      }
      for (let i = 0; i < MOUTH_PRESETS.length; i++) {
        const preset = MOUTH_PRESETS[i] as (typeof MOUTH_PRESETS)[number];
        manager.setValue(preset, lips.weights[preset]);
      }
      const suspended = overrideSum(expressions, 0) >= BLINK_SUSPEND_AT || current.eyesClosed >= BLINK_SUSPEND_AT;
      setBlink(Math.max(current.eyesClosed, blink.update(deltaSec, suspended)));
      // Same rule three-vrm applies in expressionManager.update(): overriding expressions
      // scale blink/mouth/lookAt down in proportion to their weight ('blend') or fully ('block').
      multipliers.blink = Math.max(0, 1 - overrideSum(expressions, 0));
      multipliers.mouth = Math.max(0, 1 - overrideSum(expressions, 1));
      multipliers.lookAt = Math.max(0, 1 - overrideSum(expressions, 2));
    },
    getAppliedWeight(name) {
      const expression = manager?.getExpression(name);
      if (!manager || !expression) return 0;
      let weight = expression.outputWeight;
      if (manager.blinkExpressionNames.indexOf(name) !== -1) weight *= multipliers.blink;
      if (manager.mouthExpressionNames.indexOf(name) !== -1) weight *= multipliers.mouth;
      if (manager.lookAtExpressionNames.indexOf(name) !== -1) weight *= multipliers.lookAt;
      return weight;
    },
    reset() {
      for (let i = 0; i < expressions.length; i++) (expressions[i] as VRMExpression).weight = 0;
    },
  };
}
