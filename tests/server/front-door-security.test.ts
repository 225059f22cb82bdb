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

const BALANCER = '127.0.0.5';
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
  let roomUrl: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emotone-door-'));
    const roomPort = await freePort();
    roomUrl = `http://127.0.0.1:${roomPort}`;
    // 127.0.0.5 plays a load balancer in front of the door (EMOTONE_TRUSTED_PROXIES in npm run cluster).
    door = createFrontDoor({ port: 0, host: '127.0.0.1', processes: [{ name: 'p1', url: `http://127.0.0.1:${roomPort}` }], trustedProxies: [BALANCER] });
    const { port } = await door.listen();
    doorUrl = `http://127.0.0.1:${port}`;
    server = createEmotoneServer({
      port: roomPort, host: '127.0.0.1', uploadDir: dir, engagementDb: 'off', publicAddress: `127.0.0.1:${port}${COLYSEUS_PATH}/p1`,
      security: { rateExempt: [], matchmakeRate: { burst: 3, perSecond: 0.1 }, trustedProxies: ['127.0.0.1', BALANCER] },
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

  it('behind a trusted balancer, still counts each client by the address the balancer saw; anyone else’s X-Forwarded-For is replaced', async () => {
    const join = (from: string, forwardedFor: string) => reserveSeat(doorUrl, { role: 'spectator', space: 'door' }, { from, headers: { 'X-Forwarded-For': forwardedFor } });
    const viaBalancer: number[] = [];
    for (let i = 0; i < 4; i++) viaBalancer.push((await join(BALANCER, '198.51.100.20')).status);
    expect(viaBalancer).toEqual([200, 200, 200, 429]);
    expect((await join(BALANCER, '198.51.100.21')).status).toBe(200);
    // A client that is no balancer forging one fresh address after another is still one client.
    const forged: number[] = [];
    for (let i = 0; i < 4; i++) forged.push((await join('127.0.0.6', `198.51.100.${30 + i}`)).status);
    expect(forged).toEqual([200, 200, 200, 429]);
  });

  it('counts matchmaking at the door as well, once for every process behind it', async () => {
    const strict = createFrontDoor({ port: 0, host: '127.0.0.1', processes: [{ name: 'p1', url: roomUrl }], matchmakeRate: { burst: 2, perSecond: 0.01 } });
    const { port } = await strict.listen();
    try {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await reserveSeat(`http://127.0.0.1:${port}`, { role: 'spectator', space: 'door' }, { from: '127.0.0.7' }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
      expect(answers[2]?.headers['x-emotone-process']).toBeUndefined();
      expect((answers[2]?.body as { error: string }).error).toMatch(/Too many join attempts from your address/);
      expect(Number(answers[2]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await strict.close();
    }
  });

  it('still seats an SDK client that joins through the door', async () => {
    const room = await new Client(`${doorUrl}${COLYSEUS_PATH}`).joinOrCreate(ROOM_NAME, { role: 'spectator', space: 'door-sdk' });
    expect(room.roomId).toEqual(expect.any(String));
    await room.leave();
  });
});
