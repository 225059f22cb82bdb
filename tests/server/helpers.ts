import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { COLYSEUS_PATH, ROOM_NAME, ServerMessage, type ErrorPayload, type JoinOptions } from '../../src/shared/protocol';
import { createEmotoneServer, type EmotoneServerOptions } from '../../server/create-server';
import type { PlayerSchema, SpaceState } from '../../server/schema';

/** A room joined through the real SDK, with every error message the server sent it. */
export interface TestRoom {
  room: Room<unknown, SpaceState>;
  errors: ErrorPayload[];
}

/** A real room server on 127.0.0.1 with a fresh upload directory and engagement database. */
export interface TestServer {
  baseUrl: string;
  uploadDir: string;
  /** The SQLite file of the engagement figures (a fresh temp file unless the options name one). */
  engagementDb: string;
  /** An SDK client pointed at `${baseUrl}/colyseus`, as the browser client does. */
  client(): Client;
  /** Joins the space room and records the errors it receives. */
  join(options: JoinOptions): Promise<TestRoom>;
  stop(): Promise<void>;
}

/**
 * Boots the real server on 127.0.0.1:0. A database named in `options.engagementDb` is left in
 * place on stop (restart tests reopen it); the default temp one is removed.
 */
export async function startTestServer(options: Partial<EmotoneServerOptions> = {}): Promise<TestServer> {
  const uploadDir = await mkdtemp(join(tmpdir(), 'emotone-uploads-'));
  const dbDir = options.engagementDb ? undefined : await mkdtemp(join(tmpdir(), 'emotone-figures-'));
  const engagementDb = options.engagementDb ?? join(dbDir as string, 'engagement.sqlite');
  // Test rooms do not leave when told the server is restarting: a short drain keeps stop() quick.
  const server = createEmotoneServer({ port: 0, host: '127.0.0.1', uploadDir, drainTimeoutMs: 200, ...options, engagementDb });
  const { port, secure } = await server.listen();
  const baseUrl = `${secure ? 'https' : 'http'}://127.0.0.1:${port}`;
  const rooms: Room[] = [];
  const client = () => new Client(`${baseUrl}${COLYSEUS_PATH}`);
  return {
    baseUrl,
    uploadDir,
    engagementDb,
    client,
    async join(joinOptions) {
      const room = await client().joinOrCreate<SpaceState>(ROOM_NAME, joinOptions);
      rooms.push(room);
      const errors: ErrorPayload[] = [];
      room.onMessage(ServerMessage.error, (payload: ErrorPayload) => errors.push(payload));
      room.onMessage(ServerMessage.restarting, () => undefined); // stop() drains: these rooms stay until cut
      return { room, errors };
    },
    async stop() {
      for (const room of rooms) room.removeAllListeners();
      await server.close();
      await rm(uploadDir, { recursive: true, force: true });
      if (dbDir) await rm(dbDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The player with `sessionId` as `viewer` sees it (undefined until the patch arrives). */
export function playerSeenBy(viewer: TestRoom, sessionId: string): PlayerSchema | undefined {
  return viewer.room.state?.players?.get(sessionId);
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a round trip: a message whose error reply proves the server processed
 * everything this room sent before it (messages are handled in order).
 */
export async function roundTrip(target: TestRoom): Promise<void> {
  const before = target.errors.length;
  target.room.send('__ping__', {});
  await waitFor(() => target.errors.length > before, 'the server to answer a probe message');
  target.errors.pop();
}
