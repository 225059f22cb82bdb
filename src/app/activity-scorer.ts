/**
 * Scores this player's attempts in the group activity on the device: during a round, every
 * classified speech window's probability of the round's emotion; the best one is the score.
 * It is sent once, when the attempt ends (the voice falls silent after speaking) or shortly
 * before the round does. Only the score leaves the device.
 */
import type { EmotionScores } from '../emotion/emotion-classifier';
import { ActivityPhase } from '../shared/engagement';
import type { EmotionLabel } from '../shared/emotion-labels';
import { SPEAKING_FROM, type AppStore } from '../state';
import type { BindingClock } from './engagement-binding';

/** Options of {@link createActivityScorer}. */
export interface ActivityScorerOptions {
  readonly store: AppStore;
  /** The model's output order (labels.json). */
  readonly labels: readonly EmotionLabel[];
  /** Subscribes to classified windows; returns the unsubscribe function. */
  readonly subscribeScores: (listener: (scores: EmotionScores) => void) => () => void;
  /** Sends the score; false when it could not go out. */
  readonly send: (round: number, score: number) => boolean;
  readonly clock: BindingClock;
  /** Silence this long after speech ends the attempt, ms. Default 900. */
  readonly attemptEndMs?: number;
  /** Send at the latest this long before the round ends, ms. Default 1200. */
  readonly marginMs?: number;
}

/** The running scorer. */
export interface ActivityScorer {
  dispose(): void;
}

/** Starts scoring rounds as the store shows them. */
export function createActivityScorer(options: ActivityScorerOptions): ActivityScorer {
  const { store, clock } = options;
  const attemptEndMs = options.attemptEndMs ?? 900;
  const marginMs = options.marginMs ?? 1200;
  let round = 0;
  let best: number | null = null;
  let lastWindowMs = -Infinity;
  let sent = false;

  const participating = (): boolean => {
    const { activity, sessionId } = store.getState();
    const own = sessionId ? activity.entries[sessionId] : undefined;
    return activity.phase === ActivityPhase.round && own !== undefined && !own.declined;
  };
  const send = (): void => {
    if (sent || best === null || !participating()) return;
    sent = options.send(round, best);
  };

  const unsubscribeScores = options.subscribeScores((scores) => {
    const { activity } = store.getState();
    if (!participating() || !activity.target || sent) return;
    const index = options.labels.indexOf(activity.target);
    const p = index >= 0 ? (scores.probabilities[index] ?? 0) : 0;
    best = Math.max(best ?? 0, Math.min(1, Math.max(0, p)));
    lastWindowMs = clock.now();
  });
  const unsubscribeStore = store.subscribe((state, previous) => {
    if (state.activity.round !== previous.activity.round || state.activity.phase !== previous.activity.phase) {
      if (state.activity.phase === ActivityPhase.round && state.activity.round !== round) {
        round = state.activity.round;
        best = null;
        sent = false;
        lastWindowMs = -Infinity;
      }
    }
  });
  const timer = clock.setInterval(() => {
    if (!participating() || sent || best === null) return;
    const { activity } = store.getState();
    const now = clock.now();
    const speaking = store.getState().self.speaking >= SPEAKING_FROM;
    const attemptOver = !speaking && now - lastWindowMs >= attemptEndMs;
    const roundEnding = now >= activity.phaseSeenAtMs + activity.phaseMs - marginMs;
    if (attemptOver || roundEnding) send();
  }, 100);

  return {
    dispose() {
      unsubscribeScores();
      unsubscribeStore();
      clock.clearInterval(timer);
    },
  };
}
