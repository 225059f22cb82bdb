/**
 * How much of the space's code has arrived. The production build lists the space's files and
 * their sizes in index.html (`<script type="application/json" id="emotone-space-parts">`, written
 * by the build plugin in vite.config.ts); each file that finishes downloading (a resource timing
 * entry) adds its share. In development there is no list and no percentage.
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

/** Share of `parts` (path → bytes) covered by the paths in `done`. Pure. */
export function downloadedFraction(parts: Readonly<Record<string, number>>, done: ReadonlySet<string>): number {
  let total = 0;
  let arrived = 0;
  for (const [path, bytes] of Object.entries(parts)) {
    total += bytes;
    if (done.has(path)) arrived += bytes;
  }
  return total > 0 ? arrived / total : 0;
}

/**
 * Calls `onFraction` as the listed files finish downloading (files fetched earlier count at once);
 * returns the function that stops watching. Does nothing without a list or PerformanceObserver.
 */
export function watchPartDownloads(doc: Pick<Document, 'getElementById'>, onFraction: (fraction: number) => void): () => void {
  const parts = readSpaceParts(doc);
  if (!parts || typeof PerformanceObserver === 'undefined') return () => undefined;
  const done = new Set<string>();
  const observer = new PerformanceObserver((list) => {
    let grew = false;
    for (const entry of list.getEntries()) {
      const path = new URL(entry.name, location.href).pathname;
      if (path in parts && !done.has(path)) (done.add(path), (grew = true));
    }
    if (grew) onFraction(downloadedFraction(parts, done));
  });
  observer.observe({ type: 'resource', buffered: true });
  return () => observer.disconnect();
}
