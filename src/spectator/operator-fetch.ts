import type { OperatorEngagementReport } from '../shared/operator-report';
import { asReport } from './operator-data';
import type { OperatorFailure } from './operator-text';

/** The outcome of one request for the figures. */
export type OperatorFetchResult =
  | { readonly ok: true; readonly report: OperatorEngagementReport }
  | { readonly ok: false; readonly failure: OperatorFailure };

/** The `{ error }` sentence of an error body, or null. */
async function serverMessage(res: Response): Promise<string | null> {
  try {
    const body = (await res.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

/** Asks `url` for the figures with `token`; every failure comes back as a value, never thrown. */
export async function fetchOperatorReport(fetchFn: typeof fetch, url: string, token: string): Promise<OperatorFetchResult> {
  let res: Response;
  try {
    res = await fetchFn(url, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    return { ok: false, failure: { kind: 'unreachable' } };
  }
  if (res.status === 401) return { ok: false, failure: { kind: 'unauthorised' } };
  if (res.status === 404) return { ok: false, failure: { kind: 'off', serverMessage: await serverMessage(res) } };
  if (!res.ok) return { ok: false, failure: { kind: 'http', status: res.status, serverMessage: await serverMessage(res) } };
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, failure: { kind: 'malformed' } };
  }
  const report = asReport(body);
  return report ? { ok: true, report } : { ok: false, failure: { kind: 'malformed' } };
}
