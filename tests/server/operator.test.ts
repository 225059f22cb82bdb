import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagementStore } from '../../server/engagement-store';
import type { ActivityTiming } from '../../src/shared/engagement';
import { OPERATOR_ENGAGEMENT_PATH, type OperatorEngagementReport } from '../../src/shared/operator-report';
import { ClientMessage } from '../../src/shared/protocol';
import { fetchOperatorReport } from '../../src/spectator/operator-fetch';
import { roundTrip, startTestServer, waitFor, type TestRoom, type TestServer } from './helpers';

const TOKEN = 'operator-test-token-7f3a';
const T0 = 1_800_000_000_000;
const timing: ActivityTiming = {
  rounds: 1, offerMs: 1000, roundMs: 1000, resultsMs: 1000, finishedMs: 1000,
  drowsyToOffer: 99, requestWindowMs: 1000, cooldownMs: 1000,
};

/** The engagement figures of one scripted session, read over real HTTP, across restarts. */
describe('engagement figures and the operator endpoint', () => {
  let dir: string;
  let db: string;
  let clockMs = T0;
  let server: TestServer | undefined;
  let first: OperatorEngagementReport;
  const ids: string[] = [];

  const boot = async (operatorToken?: string) => {
    server = await startTestServer({
      engagementDb: db, ...(operatorToken ? { operatorToken } : {}),
      room: { now: () => clockMs, activityTiming: timing, activityTickMs: 20 },
    });
    return server;
  };
  const get = (query = '', headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }, method = 'GET') =>
    fetch(`${server?.baseUrl}${OPERATOR_ENGAGEMENT_PATH}${query}`, { headers, method });
  const at = async (offsetS: number, r: TestRoom, type: string, payload: unknown) => {
    clockMs = T0 + offsetS * 1000;
    r.room.send(type, payload);
    await roundTrip(r);
  };
  /** Every message other than `error` that reached a room (nudges must reach nobody). */
  const stray = (r: TestRoom) => {
    const seen: unknown[] = [];
    r.room.onMessage('*', (type: unknown) => seen.push(type));
    return seen;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emotone-operator-'));
    db = join(dir, 'nested', 'engagement.sqlite');
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('records states, nudges and an activity run without putting any of it in the room state', async () => {
    const s = await boot(TOKEN);
    const alice = await s.join({ role: 'player', displayName: 'Alice' });
    const bob = await s.join({ role: 'player', displayName: 'Bob' });
    const spectator = await s.join({ role: 'spectator' });
    ids.push(alice.room.sessionId, bob.room.sessionId);
    const strays = [alice, bob, spectator].map(stray);
    await at(0, alice, ClientMessage.engagement, { state: 'engaged', share: 'away' });
    await at(0, bob, ClientMessage.engagement, { state: 'quiet', share: 'state' });
    await at(30, alice, ClientMessage.engagement, { state: 'drowsy', share: 'away' });
    await at(40, alice, ClientMessage.nudge, { level: 1, event: 'shown' });
    await at(50, alice, ClientMessage.engagement, { state: 'engaged', share: 'away' });
    await at(50, alice, ClientMessage.nudge, { level: 1, event: 'answered' });
    await at(60, bob, ClientMessage.nudge, { level: 2, event: 'shown' });
    await at(100, alice, ClientMessage.activity, { action: 'start' });
    await waitFor(() => spectator.room.state.activity?.phase === 'offered', 'the offer');
    clockMs = T0 + 101_000;
    await waitFor(() => spectator.room.state.activity.phase === 'round', 'round 1');
    await at(101.5, alice, ClientMessage.activityScore, { round: 1, score: 0.6 });
    await at(101.5, bob, ClientMessage.activity, { action: 'decline' });
    clockMs = T0 + 104_000;
    await waitFor(() => spectator.room.state.activity.phase === 'idle', 'the run to end');
    clockMs = T0 + 200_000;

    await waitFor(() => spectator.room.state.players.get(bob.room.sessionId)?.engagement === 'quiet', 'bob shares quiet');
    const seen = spectator.room.state.toJSON() as { players: Record<string, { engagement: string }> };
    expect(seen.players[alice.room.sessionId]?.engagement).toBe('present');
    expect(JSON.stringify(seen)).not.toMatch(/nudge|level|answered|drowsy/);
    expect(strays).toEqual([[], [], []]);
    expect([alice, bob, spectator].map((r) => r.errors)).toEqual([[], [], []]);

    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    for (const secret of [...ids, 'Alice', 'Bob', 'drowsiness', 'sessionId']) expect(text).not.toContain(secret);
    first = JSON.parse(text) as OperatorEngagementReport;
    expect(first).toMatchObject({
      space: 'lobby', spaces: ['lobby'], nowMs: T0 + 200_000, players: 2,
      timeInStateMs: { engaged: 180_000, drowsy: 20_000, quiet: 200_000, away: 0 },
      nudges: { shown: { 1: 1, 2: 1, 3: 0 }, answered: { 1: 1, 2: 0, 3: 0 } },
      reengagement: { shown: 2, reengaged: 1, pending: 0, rate: 0.5 },
      activities: { runs: 1, byReason: { menu: 1 }, roundsCompleted: 1, participants: 1, declines: 1, scores: 1 },
      truncated: false,
    });
    expect(first.timeline.map((row) => row.player)).toEqual([expect.stringMatching(/^P-[0-9a-f]{8}$/), expect.stringMatching(/^P-[0-9a-f]{8}$/)]);
    const aliceRow = first.timeline.find((row) => row.spans.length === 3);
    expect(aliceRow?.spans).toEqual([
      { state: 'engaged', fromMs: T0, toMs: T0 + 30_000 },
      { state: 'drowsy', fromMs: T0 + 30_000, toMs: T0 + 50_000 },
      { state: 'engaged', fromMs: T0 + 50_000, toMs: null },
    ]);
    expect(first.nudgeMarks).toEqual([
      { player: aliceRow?.player, atMs: T0 + 40_000, level: 1, event: 'shown' },
      { player: aliceRow?.player, atMs: T0 + 50_000, level: 1, event: 'answered' },
      { player: expect.not.stringMatching(aliceRow?.player ?? ''), atMs: T0 + 60_000, level: 2, event: 'shown' },
    ]);
    expect(first.runs).toEqual([{ startedAtMs: T0 + 100_000, endedAtMs: expect.any(Number), reason: 'menu', roundsCompleted: 1, participants: 1, declines: 1, scores: 1 }]);
  });

  it('refuses without the right token (401), bad queries (400) and other methods (405)', async () => {
    const missing = await get('', {});
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await missing.json()).toEqual({ error: 'Send the operator token as "Authorization: Bearer <token>".' });
    for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, 'Bearer ']) {
      const res = await get('', { Authorization: wrong });
      expect(res.status).toBe(401);
      expect((await res.json()) as { error: string }).toHaveProperty('error');
    }
    const badSpace = await get('?space=../etc');
    expect(badSpace.status).toBe(400);
    expect(await badSpace.json()).toEqual({ error: expect.stringMatching(/space must be/) });
    expect((await get('?since=yesterday')).status).toBe(400);
    expect((await get('', { Authorization: `Bearer ${TOKEN}` }, 'POST')).status).toBe(405);
    const url = `${server?.baseUrl}${OPERATOR_ENGAGEMENT_PATH}`;
    expect(await fetchOperatorReport(fetch, url, 'not-the-token')).toEqual({ ok: false, failure: { kind: 'unauthorised' } });
    expect(await fetchOperatorReport(fetch, url, TOKEN)).toMatchObject({ ok: true, report: { space: 'lobby', players: 2 } });
    const other = (await (await get('?space=team-standup&since=0')).json()) as OperatorEngagementReport;
    expect(other).toMatchObject({ space: 'team-standup', players: 0, timeline: [], reengagement: { rate: null } });
  });

  it('keeps the figures across a restart: spans close at shutdown and read back the same', async () => {
    clockMs = T0 + 210_000;
    await server?.stop();
    clockMs = T0 + 300_000;
    await boot(TOKEN);
    const after = (await (await get()).json()) as OperatorEngagementReport;
    expect(after.timeInStateMs).toEqual({ engaged: 190_000, drowsy: 20_000, quiet: 210_000, away: 0 });
    expect(after.timeline.flatMap((row) => row.spans).every((span) => span.toMs !== null && span.toMs <= T0 + 210_000)).toBe(true);
    expect({ ...after, nowMs: 0, sinceMs: 0, timeInStateMs: 0, timeline: 0 }).toEqual({ ...first, nowMs: 0, sinceMs: 0, timeInStateMs: 0, timeline: 0 });
  });

  it('closes spans a crashed process left open at their last heartbeat', async () => {
    await server?.stop();
    const crashed = createEngagementStore(db);
    crashed.setState('lobby', 'P-00c0ffee', 'drowsy', T0 + 400_000);
    crashed.heartbeat('lobby', T0 + 405_000);
    crashed.close(); // no endAll: the span stays open, as after a kill -9
    clockMs = T0 + 500_000;
    await boot(TOKEN);
    const report = (await (await get()).json()) as OperatorEngagementReport;
    expect(report.timeline.find((row) => row.player === 'P-00c0ffee')?.spans).toEqual([{ state: 'drowsy', fromMs: T0 + 400_000, toMs: T0 + 405_000 }]);
    expect(report.timeInStateMs.drowsy).toBe(25_000);
  });

  it('is off (404, saying how to turn it on) when no token is set', async () => {
    await server?.stop();
    await boot();
    const res = await get();
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'The operator endpoint is off: set EMOTONE_OPERATOR_TOKEN on the room server to turn it on.' });
    const url = `${server?.baseUrl}${OPERATOR_ENGAGEMENT_PATH}`;
    expect(await fetchOperatorReport(fetch, url, TOKEN)).toEqual({ ok: false, failure: { kind: 'off', serverMessage: expect.stringMatching(/EMOTONE_OPERATOR_TOKEN/) } });
    await server?.stop();
    server = undefined;
    expect(await fetchOperatorReport(fetch, url, TOKEN)).toEqual({ ok: false, failure: { kind: 'unreachable' } });
  });

  it('keeps nothing with EMOTONE_ENGAGEMENT_DB=off: the room works, the endpoint says the figures are off', async () => {
    server = await startTestServer({ engagementDb: 'off', operatorToken: TOKEN });
    const alice = await server.join({ role: 'player' });
    alice.room.send(ClientMessage.engagement, { state: 'quiet', share: 'state' });
    alice.room.send(ClientMessage.nudge, { level: 1, event: 'shown' });
    await waitFor(() => alice.room.state.players?.get(alice.room.sessionId)?.engagement === 'quiet', 'quiet shared');
    const res = await get();
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'This room server keeps no engagement figures (EMOTONE_ENGAGEMENT_DB=off).' });
    expect(alice.errors).toEqual([]);
  });
});
