import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { ROOM_NAME } from '../../src/shared/protocol';
import { sleep, startTestServer, waitFor, type TestServer } from './helpers';
import { reserveSeat, type FromResponse } from './http-from';

/**
 * A room of 2 players + 2 spectators holds 2 + 2 + 16 = 20 seats (reserved ones included); the
 * flooder's bucket holds 20 joins and refills one a second, and unused seats are freed after 2 s.
 * Nothing is exempt (the tests run on loopback, which production exempts).
 */
const SEATS = 20;
const RESERVATION_SEC = 2;

describe('a join flood from one address', () => {
  let server: TestServer;
  const rooms: Room[] = [];
  const health = async () => (await (await fetch(`${server.baseUrl}/health`)).json()) as { rooms: { roomId: string; space: string; players: number }[] };
  const flood = async (count: number, from: string, headers: Record<string, string> = {}): Promise<FromResponse[]> => {
    const answers: FromResponse[] = [];
    for (let i = 0; i < count; i++) answers.push(await reserveSeat(server.baseUrl, { role: 'spectator', space: 'busy' }, { from, headers }));
    return answers;
  };
  /** Spends 127.0.0.2's bucket until it is refused (the reservation wait above refilled some). */
  const drain = async () => {
    for (let i = 0; i <= SEATS; i++) if ((await flood(1, '127.0.0.2'))[0]?.status === 429) return;
    throw new Error('the flooder was never refused');
  };

  beforeAll(async () => {
    server = await startTestServer({
      room: { maxPlayers: 2, maxSpectators: 2, seatReservationSec: RESERVATION_SEC },
      security: { rateExempt: [], matchmakeRate: { burst: SEATS, perSecond: 1 } },
    });
  });
  afterAll(async () => {
    for (const room of rooms) await room.leave().catch(() => undefined);
    await server?.stop();
  });

  it('is refused with 429 and Retry-After once its bucket is empty, and its seats expire unused: the space stays one room others can join', async () => {
    const first = await server.client().joinOrCreate(ROOM_NAME, { role: 'player', space: 'busy', displayName: 'Ann' });
    rooms.push(first);
    const answers = await flood(SEATS + 10, '127.0.0.2');
    const seated = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    console.log(`flood of ${answers.length} reservations from 127.0.0.2: ${seated.length} seats, ${refused.length} × 429`);
    expect(seated.length).toBeGreaterThanOrEqual(SEATS - 1);
    expect(seated.length).toBeLessThanOrEqual(SEATS + 1);
    expect(refused.length + seated.length).toBe(answers.length);
    for (const answer of refused) {
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((answer.body as { error: string }).error).toMatch(/Too many join attempts from your address: try again in \d+ s/);
    }
    // Those seats are never used: after the reservation time the room has room again, and a
    // newcomer lands in the same room as the player already there.
    await sleep(RESERVATION_SEC * 1000 + 500);
    const second = await server.client().joinOrCreate(ROOM_NAME, { role: 'player', space: 'busy', displayName: 'Ben' });
    rooms.push(second);
    expect(second.roomId).toBe(first.roomId);
    await waitFor(() => first.state.players.size === 2, 'both players in one room');
    expect((await health()).rooms.filter((r) => r.space === 'busy')).toHaveLength(1);
  });

  it('is not a way around the limit: a forged X-Forwarded-For from an untrusted address is ignored', async () => {
    await drain();
    const [answer] = await flood(1, '127.0.0.2', { 'X-Forwarded-For': '203.0.113.9' });
    expect(answer?.status).toBe(429);
  });

  it('behind a trusted proxy (this machine: the front door) is counted by X-Forwarded-For, per client', async () => {
    await drain();
    const [flooder] = await flood(1, '127.0.0.1', { 'X-Forwarded-For': '127.0.0.2' });
    expect(flooder?.status).toBe(429);
    const [other] = await flood(1, '127.0.0.1', { 'X-Forwarded-For': '203.0.113.7' });
    expect(other?.status).toBe(200);
  });

  it('gets one join back per second', async () => {
    await drain();
    const [refused] = await flood(1, '127.0.0.2');
    expect(refused?.status).toBe(429);
    await sleep(Number(refused?.headers['retry-after']) * 1000 + 100);
    const [again] = await flood(1, '127.0.0.2');
    expect(again?.status).toBe(200);
  });
});
