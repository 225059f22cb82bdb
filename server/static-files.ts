import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { sendError } from './http-util';

/** Content types of what the Vite build (dist/) contains; unknown extensions are served as bytes. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.vrm': 'model/gltf-binary',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/** Serves a built single-page app. */
export interface StaticFiles {
  /** Answers GET/HEAD for a file under the root, or index.html for app routes. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
}

/** Vite puts content-hashed files under /assets/: they never change, so cache them for a year. */
function cacheControl(path: string): string {
  return path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Creates a static file server for `rootDir` with an SPA fallback to index.html. */
export function createStaticFiles(rootDir: string): StaticFiles {
  const root = resolve(rootDir);

  async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, urlPath: string): Promise<boolean> {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return false;
    res.writeHead(200, {
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': cacheControl(urlPath),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
    return true;
  }

  return {
    async handle(req, res, path) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' });
      }
      const file = resolve(root, `.${path}`);
      if (file !== root && !file.startsWith(root + sep)) return sendError(res, 404, 'Not found.');
      const target = path.endsWith('/') ? resolve(file, 'index.html') : file;
      if (await sendFile(req, res, target, path)) return;
      // Paths with an extension are missing files; anything else is a client-side route.
      if (extname(path) !== '') return sendError(res, 404, `No file at ${path}.`);
      if (!(await sendFile(req, res, resolve(root, 'index.html'), '/index.html'))) {
        sendError(res, 404, 'The app is not built: run `npm run build`.');
      }
    },
  };
}
