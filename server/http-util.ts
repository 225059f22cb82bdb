import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpErrorBody } from '../src/shared/avatar-upload';

/**
 * Cross-origin isolation, sent on every response (pages, assets, API, errors): threaded WASM in
 * onnxruntime-web needs SharedArrayBuffer, which needs COOP + COEP on the page and CORP on what
 * it loads. vite.config.ts sends the same pair in development.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Sets the isolation headers (and nosniff) on a response that has not started yet. */
export function setIsolationHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** Answers with a JSON body (no caching). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Answers with `{ error: message }`. */
export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body: HttpErrorBody = { error: message };
  sendJson(res, status, body, headers);
}

/** The request path without query string, percent-decoded; null when it cannot be decoded. */
export function requestPath(req: IncomingMessage): string | null {
  const raw = (req.url ?? '/').split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * After an early answer (413) the rest of the body is still on its way. Discard it for a moment
 * so the client reads the answer instead of a connection reset, then cut the connection.
 */
export function lingerThenClose(req: IncomingMessage, lingerMs = 2000): void {
  const timer = setTimeout(() => req.socket.destroy(), lingerMs);
  timer.unref();
  req.on('end', () => clearTimeout(timer));
  req.on('close', () => clearTimeout(timer));
  req.resume();
}
