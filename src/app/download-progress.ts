/**
 * Downloads the space's code with a percentage. The production build lists the space's files
 * and their sizes in index.html (`<script type="application/json" id="emotone-space-parts">`,
 * written by the build plugin in vite.config.ts). They are fetched first, counting bytes as they
 * arrive; the browser keeps them in its HTTP cache (the server marks /assets/ immutable), so the
 * dynamic import that follows reads them from there. A failed fetch leaves nothing behind, so a
 * retry starts clean (a failed import() would stay failed for the page's lifetime).
 * In development there is no list: no prefetch, no percentage.
 */

/** The id of the build's list of the space's files. */
export const SPACE_PARTS_ELEMENT_ID = 'emotone-space-parts';

/** The space's files, path → bytes, from the page; null when the page has no (valid) list. */
export function readSpaceParts(doc: Pick<Document, 'getElementById'>): Readonly<Record<string, number>> | null {
  const text = doc.getElementById(SPACE_PARTS_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const parts = Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0);
    return parts.length > 0 ? Object.fromEntries(parts) : null;
  } catch {
    return null;
  }
}

/** Reads a response's body to the end, calling `onBytes` with each piece's length. */
async function drain(response: Response, onBytes: (n: number) => void): Promise<void> {
  if (!response.body) return onBytes((await response.arrayBuffer()).byteLength);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onBytes(value.byteLength);
  }
}

/**
 * Fetches every listed part at once, calling `onFraction` (0..1, by bytes) as they arrive.
 * Rejects naming the first part that failed.
 */
export async function prefetchParts(parts: Readonly<Record<string, number>>, onFraction: (fraction: number) => void, fetchImpl: typeof fetch = fetch): Promise<void> {
  const total = Object.values(parts).reduce((sum, bytes) => sum + bytes, 0);
  let arrived = 0;
  onFraction(0);
  await Promise.all(
    Object.keys(parts).map(async (path) => {
      let response: Response;
      try {
        response = await fetchImpl(path);
      } catch (cause) {
        throw new Error(`${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      }
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      await drain(response, (n) => {
        arrived += n;
        onFraction(Math.min(1, arrived / total));
      });
    }),
  );
  onFraction(1);
}
