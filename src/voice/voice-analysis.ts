/**
 * The voice → emotion scheduler, driven by a clock tick (every ~100 ms) on the main thread:
 * reads the VAD verdict (Silero in the worker, or the worklet's energy VAD), sends a window to the classifier only while someone
 * speaks (one at a time, every hopMs), smooths the results, and reports changes only. For a
 * model that takes a speaker profile, it keeps the wearer's profile from those windows.
 * Free of timers and DOM, so tests drive it with real audio and a real or fake classifier.
 */
import type { CaptureChannel } from '../audio/capture-channel';
import type { EmotionClassifier, EmotionScores } from '../emotion/emotion-classifier';
import { createEmotionSmoother, type EmotionSmootherOptions } from '../emotion/emotion-smoother';
import { samplesFor, type ModelContract } from '../emotion/model-contract';
import { createSpeakerProfile } from '../emotion/speaker-profile';
import { sameEmotion, type EmotionState } from '../shared/emotion-labels';
import { quantiseSpeaking, SPEAKING_LEVEL_STEPS } from '../shared/protocol';
import { SPEAKING_FROM } from '../state';
import { energyVerdict, type SpeechVerdict } from './speech-verdict';

/**
 * The least level sent while the verdict says speech: the first step at or above the level from
 * which a player counts as speaking. In a loud room the neural VAD hears speech the worklet's
 * energy level barely rises for; the wearer still speaks (mouth, gaze of others, nudge answers).
 */
export const VOICED_LEVEL = Math.ceil(SPEAKING_FROM * SPEAKING_LEVEL_STEPS) / SPEAKING_LEVEL_STEPS;

/** Options of {@link createVoiceAnalysis}. */
export interface VoiceAnalysisOptions {
  channel: CaptureChannel;
  /** Who says when there is speech. Default: the worklet's energy VAD in `channel`. */
  verdict?: SpeechVerdict;
  contract: ModelContract;
  classifier: EmotionClassifier;
  onEmotion(state: EmotionState): void;
  /** Speaking level 0..1 in the protocol's tenths (quantiseSpeaking), on every tick where it changed; 0 when silent. */
  onSpeaking(level: number): void;
  /** First classification once this much speech was heard (the window is padded to minInputMs). Default 700. */
  firstWindowAfterMs?: number;
  smoothing?: Partial<EmotionSmootherOptions>;
  onScores?(scores: EmotionScores): void;
  /** A new stretch of speech began `msAgo` milliseconds ago (VAD onset, for latency figures). */
  onSpeechStart?(msAgo: number): void;
  /** Clock for results that arrive between ticks. Default performance.now. */
  now?(): number;
  onError?(error: Error): void;
}

/** Call `tick` regularly; it returns quickly and never blocks on inference. */
export interface VoiceAnalysis {
  tick(nowMs: number): void;
  /** True while a window is being classified. */
  readonly busy: boolean;
  readonly state: EmotionState;
}

const PREROLL_MS = 200;
const step = (v: number) => Math.round(v * 20) / 20; // 0.05 steps: smaller changes are not news

/** Creates the scheduler. */
export function createVoiceAnalysis(options: VoiceAnalysisOptions): VoiceAnalysis {
  const { channel, contract, classifier } = options;
  const verdict = options.verdict ?? energyVerdict(channel);
  const smoother = createEmotionSmoother({ labels: contract.labels, minDwellMs: contract.hopMs * 2, ...options.smoothing });
  const firstAfterMs = options.firstWindowAfterMs ?? 700;
  const now = options.now ?? (() => performance.now());
  let busy = false;
  let lastClassifyMs = -Infinity;
  let lastLevel = -1;
  let last: EmotionState | null = null;
  let lastStretch = -1;
  const profile = contract.speakerProfile ? createSpeakerProfile(contract.speakerProfile) : null;

  function emit(state: EmotionState): void {
    const s = { ...state, confidence: step(state.confidence), arousal: step(state.arousal), valence: step(state.valence) };
    if (last && sameEmotion(last, s)) return;
    last = s;
    options.onEmotion(s);
  }

  function classify(windowMs: number, nowMs: number): void {
    busy = true;
    lastClassifyMs = nowMs;
    const window = new Float32Array(samplesFor(contract, windowMs)); // transferred to the worker, so fresh each hop
    channel.ring.readLatest(window);
    classifier.classify(window, profile?.current()).then(
      (scores) => {
        busy = false;
        options.onScores?.(scores);
        if (channel.muted()) return;
        // Only speech reaches here (tick classifies while the VAD hears speech): the profile learns the voice.
        if (profile && scores.bandMeans) profile.add(scores.bandMeans);
        emit(smoother.update(scores, now()));
      },
      (error: unknown) => {
        busy = false;
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  return {
    get busy() {
      return busy;
    },
    get state() {
      return smoother.state;
    },
    tick(nowMs) {
      if (channel.muted()) return; // muted: analyse nothing, send nothing
      const speaking = verdict.speaking();
      // The level is the worklet's (energy); the verdict gates it, so noise the VAD rejects moves no
      // mouth, and speech the VAD hears is never below VOICED_LEVEL.
      const level = speaking ? Math.max(VOICED_LEVEL, quantiseSpeaking(channel.level())) : 0;
      if (level !== lastLevel) options.onSpeaking((lastLevel = level));
      if (!speaking) {
        emit(smoother.silence(nowMs));
        return;
      }
      const speechMs = verdict.speechMs();
      const stretch = verdict.stretch();
      if (stretch !== lastStretch) {
        lastStretch = stretch;
        options.onSpeechStart?.(speechMs);
      }
      if (busy || speechMs < firstAfterMs || nowMs - lastClassifyMs < contract.hopMs) return;
      const windowMs = Math.min(contract.windowMs, Math.max(contract.minInputMs, speechMs + PREROLL_MS));
      classify(windowMs, nowMs);
    },
  };
}
