/**
 * Downloads a file while reporting bytes received, and keeps it in the Cache API so the 28 MB
 * ORT runtime and the model are fetched once per version (URLs carry Vite's content hash).
 */

/** Reports bytes loaded so far and the total (0 when unknown). */
export type ProgressFn = (loadedBytes: number, totalBytes: number) => void;

/** Name of the Cache Storage bucket for runtime and model files. */
export const ASSET_CACHE = 'emotone-inference-v1';

async function cached(url: string): Promise<Response | undefined> {
  if (typeof caches === 'undefined') return undefined;
  try {
    return await (await caches.open(ASSET_CACHE)).match(url);
  } catch {
    return undefined; // cache storage may be unavailable (private mode, opaque origin)
  }
}

async function remember(url: string, bytes: Uint8Array, contentType: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const body = new Blob([bytes as BlobPart], { type: contentType });
    await (await caches.open(ASSET_CACHE)).put(url, new Response(body, { headers: { 'content-type': contentType } }));
  } catch {
    // Caching is an optimisation; a failure only costs a download next time.
  }
}

/** Fetches `url` fully, calling `onProgress` as chunks arrive; `expectedBytes` helps when the length is unknown. */
export async function fetchWithProgress(url: string, onProgress: ProgressFn, expectedBytes = 0): Promise<Uint8Array> {
  const hit = await cached(url);
  const response = hit ?? (await fetch(url));
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const header = Number(response.headers.get('content-length') ?? 0);
  // With compression, content-length counts compressed bytes: trust it only if no encoding.
  const total = header > 0 && !response.headers.get('content-encoding') ? header : expectedBytes;
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress(bytes.length, bytes.length);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, Math.max(total, loaded));
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) (bytes.set(c, at), (at += c.length));
  onProgress(loaded, loaded);
  if (!hit) await remember(url, bytes, contentType);
  return bytes;
}
