import { ActivityPhase } from '../src/shared/engagement';

/** One player's part inside the activity state machine (activity.ts). */
export interface ActivityEntry {
  declined: boolean;
  /** Left the room during the run: hidden from the view, still counted in the run's figures. */
  left: boolean;
  /** First round this player can score (later for players who joined during a run). */
  fromRound: number;
  /** One slot per round, −1 until a score arrives. */
  scores: number[];
}

/** What the score rule needs to know about the moment a score arrives. */
export interface ScoreContext {
  phase: ActivityPhase;
  /** The current round (during results: the round just finished). */
  round: number;
  /** The round the score is for. */
  scoreRound: number;
  /** The current phase's time is up, though the room's tick has not moved it on yet. */
  timeUp: boolean;
  entry: ActivityEntry | undefined;
}

/**
 * Why a score is refused, as a sentence for its sender, or null when it counts: only during the
 * round it is for, before that round's time is up, from a player taking part, once per round.
 */
export function scoreRefusal({ phase, round, scoreRound, timeUp, entry }: ScoreContext): string | null {
  if (phase === ActivityPhase.idle || phase === ActivityPhase.finished) {
    return 'No activity round is running: scores are accepted only during a round.';
  }
  if (!entry || entry.left) return 'You are not taking part in this activity: you joined during its last round.';
  if (entry.declined) return 'You declined this activity, so it takes no scores from you.';
  const current = phase === ActivityPhase.offered ? 0 : round;
  const running = phase === ActivityPhase.round && !timeUp;
  if (scoreRound < current || (scoreRound === current && !running)) {
    return `Round ${scoreRound} has ended: a score counts only while its round runs.`;
  }
  if (scoreRound > current) {
    if (current === 0) return `Round ${scoreRound} has not started yet: the activity is still being offered.`;
    const now = phase === ActivityPhase.results ? `round ${current}'s results are showing` : `the current round is ${current}`;
    return `Round ${scoreRound} has not started yet: ${now}.`;
  }
  if (scoreRound < entry.fromRound) {
    return `You joined during round ${scoreRound}: you can take part from round ${entry.fromRound}.`;
  }
  if ((entry.scores[scoreRound - 1] ?? -1) >= 0) return `You already sent a score for round ${scoreRound}: one score per round.`;
  return null;
}
