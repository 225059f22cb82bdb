import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@colyseus/sdk';
import { createEmotoneServer, type EmotoneServer } from '../../server/create-server';
import { createFrontDoor, type FrontDoor } from '../../server/front-door';
import { COLYSEUS_PATH, ROOM_NAME } from '../../src/shared/protocol';
import { freePort } from '../../scripts/redis-server';
import { openSocket, reserveSeat } from './http-from';

type Seat = { processId: string; roomId: string; sessionId: string; publicAddress: string };

/**
 * A room process behind the real front door (http-proxy), as in `npm run cluster`: the process
 * sees the door's Host, so pages of the door's origin pass the origin check, and it counts the
 * rate per client from the door's X-Forwarded-For (the door is on this machine, a trusted proxy).
 */
describe('origin checks and rates behind the front door', () => {
  let dir: string;
  let server: EmotoneServer;
  let door: FrontDoor;
  let doorUrl: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emotone-door-'));
    const roomPort = await freePort();
    door = createFrontDoor({ port: 0, host: '127.0.0.1', processes: [{ name: 'p1', url: `http://127.0.0.1:${roomPort}` }] });
    const { port } = await door.listen();
    doorUrl = `http://127.0.0.1:${port}`;
    server = createEmotoneServer({
      port: roomPort, host: '127.0.0.1', uploadDir: dir, engagementDb: 'off', publicAddress: `127.0.0.1:${port}${COLYSEUS_PATH}/p1`,
      security: { rateExempt: [], matchmakeRate: { burst: 3, perSecond: 0.1 } },
    });
    await server.listen();
  });
  afterAll(async () => {
    await server?.close();
    await door?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the door’s own pages matchmake and open room sockets through it, and refuses another site’s', async () => {
    const own = await reserveSeat(doorUrl, { role: 'spectator', space: 'door' }, { from: '127.0.0.4', headers: { Origin: doorUrl } });
    expect(own.status).toBe(200);
    const seat = own.body as Seat;
    expect(seat.publicAddress).toBe(`${doorUrl.slice('http://'.length)}${COLYSEUS_PATH}/p1`);
    const url = `ws://${seat.publicAddress}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`;
    expect(await openSocket(url, 'https://evil.example')).toMatchObject({ opened: false, status: 403 });
    const opened = await openSocket(url, doorUrl);
    expect(opened.opened).toBe(true);
    if (opened.opened) opened.socket.close();
    const evil = await reserveSeat(doorUrl, { role: 'spectator', space: 'door' }, { from: '127.0.0.4', headers: { Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
  });

  it('counts each client behind the door by its own address: one is refused, another is not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await reserveSeat(doorUrl, { role: 'spectator', space: 'door' }, { from: '127.0.0.2' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await reserveSeat(doorUrl, { role: 'spectator', space: 'door' }, { from: '127.0.0.3' })).status).toBe(200);
  });

  it('still seats an SDK client that joins through the door', async () => {
    const room = await new Client(`${doorUrl}${COLYSEUS_PATH}`).joinOrCreate(ROOM_NAME, { role: 'spectator', space: 'door-sdk' });
    expect(room.roomId).toEqual(expect.any(String));
    await room.leave();
  });
});
