import { describe, expect, it } from 'vitest';
import { appendTimeline, pruneTimeline, timelineSpans, type TimelineEntry } from '../../../src/state';

const entry = (atMs: number, label: TimelineEntry['label'], confidence = 1): TimelineEntry => ({ atMs, label, confidence, arousal: 0, valence: 0, source: 'manual' });
const limits = { windowMs: 10_000, capacity: 5 };

describe('emotion timeline', () => {
  it('appends changes and skips repeats', () => {
    let list: readonly TimelineEntry[] = [];
    list = appendTimeline(list, entry(0, 'happy'), limits);
    const same = appendTimeline(list, entry(100, 'happy', 0.98), limits);
    expect(same).toBe(list);
    list = appendTimeline(list, entry(200, 'sad'), limits);
    expect(list.map((e) => e.label)).toEqual(['happy', 'sad']);
  });

  it('is bounded by capacity', () => {
    let list: readonly TimelineEntry[] = [];
    for (let i = 0; i < 50; i++) list = appendTimeline(list, entry(i, i % 2 ? 'happy' : 'sad'), limits);
    expect(list).toHaveLength(5);
    expect(list[4]?.atMs).toBe(49);
  });

  it('keeps the entry that was current at the window start', () => {
    const list = [entry(0, 'happy'), entry(5_000, 'sad'), entry(20_000, 'angry')];
    expect(pruneTimeline(list, 25_000, limits).map((e) => e.label)).toEqual(['sad', 'angry']);
    expect(pruneTimeline(list, 40_000, limits).map((e) => e.label)).toEqual(['angry']);
  });

  it('turns entries into spans clipped to the window', () => {
    const spans = timelineSpans([entry(0, 'happy'), entry(8_000, 'sad')], 12_000, 10_000);
    expect(spans).toEqual([
      { fromMs: 2_000, toMs: 8_000, label: 'happy', confidence: 1 },
      { fromMs: 8_000, toMs: 12_000, label: 'sad', confidence: 1 },
    ]);
  });
});
