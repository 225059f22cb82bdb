/** Every sentence and figure label the operator view shows (pure). */
import { ENGAGEMENT_STATES } from '../shared/engagement';
import { REENGAGE_WINDOW_MS, type OperatorEngagementReport } from '../shared/operator-report';
import { stateBars } from './operator-data';

/** One row of the figures table. */
export interface FigureRow {
  readonly label: string;
  readonly value: string;
}

/** A duration as people read it: "45 s", "3 min 20 s", "2 h 05 min". */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.max(0, ms) / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;
const perLevel = (counts: Readonly<Record<'1' | '2' | '3', number>>) => `${counts[1]} / ${counts[2]} / ${counts[3]}`;

/** The figures of a report as table rows. */
export function figureRows(report: OperatorEngagementReport): FigureRow[] {
  const bars = stateBars(report);
  const { reengagement: re, activities: a } = report;
  const rate = re.rate === null ? 'not yet known' : `${percent(re.rate)} (${re.reengaged} of ${re.shown - re.pending})`;
  const reasons = Object.entries(a.byReason).map(([reason, n]) => `${reason} ${n}`).join(', ');
  return [
    { label: 'Players (pseudonymous)', value: String(report.players) },
    ...ENGAGEMENT_STATES.map((state, i) => ({
      label: `Time ${state}`, value: `${formatDuration(report.timeInStateMs[state])} (${percent(bars[i]?.share ?? 0)})`,
    })),
    { label: 'Nudges shown (level 1 / 2 / 3)', value: perLevel(report.nudges.shown) },
    { label: 'Nudges answered (level 1 / 2 / 3)', value: perLevel(report.nudges.answered) },
    { label: `Engaged again within ${REENGAGE_WINDOW_MS / 1000} s of a nudge`, value: re.pending > 0 ? `${rate}; ${re.pending} still open` : rate },
    { label: 'Activity runs', value: reasons ? `${a.runs} (${reasons})` : String(a.runs) },
    { label: 'Rounds played', value: String(a.roundsCompleted) },
    { label: 'Participants / declines', value: `${a.participants} / ${a.declines}` },
    { label: 'Scores sent', value: String(a.scores) },
  ];
}

/** Why the figures could not be shown. */
export type OperatorFailure =
  | { readonly kind: 'unauthorised' }
  | { readonly kind: 'off'; readonly serverMessage: string | null }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'http'; readonly status: number; readonly serverMessage: string | null }
  | { readonly kind: 'malformed' };

/** The sentence for a failure. */
export function failureText(failure: OperatorFailure): string {
  switch (failure.kind) {
    case 'unauthorised':
      return 'The room server refused this operator token (401). Enter the token set as EMOTONE_OPERATOR_TOKEN on the server.';
    case 'off':
      return failure.serverMessage ?? 'The operator endpoint is off on this room server (404): set EMOTONE_OPERATOR_TOKEN there to turn it on.';
    case 'unreachable':
      return 'The room server cannot be reached; trying again every few seconds.';
    case 'http':
      return `The room server answered ${failure.status}${failure.serverMessage ? `: ${failure.serverMessage}` : '.'}`;
    case 'malformed':
      return 'The room server sent figures this page cannot read; the server and the page may be of different versions.';
  }
}

/** The caption under the timeline. */
export function timelineCaption(players: number, hidden: number, report: OperatorEngagementReport): string {
  if (players === 0) return 'No states recorded in this window yet.';
  const more = hidden > 0 ? `, ${hidden} earlier ones left out` : '';
  const cut = report.truncated ? ' Only the latest spans are listed.' : '';
  return `${players} players${more}. Marks above a row: nudges shown (colour = level); below: nudges answered.${cut}`;
}
