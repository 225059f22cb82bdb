import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECHO_TARGETS, type ActivityTiming } from '../../src/shared/engagement';
import { ClientMessage, ErrorCode } from '../../src/shared/protocol';
import { createSeededRandom } from '../fixtures/seeded-random';
import { roundTrip, startTestServer, waitFor, type TestRoom, type TestServer } from './helpers';

/** Virtual durations: the room reads this test's clock, so nothing waits them out for real. */
const timing: ActivityTiming = {
  rounds: 3, offerMs: 10_000, roundMs: 10_000, resultsMs: 4_000, finishedMs: 10_000,
  drowsyToOffer: 2, requestWindowMs: 60_000, cooldownMs: 120_000,
};

describe('the group activity in a real room', () => {
  let server: TestServer;
  let clockMs = 1_800_000_000_000;
  let alice: TestRoom;
  let bob: TestRoom;
  let carol: TestRoom;
  let spectator: TestRoom;
  const activity = (viewer: TestRoom) => viewer.room.state.activity;
  const phaseSeen = (phase: string, round?: number, viewer = spectator) => waitFor(
    () => activity(viewer)?.phase === phase && (round === undefined || activity(viewer).round === round),
    `${phase} ${round ?? ''} at the viewer`);
  const errorsOf = (r: TestRoom) => r.errors.map((e) => [e.code, e.type, e.message]);
  const score = (r: TestRoom, round: number, value: number) => r.room.send(ClientMessage.activityScore, { round, score: value });

  beforeAll(async () => {
    server = await startTestServer({ room: { now: () => clockMs, activityTiming: timing, activityTickMs: 20, random: createSeededRandom(3) } });
    alice = await server.join({ role: 'player', displayName: 'Alice' });
    bob = await server.join({ role: 'player', displayName: 'Bob' });
    carol = await server.join({ role: 'player', displayName: 'Carol' });
    spectator = await server.join({ role: 'spectator' });
    await waitFor(() => spectator.room.state.players?.size === 3, 'three players');
  });
  afterAll(async () => server?.stop());

  it('starts idle and refuses a decline or a score when nothing runs', async () => {
    expect(activity(spectator).toJSON()).toEqual({ phase: 'idle', kind: '', round: 0, rounds: 3, target: '', phaseMs: 0, reason: '', entries: {} });
    alice.room.send(ClientMessage.activity, { action: 'decline' });
    score(alice, 1, 0.5);
    await roundTrip(alice);
    expect(alice.errors.map((e) => e.code)).toEqual([ErrorCode.outOfTurn, ErrorCode.outOfTurn]);
    expect(alice.errors[0]?.message).toMatch(/no activity running/);
    expect(alice.errors[1]?.message).toMatch(/No activity round is running/);
    alice.errors.length = 0;
  });

  it('offers it from the menu to every player; a second start is refused to its sender only', async () => {
    alice.room.send(ClientMessage.activity, { action: 'start' });
    await phaseSeen('offered');
    expect(activity(bob).reason).toBe('menu');
    expect(activity(bob).kind).toBe('emotion-echo');
    expect(activity(bob).phaseMs).toBe(10_000);
    expect([...activity(spectator).entries.keys()].sort()).toEqual([alice, bob, carol].map((r) => r.room.sessionId).sort());
    bob.room.send(ClientMessage.activity, { action: 'start' });
    await roundTrip(bob);
    expect(errorsOf(bob)).toEqual([[ErrorCode.outOfTurn, 'activity', expect.stringMatching(/already running/)]]);
    await roundTrip(alice);
    expect([alice, carol, spectator].map((r) => r.errors.length)).toEqual([0, 0, 0]);
    bob.errors.length = 0;
  });

  it('lets a player decline, and refuses spectators and early scores', async () => {
    carol.room.send(ClientMessage.activity, { action: 'decline' });
    await waitFor(() => activity(spectator).entries.get(carol.room.sessionId)?.declined, 'carol declined');
    score(bob, 1, 0.5);
    spectator.room.send(ClientMessage.activityScore, { round: 1, score: 0.5 });
    await roundTrip(bob);
    await roundTrip(spectator);
    expect(errorsOf(bob)).toEqual([[ErrorCode.outOfTurn, 'activityScore', expect.stringMatching(/Round 1 has not started yet/)]]);
    expect(errorsOf(spectator)).toEqual([[ErrorCode.forbidden, 'activityScore', expect.stringMatching(/Spectators/)]]);
    bob.errors.length = 0;
    spectator.errors.length = 0;
  });

  it('runs round 1 on the clock: one score per participant, duplicates, wrong rounds and decliners refused', async () => {
    clockMs += 10_000;
    await phaseSeen('round', 1);
    const target = activity(alice).target;
    expect(ECHO_TARGETS).toContain(target);
    score(alice, 1, 0.8);
    score(alice, 1, 0.9);
    score(bob, 2, 0.4);
    score(carol, 1, 0.7);
    alice.room.send(ClientMessage.activityScore, { round: 1, score: 1.5 });
    await roundTrip(alice);
    await roundTrip(bob);
    await roundTrip(carol);
    expect(errorsOf(alice)).toEqual([
      [ErrorCode.outOfTurn, 'activityScore', 'You already sent a score for round 1: one score per round.'],
      [ErrorCode.invalidPayload, 'activityScore', expect.stringMatching(/score must be a finite number in \[0, 1\]/)],
    ]);
    expect(errorsOf(bob)).toEqual([[ErrorCode.outOfTurn, 'activityScore', expect.stringMatching(/Round 2 has not started yet: the current round is 1/)]]);
    expect(errorsOf(carol)).toEqual([[ErrorCode.outOfTurn, 'activityScore', expect.stringMatching(/declined/)]]);
    // Scores stay private until the round ends.
    expect(activity(spectator).entries.get(alice.room.sessionId)?.scores.length).toBe(0);
    for (const r of [alice, bob, carol]) r.errors.length = 0;
  });

  it('publishes the round on the scoreboard and refuses a late score', async () => {
    clockMs += 10_000;
    await phaseSeen('results', 1);
    const board = activity(spectator).entries;
    expect(board.get(alice.room.sessionId)?.scores.toArray()[0]).toBeCloseTo(0.8, 6);
    expect(board.get(alice.room.sessionId)?.total).toBeCloseTo(0.8, 6);
    expect(board.get(bob.room.sessionId)?.scores.toArray()).toEqual([-1]);
    expect(board.get(carol.room.sessionId)?.toJSON()).toEqual({ declined: true, total: 0, scores: [-1] });
    score(bob, 1, 0.6);
    await roundTrip(bob);
    expect(errorsOf(bob)).toEqual([[ErrorCode.outOfTurn, 'activityScore', 'Round 1 has ended: a score counts only while its round runs.']]);
    bob.errors.length = 0;
  });

  it('lets a player who joins mid-run take part from the next round, and finishes back to idle', async () => {
    const dave = await server.join({ role: 'player', displayName: 'Dave' });
    await waitFor(() => activity(spectator).entries.has(dave.room.sessionId), 'dave in the entries');
    clockMs += 4_000;
    await phaseSeen('round', 2);
    const firstTarget = activity(spectator).target;
    score(dave, 2, 0.5);
    score(alice, 2, 0.25);
    await roundTrip(dave);
    expect(dave.errors).toEqual([]);
    clockMs += 10_000 + 4_000;
    await phaseSeen('round', 3);
    expect(activity(spectator).target).not.toBe('');
    clockMs += 10_000;
    await phaseSeen('finished', 3);
    expect(firstTarget).not.toBe('');
    const board = activity(spectator).entries;
    expect(board.get(dave.room.sessionId)?.toJSON()).toEqual({ declined: false, total: 0.5, scores: [-1, 0.5, -1] });
    expect(board.get(alice.room.sessionId)?.total).toBeCloseTo(1.05, 5);
    clockMs += 10_000;
    await phaseSeen('idle');
    expect(activity(spectator).entries.size).toBe(0);
    await dave.room.leave();
  });

  it('offers it by itself when two players are drowsy (shared state or a request), after the cooldown', async () => {
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    alice.room.send(ClientMessage.engagement, { state: 'drowsy', share: 'state' });
    bob.room.send(ClientMessage.activity, { action: 'request' });
    await waitFor(() => spectator.room.state.players.get(alice.room.sessionId)?.engagement === 'drowsy', 'alice drowsy');
    await roundTrip(bob);
    await settle();
    expect(activity(spectator).phase).toBe('idle'); // inside the cooldown after the last run
    clockMs += 120_000;
    await settle();
    expect(activity(spectator).phase).toBe('idle'); // bob's request has run out of its window
    bob.room.send(ClientMessage.activity, { action: 'request' });
    await phaseSeen('offered');
    expect(activity(spectator).reason).toBe('drowsy');
    expect(activity(spectator).entries.size).toBe(3);
    expect(bob.errors).toEqual([]);
  });
});
