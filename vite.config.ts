import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import basicSsl from '@vitejs/plugin-basic-ssl';

/** Port the room server listens on in development; Vite proxies the client's WebSocket to it. */
const roomServerPort = Number(process.env.EMOTONE_ROOM_PORT ?? 2567);
const roomTarget = `http://127.0.0.1:${roomServerPort}`;

/**
 * Cross-origin isolation lets onnxruntime-web use threaded WASM (SharedArrayBuffer).
 * The production server sends the same headers (server/http-app.ts).
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The room server answers /health, /api/* (avatar uploads) and, under the /colyseus prefix,
 * matchmaking and room WebSockets. The dev server forwards them so the client uses one origin.
 */
const roomPaths = ['/health', '/api'];

/** The lazily loaded half of the app (three.js, VRM, the XR rig, the room client): src/app/space-runtime.ts. */
const SPACE_RUNTIME = /[\\/]src[\\/]app[\\/]space-runtime\.ts$/;

/**
 * Lists the space's files with their sizes in index.html, so the loading screen can show a
 * percentage as they arrive (src/app/download-progress.ts reads the list).
 */
function spacePartsList(): Plugin {
  return {
    name: 'emotone-space-parts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const initial = new Set<string>();
        const walk = (fileName: string, into: Set<string>): void => {
          if (into.has(fileName)) return;
          into.add(fileName);
          for (const next of byName.get(fileName)?.imports ?? []) walk(next, into);
        };
        for (const c of chunks) if (c.isEntry) walk(c.fileName, initial);
        const runtime = chunks.find((c) => c.facadeModuleId && SPACE_RUNTIME.test(c.facadeModuleId));
        if (!runtime) throw new Error('the build has no chunk for src/app/space-runtime.ts');
        const space = new Set<string>();
        walk(runtime.fileName, space);
        const parts: Record<string, number> = {};
        for (const fileName of space) {
          const chunk = byName.get(fileName);
          if (chunk && !initial.has(fileName)) parts[`/${fileName}`] = Buffer.byteLength(chunk.code);
        }
        return [{ tag: 'script', attrs: { type: 'application/json', id: 'emotone-space-parts' }, children: JSON.stringify(parts), injectTo: 'head' }];
      },
    },
  };
}

/**
 * Libraries in chunks of their own, cached apart: React (the landing page's), and the space's
 * biggest ones. Only libraries that import nothing outside their group (or only three): a group
 * whose modules import code left to the default chunks can close an import cycle between
 * chunks, and a cycle runs a chunk before what it needs.
 */
const CHUNK_GROUPS = [
  // The landing page's own library, named (it is the one big file of the first download).
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'three', test: /[\\/]node_modules[\\/]three[\\/]/ },
  { name: 'three-vrm', test: /[\\/]node_modules[\\/]@pixiv[\\/]/ },
];

export default defineConfig({
  plugins: [react(), spacePartsList(), ...(process.env.EMOTONE_DEV_HTTP ? [] : [basicSsl()])],
  server: {
    host: true,
    port: Number(process.env.EMOTONE_DEV_PORT ?? 5173),
    headers: isolationHeaders,
    proxy: Object.fromEntries([
      ...roomPaths.map((p) => [p, { target: roomTarget, changeOrigin: true }]),
      ['/colyseus', { target: roomTarget, ws: true, changeOrigin: true }],
    ]),
  },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
    // Avatar pictures stay files (an inlined picture would count against the landing page's script budget).
    assetsInlineLimit: (file) => (file.endsWith('.webp') ? false : undefined),
    rolldownOptions: { output: { codeSplitting: { includeDependenciesRecursively: false, groups: CHUNK_GROUPS } } },
  },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'model', include: ['tests/model/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
      { extends: true, test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 60_000, fileParallelism: false } },
      // One browser file at a time. Two at a time were tried: with the voice chat file's three
      // browsers beside another file the machine ran at a load of 20+ on 2 cores, and joins beside
      // it missed the 10 s seat reservation (5 files failed).
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
