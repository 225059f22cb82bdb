import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IceConfig } from '../../src/shared/ice-config';
import { createEmotoneServer } from '../../server/create-server';
import type { TurnSecretConfig } from '../../server/turn-credentials';
import { ensureProductionBuild } from './build';

/** A running room server serving the production build. */
export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** Stops the server; safe to call more than once (tests may stop it to provoke reconnection). */
  close(): Promise<void>;
}

/**
 * Starts the real server (server/create-server.ts) on a free port of 127.0.0.1, serving a
 * private snapshot of the production build (see ensureProductionBuild) unless `staticDir` is
 * given, with a throwaway upload directory (which also holds the engagement database). One per test file: Colyseus state is process-wide.
 */
export async function startTestServer(options: { staticDir?: string; operatorToken?: string; room?: Parameters<typeof createEmotoneServer>[0]['room']; ice?: IceConfig; turnSecret?: TurnSecretConfig } = {}): Promise<TestServer> {
  const uploadDir = mkdtempSync(join(tmpdir(), 'emotone-e2e-uploads-'));
  const server = createEmotoneServer({
    port: 0, host: '127.0.0.1', staticDir: options.staticDir ?? ensureProductionBuild(), uploadDir,
    engagementDb: join(uploadDir, 'engagement.sqlite'),
    ...(options.operatorToken ? { operatorToken: options.operatorToken } : {}),
    ...(options.room ? { room: options.room } : {}),
    ...(options.ice ? { ice: options.ice } : {}),
    ...(options.turnSecret ? { turnSecret: options.turnSecret } : {}),
  });
  const { port } = await server.listen();
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close() {
      closing ??= server.close().finally(() => rmSync(uploadDir, { recursive: true, force: true }));
      return closing;
    },
  };
}
