/**
 * How much energy the wearer's voice carries lately, against their own running baseline: the
 * model's arousal on the windows it classified (speech only), and how much they speak. Pure.
 */
import { clamp01 } from '../shared/clamp';

/** Tuning of {@link createVoiceEnergy}. */
export interface VoiceEnergyOptions {
  /** Time constant of the recent arousal, ms. */
  readonly recentMs: number;
  /** Time constant of the wearer's own baseline, ms (minutes: a mood, not a sentence). */
  readonly baselineMs: number;
  /** Arousal the baseline starts from, and how many windows that prior weighs. */
  readonly priorArousal: number;
  readonly priorWindows: number;
  /** Recent arousal this far below the baseline reads as fully low-energy. */
  readonly relativeSpan: number;
  /** Recent arousal below `absoluteFrom` starts to read as low-energy; `absoluteSpan` lower is fully so. */
  readonly absoluteFrom: number;
  readonly absoluteSpan: number;
  /** Evidence fades once the wearer has not spoken for this long, ms. */
  readonly memoryMs: number;
}

/**
 * Defaults. The arousal head separates low- from high-energy speech of unseen speakers with an
 * AUC of about 0.76–0.86 (model card), so single windows are weak evidence: a minute of them is not.
 */
export const VOICE_ENERGY_DEFAULTS: VoiceEnergyOptions = Object.freeze({
  recentMs: 45_000,
  baselineMs: 600_000,
  priorArousal: 0,
  priorWindows: 20,
  relativeSpan: 0.35,
  absoluteFrom: -0.15,
  absoluteSpan: 0.45,
  memoryMs: 90_000,
});

/** The voice's recent energy. */
export interface VoiceEnergySummary {
  /** 0 (lively or no evidence) .. 1 (clearly low-energy speech, for this wearer). */
  readonly lowEnergy: number;
  /** Mean arousal of the recent windows (NaN before any). */
  readonly recentArousal: number;
  readonly baselineArousal: number;
  /** Milliseconds since the wearer last spoke (Infinity if never). */
  readonly silentForMs: number;
  /** Fraction of the last few minutes spent speaking, 0..1. */
  readonly speechFraction: number;
}

/** Consumes classified windows and speaking ticks. */
export interface VoiceEnergy {
  addWindow(nowMs: number, arousal: number): void;
  addSpeaking(nowMs: number, speaking: boolean): void;
  summary(nowMs: number): VoiceEnergySummary;
}

/** Creates the tracker. */
export function createVoiceEnergy(options: Partial<VoiceEnergyOptions> = {}): VoiceEnergy {
  const o = { ...VOICE_ENERGY_DEFAULTS, ...options };
  let recent = NaN;
  let recentAtMs = 0;
  let baseline = o.priorArousal;
  let windows = 0;
  let lastSpokeMs = -Infinity;
  let lastTickMs = NaN;
  let spokenMs = 0;
  let coveredMs = 0;
  const speechMemoryMs = 3 * 60_000;

  return {
    addWindow(nowMs, arousal) {
      if (!Number.isFinite(arousal)) return;
      const a = Math.max(-1, Math.min(1, arousal));
      const k = Number.isNaN(recent) ? 1 : 1 - Math.exp(-Math.max(0, nowMs - recentAtMs) / o.recentMs);
      // Each window moves the recent mean by at least a few percent, so a burst of speech counts.
      recent = Number.isNaN(recent) ? a : recent + (a - recent) * Math.max(k, 0.08);
      recentAtMs = nowMs;
      windows++;
      // The baseline learns slowly and, early on, leans on the prior (a few windows are not a voice).
      const w = Math.max(1 / (o.priorWindows + windows), 1 - Math.exp(-2000 / o.baselineMs));
      baseline += (a - baseline) * w;
      lastSpokeMs = nowMs;
    },
    addSpeaking(nowMs, speaking) {
      if (!Number.isNaN(lastTickMs)) {
        const dt = Math.min(1000, Math.max(0, nowMs - lastTickMs));
        const k = Math.exp(-dt / speechMemoryMs);
        spokenMs = spokenMs * k + (speaking ? dt : 0);
        coveredMs = coveredMs * k + dt;
      }
      if (speaking) lastSpokeMs = Math.max(lastSpokeMs, nowMs);
      lastTickMs = nowMs;
    },
    summary(nowMs) {
      const silentForMs = Math.max(0, nowMs - lastSpokeMs);
      let lowEnergy = 0;
      if (!Number.isNaN(recent)) {
        const relative = clamp01((baseline - recent) / o.relativeSpan);
        const absolute = clamp01((o.absoluteFrom - recent) / o.absoluteSpan);
        lowEnergy = Math.max(relative, absolute);
        const age = Math.max(0, nowMs - recentAtMs);
        if (age > o.memoryMs) lowEnergy *= Math.exp(-(age - o.memoryMs) / 60_000);
      }
      return {
        lowEnergy,
        recentArousal: recent,
        baselineArousal: baseline,
        silentForMs,
        speechFraction: coveredMs > 0 ? clamp01(spokenMs / coveredMs) : 0,
      };
    },
  };
}
