import { FACE_PRESETS, type EmotionWeights, type FacePreset } from './expression-presets';

/**
 * Where a face preset's weight goes when a model lacks it (e.g. a VRM 0.x model without
 * `surprised`). Substitutes are tried as listed; each gets `share` of the missing weight.
 * Missing `neutral` is dropped: the rest face needs no preset.
 */
export const PRESET_SUBSTITUTES: Readonly<Record<FacePreset, readonly (readonly [FacePreset, number])[]>> = {
  happy: [['relaxed', 1]],
  relaxed: [['happy', 0.5]],
  angry: [['sad', 0.6]],
  sad: [['relaxed', 0.3]],
  surprised: [['happy', 0.5], ['sad', 0.2]],
  neutral: [],
};

/** A precomputed plan that moves weight off presets a model lacks. */
export interface PresetFallback {
  /** Face presets this model has no expression for. */
  readonly missing: readonly FacePreset[];
  /** Moves weight of missing presets onto available substitutes, in place, allocation-free. */
  apply(weights: EmotionWeights): EmotionWeights;
}

/** Builds the fallback plan for a model, given which expression names it has. */
export function createPresetFallback(has: (name: string) => boolean): PresetFallback {
  const missing = FACE_PRESETS.filter((preset) => !has(preset));
  const sources: FacePreset[] = [];
  const targets: FacePreset[] = [];
  const shares: number[] = [];
  for (const preset of missing) {
    for (const [substitute, share] of PRESET_SUBSTITUTES[preset]) {
      if (!has(substitute)) continue;
      sources.push(preset);
      targets.push(substitute);
      shares.push(share);
    }
  }
  return {
    missing,
    apply(weights) {
      for (let i = 0; i < sources.length; i++) {
        const target = targets[i] as FacePreset;
        const moved = weights[sources[i] as FacePreset] * (shares[i] as number);
        weights[target] = Math.min(1, weights[target] + moved);
      }
      for (let i = 0; i < missing.length; i++) weights[missing[i] as FacePreset] = 0;
      return weights;
    },
  };
}
