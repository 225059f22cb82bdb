/**
 * The words of nudges, the group activity and the engagement settings. Pure, so the desktop
 * overlay, the in-world panels and tests say the same thing.
 */
import { ActivityPhase, NudgeLevel } from '../shared/engagement';
import type { ActivityView } from '../state';

/** What a nudge of a level says. */
export function nudgeText(level: NudgeLevel): { readonly title: string; readonly body: string } {
  if (level === NudgeLevel.invite) {
    return { title: 'Fancy a quick game?', body: 'Emotion Echo takes a minute: the room names an emotion, you say any sentence in it. Or take a short break.' };
  }
  if (level === NudgeLevel.alert) return { title: 'Still with us?', body: 'Say something, look around, or press “I’m here”.' };
  return { title: 'Still with us?', body: 'Only you can see this.' };
}

/** Seconds left in the activity's phase, counted from when this client saw it begin. */
export function secondsLeft(activity: ActivityView, nowMs: number): number {
  return Math.max(0, Math.ceil((activity.phaseSeenAtMs + activity.phaseMs - nowMs) / 1000));
}

/** The activity's headline for its phase, e.g. "Round 2 of 3: sound sad! 7 s". */
export function activityHeadline(activity: ActivityView, nowMs: number, sittingOut: boolean): string {
  const left = secondsLeft(activity, nowMs);
  switch (activity.phase) {
    case ActivityPhase.offered:
      return sittingOut ? `Emotion Echo starts in ${left} s (you sit this one out).` : `Emotion Echo starts in ${left} s: three rounds, say any sentence in the emotion named.`;
    case ActivityPhase.round:
      return sittingOut
        ? `Round ${activity.round} of ${activity.rounds}: the others sound ${activity.target ?? '…'}.`
        : `Round ${activity.round} of ${activity.rounds}: say any sentence sounding ${activity.target ?? '…'}! ${left} s`;
    case ActivityPhase.results:
      return `Round ${activity.round} of ${activity.rounds} done. Next round in ${left} s.`;
    case ActivityPhase.finished:
      return 'Emotion Echo is over. Well played!';
    default:
      return '';
  }
}

/** One scoreboard row. */
export interface ScoreRow {
  readonly sessionId: string;
  readonly name: string;
  readonly total: number;
  readonly scores: readonly number[];
  readonly declined: boolean;
}

/** Participants first, by total (best first), then those who sat out. */
export function scoreboard(activity: ActivityView, nameOf: (sessionId: string) => string): ScoreRow[] {
  return Object.entries(activity.entries)
    .map(([sessionId, e]) => ({ sessionId, name: nameOf(sessionId), total: e.total, scores: e.scores, declined: e.declined }))
    .sort((a, b) => Number(a.declined) - Number(b.declined) || b.total - a.total || a.name.localeCompare(b.name));
}

/** A score as people read it: "72 %", or "–" when none was sent. */
export function formatScore(score: number): string {
  return score < 0 ? '–' : `${Math.round(score * 100)} %`;
}
