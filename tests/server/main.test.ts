import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '@colyseus/sdk';
import { COLYSEUS_PATH, ROOM_NAME } from '../../src/shared/protocol';
import { startChild } from '../harness/room-process';

/** Starts server/main.ts and resolves with the port it logs once it is ready. */
async function startMain(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; log: () => string }> {
  const server = startChild('server/main.ts', env);
  // The health line comes last: by then the whole banner is in.
  const match = await server.waitFor(/health: \S+:(\d+)\/health/);
  return { child: server.child, port: Number(match[1]), log: server.log };
}

describe('server/main.ts (npm run serve)', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('serves the built app, /health and rooms on PORT, and stops cleanly on SIGTERM', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'emotone-main-dist-'));
    const uploads = await mkdtemp(join(tmpdir(), 'emotone-main-up-'));
    cleanup.push(() => rm(dist, { recursive: true, force: true }), () => rm(uploads, { recursive: true, force: true }));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>built</title>');
    const { child, port, log } = await startMain({
      PORT: '0', HOST: '127.0.0.1', EMOTONE_STATIC_DIR: dist, EMOTONE_UPLOAD_DIR: uploads,
      EMOTONE_ENGAGEMENT_DB: join(uploads, 'engagement.sqlite'), EMOTONE_DRAIN_TIMEOUT_MS: '500',
    });
    cleanup.push(async () => { if (child.exitCode === null) child.kill('SIGKILL'); });
    const base = `http://127.0.0.1:${port}`;
    expect(log()).toContain(`app:    http://127.0.0.1:${port}/`);

    expect(await (await fetch(`${base}/`)).text()).toContain('<title>built</title>');
    const room = await new Client(`${base}${COLYSEUS_PATH}`).joinOrCreate(ROOM_NAME, { role: 'spectator' });
    const health = (await (await fetch(`${base}/health`)).json()) as { rooms: Array<{ spectators: number }> };
    expect(health.rooms[0]?.spectators).toBe(1);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const left = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await left).toBe(4001); // SERVER_SHUTDOWN: the client knows it was not its network
  });

  it('refuses an invalid PORT with a clear message', async () => {
    await expect(startMain({ PORT: 'eighty', HOST: '127.0.0.1' })).rejects.toThrow(/PORT must be an integer/);
  });

  it('refuses an invalid EMOTONE_DRAIN_TIMEOUT_MS with a clear message', async () => {
    await expect(startMain({ PORT: '0', HOST: '127.0.0.1', EMOTONE_DRAIN_TIMEOUT_MS: '10s' })).rejects.toThrow(/EMOTONE_DRAIN_TIMEOUT_MS must be a whole number/);
  });
});
