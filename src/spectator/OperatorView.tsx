import { useEffect, useMemo, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { ENGAGEMENT_STATES } from '../shared/engagement';
import { OPERATOR_ENGAGEMENT_PATH, type OperatorEngagementReport } from '../shared/operator-report';
import type { OperatorCharts } from './operator-charts';
import { STATE_COLOURS, stateBars, timelinePlot } from './operator-data';
import { fetchOperatorReport } from './operator-fetch';
import { failureText, figureRows, timelineCaption, type OperatorFailure } from './operator-text';

/** Where the token is remembered for this tab (sessionStorage). */
export const OPERATOR_TOKEN_KEY = 'emotone.operatorToken';

/** Props of OperatorView. */
export interface OperatorViewProps {
  /** Remembers the token for the tab (sessionStorage); null: asked again on every load. */
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  readonly fetch?: typeof fetch;
  /** Default OPERATOR_ENGAGEMENT_PATH on this origin. */
  readonly url?: string;
  readonly refreshMs?: number;
}

const panel: CSSProperties = {
  position: 'fixed', top: '0.8rem', left: '0.8rem', width: 'min(48rem, calc(100vw - 24rem))', maxHeight: '86vh', overflow: 'auto',
  background: 'rgba(21, 26, 34, 0.92)', borderRadius: '0.6rem', padding: '0.6rem 0.9rem', zIndex: 5,
};
const errorStyle: CSSProperties = { color: '#ffab91', margin: '0.4rem 0' };
/** The page's fetch, as one stable function (a new one per render would restart the polling). */
const pageFetch: typeof fetch = (...args) => globalThis.fetch(...args);

/** The uPlot charts, loaded on first use so no other view carries the library. */
function OperatorPlots({ report }: { readonly report: OperatorEngagementReport }) {
  const timelineEl = useRef<HTMLDivElement>(null);
  const barsEl = useRef<HTMLDivElement>(null);
  const charts = useRef<OperatorCharts | null>(null);
  const [loadError, setLoadError] = useState(false);
  const plot = useMemo(() => timelinePlot(report), [report]);
  const bars = useMemo(() => stateBars(report), [report]);
  const latest = useRef({ plot, bars });
  latest.current = { plot, bars };
  useEffect(() => {
    let cancelled = false;
    import('./operator-charts').then(({ createOperatorCharts }) => {
      if (cancelled || !timelineEl.current || !barsEl.current) return;
      charts.current = createOperatorCharts(timelineEl.current, barsEl.current);
      charts.current.update(latest.current.plot, latest.current.bars);
    }, () => {
      if (!cancelled) setLoadError(true);
    });
    return () => {
      cancelled = true;
      charts.current?.destroy();
      charts.current = null;
    };
  }, []);
  useEffect(() => {
    charts.current?.update(plot, bars);
  }, [plot, bars]);
  return (
    <>
      {loadError ? <p style={errorStyle}>The chart library could not be loaded; the figures above are complete.</p> : null}
      <h3>States per player</h3>
      <p className="hint">
        {ENGAGEMENT_STATES.map((state) => (
          <span key={state} style={{ marginRight: '0.8rem' }}><span className="dot" style={{ background: STATE_COLOURS[state], marginRight: '0.3em' }} />{state}</span>
        ))}
      </p>
      <div ref={timelineEl} data-testid="operator-timeline" />
      <p className="hint">{timelineCaption(plot.players.length, plot.hiddenPlayers, report)}</p>
      <h3>Time in each state</h3>
      <div ref={barsEl} data-testid="operator-bars" />
    </>
  );
}

/**
 * The operator's engagement figures (`?spectate&operator`): asks for the token, then fetches the
 * figures every few seconds and shows them as a table, a state timeline per pseudonymous player
 * with nudges marked, and time-in-state bars.
 */
export function OperatorView({ storage, fetch: fetchFn = pageFetch, url = OPERATOR_ENGAGEMENT_PATH, refreshMs = 5000 }: OperatorViewProps) {
  const [token, setToken] = useState(() => storage?.getItem(OPERATOR_TOKEN_KEY) ?? '');
  const [draft, setDraft] = useState('');
  const [report, setReport] = useState<OperatorEngagementReport | null>(null);
  const [failure, setFailure] = useState<OperatorFailure | null>(null);
  useEffect(() => {
    if (!token) return undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await fetchOperatorReport(fetchFn, url, token);
      if (cancelled) return;
      setFailure(result.ok ? null : result.failure);
      if (result.ok) setReport(result.report);
      if (!result.ok && result.failure.kind === 'unauthorised') {
        storage?.removeItem(OPERATOR_TOKEN_KEY);
        setToken('');
        return;
      }
      timer = setTimeout(() => void load(), refreshMs);
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [token, fetchFn, url, refreshMs, storage]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = draft.trim();
    if (!value) return;
    storage?.setItem(OPERATOR_TOKEN_KEY, value);
    setDraft('');
    setToken(value);
  };
  const forget = () => {
    storage?.removeItem(OPERATOR_TOKEN_KEY);
    setToken('');
    setReport(null);
  };

  return (
    <section style={panel} aria-label="Engagement figures" data-testid="operator-view">
      <h2>Engagement figures</h2>
      {failure ? <p style={errorStyle} role="alert" data-testid="operator-error">{failureText(failure)}</p> : null}
      {token ? (
        <button type="button" className="secondary" onClick={forget}>Forget the token</button>
      ) : (
        <form onSubmit={submit} className="actions">
          <input type="password" autoComplete="off" placeholder="Operator token" aria-label="Operator token"
            value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="operator-token" />
          <button type="submit">Show figures</button>
        </form>
      )}
      {token && report ? (
        <>
          <table data-testid="operator-figures">
            <tbody>
              {figureRows(report).map((row) => (
                <tr key={row.label}><th scope="row" style={{ textAlign: 'left', paddingRight: '1rem' }}>{row.label}</th><td>{row.value}</td></tr>
              ))}
            </tbody>
          </table>
          <OperatorPlots report={report} />
        </>
      ) : null}
    </section>
  );
}
