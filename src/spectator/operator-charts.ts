/**
 * The operator view's plots, drawn with uPlot: this is the only uPlot import, and OperatorView
 * loads it with a dynamic import() so the spectator and player bundles do not carry it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { STATE_COLOURS, type StateBar, type TimelinePlot } from './operator-data';

/** The two plots of the operator view. */
export interface OperatorCharts {
  update(plot: TimelinePlot, bars: readonly StateBar[]): void;
  destroy(): void;
}

const AXIS = { stroke: '#b0bec5', grid: { stroke: 'rgba(255,255,255,0.08)' }, ticks: { stroke: 'rgba(255,255,255,0.15)' } };
const ROW_PX = 30;
const STATE_LINE_PX = 10;
const MARK_PX: Record<string, number> = { 'nudge level 1': 7, 'nudge level 2': 9, 'nudge level 3': 11, 'nudge answered': 7 };

/** A state line: each non-null value is a bar from its x to the next x, at its row. */
const stateSegments: uPlot.Series.PathBuilder = (u, seriesIdx, idx0, idx1) => {
  const xs = u.data[0];
  const ys = u.data[seriesIdx] ?? [];
  const stroke = new Path2D();
  for (let i = Math.max(0, idx0 - 1); i < Math.min(idx1 + 1, xs.length - 1); i++) {
    const y = ys[i];
    const x0 = xs[i];
    const x1 = xs[i + 1];
    if (y === null || y === undefined || x0 === undefined || x1 === undefined) continue;
    const py = u.valToPos(y, 'y', true);
    stroke.moveTo(u.valToPos(x0, 'x', true), py);
    stroke.lineTo(u.valToPos(x1, 'x', true), py);
  }
  return { stroke, fill: null, clip: null };
};

function timelineOptions(plot: TimelinePlot, width: number): uPlot.Options {
  const rows = Math.max(1, plot.players.length);
  return {
    width,
    height: 60 + rows * ROW_PX,
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true }, y: { range: [-0.6, rows - 0.4] } },
    axes: [
      AXIS,
      { ...AXIS, size: 96, splits: () => plot.players.map((_, i) => i), values: (_u, splits) => splits.map((i) => plot.players[i] ?? '') },
    ],
    series: [
      {},
      ...plot.series.map((s): uPlot.Series => (s.kind === 'state'
        ? { label: s.label, stroke: s.colour, width: STATE_LINE_PX, points: { show: false }, paths: stateSegments }
        : { label: s.label, stroke: s.colour, paths: () => null, points: { show: true, size: MARK_PX[s.label] ?? 8, fill: s.colour, stroke: '#263238', width: 1 } })),
    ],
  };
}

function barsOptions(bars: readonly StateBar[], width: number): uPlot.Options {
  const barPaths = uPlot.paths.bars?.({ size: [0.6, 80] });
  return {
    width,
    height: 180,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.5, bars.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
    axes: [
      { ...AXIS, splits: () => bars.map((_, i) => i), values: (_u, splits) => splits.map((i) => bars[i]?.state ?? '') },
      { ...AXIS, label: 'minutes', size: 56 },
    ],
    series: [
      {},
      ...bars.map((b): uPlot.Series => ({ label: b.state, fill: STATE_COLOURS[b.state], stroke: STATE_COLOURS[b.state], points: { show: false }, ...(barPaths ? { paths: barPaths } : {}) })),
    ],
  };
}

const barsData = (bars: readonly StateBar[]): uPlot.AlignedData => [
  bars.map((_, i) => i),
  ...bars.map((bar, i) => bars.map((_, j) => (i === j ? bar.ms / 60_000 : null))),
];
const timelineData = (plot: TimelinePlot): uPlot.AlignedData => [[...plot.xs], ...plot.series.map((s) => s.values)];
const shapeOf = (plot: TimelinePlot) => plot.series.map((s) => s.label).join('|');

/** Draws into the two elements; `update` redraws with new figures (rebuilding when rows change). */
export function createOperatorCharts(timelineEl: HTMLElement, barsEl: HTMLElement): OperatorCharts {
  let timeline: uPlot | null = null;
  let shape = '';
  let barChart: uPlot | null = null;
  const widthOf = (el: HTMLElement) => Math.max(320, el.clientWidth || 640);
  return {
    update(plot, bars) {
      if (!timeline || shapeOf(plot) !== shape) {
        timeline?.destroy();
        timeline = new uPlot(timelineOptions(plot, widthOf(timelineEl)), timelineData(plot), timelineEl);
        shape = shapeOf(plot);
      } else {
        timeline.setData(timelineData(plot));
      }
      barChart ??= new uPlot(barsOptions(bars, widthOf(barsEl)), barsData(bars), barsEl);
      barChart.setData(barsData(bars));
    },
    destroy() {
      timeline?.destroy();
      barChart?.destroy();
      timeline = null;
      barChart = null;
    },
  };
}
