import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manualEmotion } from '../../src/shared/emotion-labels';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import { freePort } from '../../scripts/redis-server';
import { appClient, seesPlayer, until } from '../harness/app-clients';
import { startChild, type ChildServer } from '../harness/room-process';

/** How long the server stays down before it is started again. */
const DOWN_MS = 3000;

describe('recovery after a server restart (real process, kill -9)', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('shows the player to the spectator again within 10 s of the server being back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emotone-recovery-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', EMOTONE_STATIC_DIR: 'none', EMOTONE_UPLOAD_DIR: dir, EMOTONE_ENGAGEMENT_DB: join(dir, 'figures.sqlite') };
    let server: ChildServer = startChild('server/main.ts', env);
    cleanup.push(() => server.stop('SIGKILL'));
    await server.waitFor(/health: /);
    const endpoint = `http://127.0.0.1:${port}${COLYSEUS_PATH}`;
    const player = appClient(endpoint, Role.player, 'Robin', 'standup');
    const spectator = appClient(endpoint, Role.spectator, '', 'standup');
    cleanup.push(() => player.client.leave(), () => spectator.client.leave());
    await player.client.connect();
    await spectator.client.connect();
    player.store.setSelfEmotion(manualEmotion('happy'));
    await until(spectator.store, seesPlayer('Robin', 'happy'), 5000, 'the spectator to see Robin');

    await server.stop('SIGKILL');
    await until(spectator.store, (s) => s.connection.kind === 'reconnecting', 5000, 'the spectator to notice');
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    server = startChild('server/main.ts', env);
    await server.waitFor(/health: /);
    const backAt = Date.now();
    await until(spectator.store, seesPlayer('Robin', 'happy'), 15_000, 'the spectator to see Robin again');
    const seconds = (Date.now() - backAt) / 1000;
    console.log(`recovery: the spectator saw the player again ${seconds.toFixed(1)} s after the server was back (down ${DOWN_MS / 1000} s)`);
    expect(seconds).toBeLessThan(10);
  });
});
