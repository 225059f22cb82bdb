import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { HOST_HEADER } from './request-trust';

/**
 * The Content-Security-Policy of the built app: only what it loads, from this server.
 *   scripts     'self' + 'wasm-unsafe-eval' (onnxruntime-web compiles its WASM) + the hash of any
 *               inline <script> of index.html (Vite's build has none today); no eval, no inline
 *   workers     'self' (the classifier worker, ORT's thread workers, the capture AudioWorklet)
 *   styles      'self' (the operator charts' CSS) + the hash of index.html's inline <style>;
 *               React's style props go through the CSSOM, which CSP does not govern
 *   connect     'self' and ws/wss to this host (matchmaking, room sockets, the model, ORT's WASM);
 *               blob: for textures the GLTF loader unpacks from a VRM and reads back with fetch
 *   images      'self', data: (the empty favicon) and blob: (VRM textures)
 *   media       'self'; fonts 'self'; no plugins, no <base> elsewhere, no framing by other sites
 * Sent with every file of the app, so the workers (whose policy comes with their own script)
 * get it as well. Vite's dev server sends none (see server/README.md).
 */
export interface ContentSecurityPolicy {
  /** The header value for a request (its Host names the WebSocket origin). */
  header(req: IncomingMessage): string;
}

/** `'sha256-…'` sources of every inline element `tag` (no src attribute) in `html`. */
export function inlineHashes(html: string, tag: 'script' | 'style'): string[] {
  const pattern = new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  const hashes: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(pattern)) {
    if (/\bsrc\s*=/.test(attributes)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** Builds the policy of the app in `staticDir` (hashes read from its index.html once). */
export function createContentSecurityPolicy(staticDir: string): ContentSecurityPolicy {
  let html = '';
  try {
    html = readFileSync(join(staticDir, 'index.html'), 'utf8');
  } catch {
    // No built app: nothing inline to allow.
  }
  const scriptHashes = inlineHashes(html, 'script');
  const styleHashes = inlineHashes(html, 'style');
  const fixed = [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(' '),
    "worker-src 'self'",
    ["style-src 'self'", ...styleHashes].join(' '),
    "img-src 'self' data: blob:",
    "media-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return {
    header(req) {
      const host = req.headers.host;
      // 'self' covers ws/wss to this host in CSP 3; naming them keeps older engines working too.
      const sockets = host && HOST_HEADER.test(host) ? ` ws://${host} wss://${host}` : '';
      return [...fixed, `connect-src 'self'${sockets} blob:`].join('; ');
    },
  };
}
