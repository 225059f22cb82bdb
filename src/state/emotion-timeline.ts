import { sameEmotion, type EmotionLabel, type EmotionState } from '../shared/emotion-labels';

/** One emotion reading in a player's timeline: the reading and when it arrived. */
export interface TimelineEntry extends Readonly<EmotionState> {
  readonly atMs: number;
}

/** Readings closer than this in confidence, arousal and valence (same label and source) merge. */
const MERGE_TOLERANCE = 0.05;

/** How much history a timeline keeps. */
export interface TimelineLimits {
  /** Entries older than this are dropped (the newest older one is kept as the window's start). */
  readonly windowMs: number;
  /** Hard cap on entries, so a chatty source cannot grow memory. */
  readonly capacity: number;
}

/** Five minutes; at the 4 Hz emotion rate that is at most 1200 entries. */
export const DEFAULT_TIMELINE_LIMITS: TimelineLimits = { windowMs: 5 * 60_000, capacity: 1200 };

/** True when `entry` says nothing new after `last`. */
function sameReading(last: TimelineEntry | undefined, entry: TimelineEntry): boolean {
  return last !== undefined && sameEmotion(last, entry, MERGE_TOLERANCE);
}

/**
 * Returns `entries` with `entry` appended (unless it repeats the last reading) and pruned to
 * `limits`. Pure: never mutates its input, returns the same array when nothing changes.
 */
export function appendTimeline(
  entries: readonly TimelineEntry[],
  entry: TimelineEntry,
  limits: TimelineLimits = DEFAULT_TIMELINE_LIMITS,
): readonly TimelineEntry[] {
  if (sameReading(entries[entries.length - 1], entry)) return pruneTimeline(entries, entry.atMs, limits);
  return pruneTimeline([...entries, entry], entry.atMs, limits);
}

/**
 * Drops entries that ended before `nowMs - windowMs`, keeping the newest one that started before
 * the window so the timeline still knows the state at its start; then applies the capacity cap.
 */
export function pruneTimeline(
  entries: readonly TimelineEntry[],
  nowMs: number,
  limits: TimelineLimits = DEFAULT_TIMELINE_LIMITS,
): readonly TimelineEntry[] {
  const windowStart = nowMs - limits.windowMs;
  let first = 0;
  while (first + 1 < entries.length && (entries[first + 1]?.atMs ?? Infinity) <= windowStart) first++;
  const start = Math.max(first, entries.length - limits.capacity);
  return start === 0 ? entries : entries.slice(start);
}

/** A span of one label between two instants, clipped to the window; for drawing a strip. */
export interface TimelineSpan {
  readonly fromMs: number;
  readonly toMs: number;
  readonly label: EmotionLabel;
  readonly confidence: number;
}

/** Turns entries into spans covering [nowMs - windowMs, nowMs]. */
export function timelineSpans(entries: readonly TimelineEntry[], nowMs: number, windowMs: number): TimelineSpan[] {
  const windowStart = nowMs - windowMs;
  const spans: TimelineSpan[] = [];
  entries.forEach((entry, i) => {
    const end = entries[i + 1]?.atMs ?? nowMs;
    if (end <= windowStart) return;
    spans.push({ fromMs: Math.max(entry.atMs, windowStart), toMs: end, label: entry.label, confidence: entry.confidence });
  });
  return spans;
}
