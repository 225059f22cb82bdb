import { defineConfig } from 'vitest/config';
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

export default defineConfig({
  plugins: [react(), ...(process.env.EMOTONE_DEV_HTTP ? [] : [basicSsl()])],
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
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2048 },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'model', include: ['tests/model/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
      { extends: true, test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 60_000, fileParallelism: false } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
