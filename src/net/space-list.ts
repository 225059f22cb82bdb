import { SPACE_LIST_PATH, type SpaceListResponse, type SpaceSummary } from '../shared/spaces';

/** Reads the room server's lobby list; `fetchImpl` is the page's fetch (or a test's). */
export async function fetchSpaceList(fetchImpl: typeof fetch = fetch, base = ''): Promise<readonly SpaceSummary[]> {
  const res = await fetchImpl(`${base}${SPACE_LIST_PATH}`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`the space list answered ${res.status}`);
  const body = (await res.json()) as Partial<SpaceListResponse>;
  if (!Array.isArray(body.spaces)) throw new Error('the space list is not in the expected shape');
  return body.spaces;
}
