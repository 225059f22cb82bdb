import { describe, expect, it } from 'vitest';
import type { OperatorEngagementReport } from '../../../src/shared/operator-report';
import { asReport, stateBars, STATE_COLOURS, timelinePlot } from '../../../src/spectator/operator-data';
import { failureText, figureRows, formatDuration } from '../../../src/spectator/operator-text';

const T = 1_800_000_000_000;
const s = (n: number) => T + n * 1000;

/** A report as the endpoint returns it: two players, three nudge marks, one run. */
const report: OperatorEngagementReport = {
  space: 'space', spaces: ['space'], nowMs: s(200), sinceMs: 0, players: 2,
  timeInStateMs: { engaged: 180_000, quiet: 200_000, drowsy: 20_000, away: 0 },
  nudges: { shown: { 1: 1, 2: 1, 3: 0 }, answered: { 1: 1, 2: 0, 3: 0 } },
  reengagement: { shown: 2, reengaged: 1, pending: 0, rate: 0.5 },
  activities: { runs: 1, byReason: { menu: 1 }, roundsCompleted: 1, participants: 1, declines: 1, scores: 1 },
  timeline: [
    { player: 'P-aaaa0001', spans: [
      { state: 'engaged', fromMs: s(0), toMs: s(30) }, { state: 'drowsy', fromMs: s(30), toMs: s(50) }, { state: 'engaged', fromMs: s(50), toMs: null },
    ] },
    { player: 'P-bbbb0002', spans: [{ state: 'quiet', fromMs: s(0), toMs: null }] },
  ],
  nudgeMarks: [
    { player: 'P-aaaa0001', atMs: s(40), level: 1, event: 'shown' },
    { player: 'P-aaaa0001', atMs: s(50), level: 1, event: 'answered' },
    { player: 'P-bbbb0002', atMs: s(60), level: 2, event: 'shown' },
  ],
  runs: [{ startedAtMs: s(100), endedAtMs: s(103), reason: 'menu', roundsCompleted: 1, participants: 1, declines: 1, scores: 1 }],
  truncated: false,
};

describe('operator plot data', () => {
  it('puts each player on a row, a line per state from each x to the next, open spans up to now', () => {
    const plot = timelinePlot(report);
    expect(plot.players).toEqual(['P-aaaa0001', 'P-bbbb0002']);
    expect(plot.xs).toEqual([0, 30, 40, 50, 60, 200].map((n) => s(n) / 1000));
    const line = (label: string) => plot.series.find((x) => x.label === label)?.values;
    expect(line('P-aaaa0001 engaged')).toEqual([0, null, null, 0, 0, null]);
    expect(line('P-aaaa0001 drowsy')).toEqual([null, 0, 0, null, null, null]);
    expect(line('P-bbbb0002 quiet')).toEqual([1, 1, 1, 1, 1, null]);
    expect(line('P-aaaa0001 away')).toBeUndefined();
    expect(plot.series.find((x) => x.label === 'P-bbbb0002 quiet')?.colour).toBe(STATE_COLOURS.quiet);
  });

  it('keeps a state that returns after one short span apart from it', () => {
    const spans = [
      { state: 'engaged', fromMs: s(0), toMs: s(10) }, { state: 'away', fromMs: s(10), toMs: s(20) }, { state: 'engaged', fromMs: s(20), toMs: s(30) },
    ] as const;
    const plot = timelinePlot({ ...report, nowMs: s(30), timeline: [{ player: 'P-cccc0003', spans }], nudgeMarks: [] });
    expect(plot.series.filter((x) => x.kind === 'state').map((x) => [x.label, x.values])).toEqual([
      ['P-cccc0003 engaged', [0, null, 0, null]],
      ['P-cccc0003 away', [null, 0, null, null]],
    ]);
  });

  it('marks nudges above the row by level and answers below it', () => {
    const plot = timelinePlot(report);
    const marks = (label: string) => plot.series.find((x) => x.label === label)?.values.flatMap((v, i) => (v === null ? [] : [[plot.xs[i], v]]));
    expect(marks('nudge level 1')).toEqual([[s(40) / 1000, 0.28]]);
    expect(marks('nudge level 2')).toEqual([[s(60) / 1000, 1.28]]);
    expect(marks('nudge level 3')).toEqual([]);
    expect(marks('nudge answered')).toEqual([[s(50) / 1000, -0.28]]);
    for (const series of plot.series) expect(series.values).toHaveLength(plot.xs.length);
  });

  it('shows the latest rows only and counts the rest', () => {
    const plot = timelinePlot(report, 1);
    expect(plot.players).toEqual(['P-bbbb0002']);
    expect(plot.hiddenPlayers).toBe(1);
    expect(plot.series.find((x) => x.label === 'nudge level 1')?.values.every((v) => v === null)).toBe(true);
  });

  it('turns time in state into bars with shares', () => {
    expect(stateBars(report).map((b) => [b.state, b.ms, Math.round(b.share * 100)])).toEqual([
      ['engaged', 180_000, 45], ['quiet', 200_000, 50], ['drowsy', 20_000, 5], ['away', 0, 0],
    ]);
  });

  it('writes the figures and failures as sentences, and rejects bodies that are not reports', () => {
    const rows = Object.fromEntries(figureRows(report).map((r) => [r.label, r.value]));
    expect(rows['Time engaged']).toBe('3 min 00 s (45 %)');
    expect(rows['Nudges shown (level 1 / 2 / 3)']).toBe('1 / 1 / 0');
    expect(rows['Engaged again within 60 s of a nudge']).toBe('50 % (1 of 2)');
    expect(rows['Activity runs']).toBe('1 (menu 1)');
    expect([formatDuration(45_000), formatDuration(7_500_000)]).toEqual(['45 s', '2 h 05 min']);
    expect(failureText({ kind: 'unauthorised' })).toMatch(/401/);
    expect(failureText({ kind: 'off', serverMessage: null })).toMatch(/EMOTONE_OPERATOR_TOKEN/);
    expect(failureText({ kind: 'unreachable' })).toMatch(/cannot be reached/);
    expect(asReport(report)).toBe(report);
    expect([asReport(null), asReport({ error: 'x' }), asReport('text')]).toEqual([null, null, null]);
  });
});
