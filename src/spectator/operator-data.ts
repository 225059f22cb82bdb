/**
 * The operator report as plot series (pure, no uPlot): one timeline row per pseudonymous player
 * with a line per state, nudge marks beside it, and time-in-state bars. operator-charts.ts draws them.
 */
import { ENGAGEMENT_STATES, NudgeLevel, type EngagementState } from '../shared/engagement';
import type { OperatorEngagementReport, StateSpan } from '../shared/operator-report';

/** Colour of each state in the timeline and the bars. */
export const STATE_COLOURS: Readonly<Record<EngagementState, string>> = {
  engaged: '#66bb6a', quiet: '#64b5f6', drowsy: '#ffb300', away: '#78909c',
};
/** Colour of nudge marks by level, and of answers. */
export const NUDGE_COLOURS: Readonly<Record<NudgeLevel, string>> = { 1: '#fff176', 2: '#ff8a65', 3: '#e040fb' };
export const ANSWER_COLOUR = '#ffffff';

/** Most players the timeline shows (the latest to appear); the rest are counted. */
export const MAX_TIMELINE_ROWS = 24;
/** Vertical offset of nudge marks (above the row) and answers (below it). */
const MARK_OFFSET = 0.28;

/** One plotted series: a state line of one row, or the marks of one nudge level or of answers. */
export interface PlotSeries {
  readonly label: string;
  readonly kind: 'state' | 'nudge' | 'answer';
  readonly colour: string;
  /**
   * y per x: the row index (± offset for marks), null where the series has nothing. A state line's
   * value at xs[i] means "in this state from xs[i] until xs[i + 1]".
   */
  readonly values: (number | null)[];
}

/** The timeline plot: x in seconds since the epoch (uPlot's time scale), rows from 0 upward. */
export interface TimelinePlot {
  readonly players: readonly string[];
  readonly xs: readonly number[];
  readonly series: readonly PlotSeries[];
  /** Players left out beyond MAX_TIMELINE_ROWS. */
  readonly hiddenPlayers: number;
}

/** One bar of the time-in-state chart. */
export interface StateBar {
  readonly state: EngagementState;
  readonly ms: number;
  /** Share of all tracked time, 0..1. */
  readonly share: number;
}

const end = (span: StateSpan, nowMs: number) => span.toMs ?? nowMs;

/** The timeline rows, state lines and nudge marks of a report. */
export function timelinePlot(report: OperatorEngagementReport, maxRows = MAX_TIMELINE_ROWS): TimelinePlot {
  const rows = report.timeline.slice(-maxRows);
  const rowOf = new Map(rows.map((row, i) => [row.player, i]));
  const marks = report.nudgeMarks.filter((m) => rowOf.has(m.player));
  const times = new Set<number>();
  for (const row of rows) for (const span of row.spans) times.add(span.fromMs).add(end(span, report.nowMs));
  for (const mark of marks) times.add(mark.atMs);
  const xsMs = [...times].sort((a, b) => a - b);
  const index = new Map(xsMs.map((t, i) => [t, i]));
  const empty = () => new Array<number | null>(xsMs.length).fill(null);
  const series: PlotSeries[] = [];
  rows.forEach((row, r) => {
    const lines = new Map(ENGAGEMENT_STATES.map((state) => [state, empty()]));
    fillSpans(row.spans, xsMs, report.nowMs, (i, state) => { (lines.get(state) as (number | null)[])[i] = r; });
    for (const [state, values] of lines) {
      if (values.some((v) => v !== null)) series.push({ label: `${row.player} ${state}`, kind: 'state', colour: STATE_COLOURS[state], values });
    }
  });
  for (const level of Object.values(NudgeLevel)) {
    const values = empty();
    for (const m of marks) if (m.event === 'shown' && m.level === level) values[index.get(m.atMs) as number] = (rowOf.get(m.player) as number) + MARK_OFFSET;
    series.push({ label: `nudge level ${level}`, kind: 'nudge', colour: NUDGE_COLOURS[level], values });
  }
  const answers = empty();
  for (const m of marks) if (m.event === 'answered') answers[index.get(m.atMs) as number] = (rowOf.get(m.player) as number) - MARK_OFFSET;
  series.push({ label: 'nudge answered', kind: 'answer', colour: ANSWER_COLOUR, values: answers });
  return { players: rows.map((row) => row.player), xs: xsMs.map((t) => t / 1000), series, hiddenPlayers: report.timeline.length - rows.length };
}

/**
 * Calls `mark(i, state)` for every x index from which a span's state holds until the next x
 * (start included, end excluded). Spans are in time order; one pass over both.
 */
function fillSpans(spans: readonly StateSpan[], xsMs: readonly number[], nowMs: number, mark: (i: number, state: EngagementState) => void): void {
  let j = 0;
  xsMs.forEach((x, i) => {
    while (j < spans.length && end(spans[j] as StateSpan, nowMs) <= x) j++;
    const span = spans[j];
    if (span && span.fromMs <= x) mark(i, span.state);
  });
}

/** Time in each state with its share of the total. */
export function stateBars(report: OperatorEngagementReport): StateBar[] {
  const total = ENGAGEMENT_STATES.reduce((sum, s) => sum + report.timeInStateMs[s], 0);
  return ENGAGEMENT_STATES.map((state) => ({ state, ms: report.timeInStateMs[state], share: total > 0 ? report.timeInStateMs[state] / total : 0 }));
}

/** The body as a report, or null when it does not have a report's shape. */
export function asReport(body: unknown): OperatorEngagementReport | null {
  if (typeof body !== 'object' || body === null) return null;
  const r = body as Partial<OperatorEngagementReport>;
  const ok = typeof r.space === 'string' && typeof r.nowMs === 'number' && Array.isArray(r.timeline)
    && Array.isArray(r.nudgeMarks) && typeof r.timeInStateMs === 'object' && typeof r.reengagement === 'object'
    && typeof r.activities === 'object' && typeof r.nudges === 'object';
  return ok ? (r as OperatorEngagementReport) : null;
}
