import { describe, expect, it } from 'vitest';
import { createActivity, type ActivityEvent } from '../../../server/activity';
import { ECHO_TARGETS, type ActivityTiming } from '../../../src/shared/engagement';
import { ErrorCode } from '../../../src/shared/protocol';
import { createSeededRandom } from '../../fixtures/seeded-random';

const timing: ActivityTiming = {
  rounds: 3, offerMs: 1000, roundMs: 2000, resultsMs: 500, finishedMs: 1500,
  drowsyToOffer: 2, requestWindowMs: 10_000, cooldownMs: 60_000,
};
const phases = (events: ActivityEvent[]) => events.flatMap((e) => (e.type === 'phase' ? [`${e.phase}${e.round || ''}`] : []));
const started = (ids = ['a', 'b']) => {
  const activity = createActivity(timing, createSeededRandom(7));
  expect(activity.offer(0, 'menu', ids)).toEqual({ ok: true });
  return activity;
};

describe('activity state machine', () => {
  it('runs offered → rounds with results between → finished → idle on the clock it is given', () => {
    const activity = started();
    expect(activity.view()).toMatchObject({ phase: 'offered', kind: 'emotion-echo', round: 0, rounds: 3, phaseMs: 1000, reason: 'menu', target: '' });
    expect(activity.tick(999)).toEqual([]);
    expect(phases(activity.tick(1000))).toEqual(['round1']);
    const first = activity.view();
    expect(first.phaseMs).toBe(2000);
    expect(ECHO_TARGETS).toContain(first.target);
    expect(phases(activity.tick(3000))).toEqual(['results1']);
    expect(activity.view().target).toBe(first.target);
    expect(phases(activity.tick(3500))).toEqual(['round2']);
    expect(activity.view().target).not.toBe(first.target);
    const events = activity.tick(5500 + 500 + 2000 + 1500);
    expect(phases(events)).toEqual(['results2', 'round3', 'finished3', 'idle']);
    const ended = events.find((e) => e.type === 'ended');
    expect(ended).toEqual({ type: 'ended', run: { startedAtMs: 0, endedAtMs: 9500, reason: 'menu', roundsCompleted: 3, participants: 2, declines: 0, scores: 0 } });
    expect(activity.view()).toMatchObject({ phase: 'idle', kind: '', round: 0, reason: '', entries: new Map() });
    expect(activity.lastEndedAtMs()).toBe(9500);
  });

  it('never asks for the same target twice in a row, whatever the random source says', () => {
    for (const value of [0, 0.5, 0.999999]) {
      const activity = createActivity({ ...timing, rounds: 6 }, () => value);
      activity.offer(0, 'menu', ['a']);
      const targets: string[] = [];
      for (let t = 1000; targets.length < 6; t += 2500) {
        activity.tick(t);
        if (activity.view().phase === 'round') targets.push(activity.view().target);
      }
      targets.slice(1).forEach((target, i) => expect(target).not.toBe(targets[i]));
    }
  });

  it('takes one score per player per round, publishes it when the round ends and sums the total', () => {
    const activity = started();
    activity.tick(1000);
    expect(activity.score('a', 1, 0.75, 1500)).toEqual({ ok: true });
    expect(activity.view().entries.get('a')?.scores).toEqual([]);
    const again = activity.score('a', 1, 0.9, 1600);
    expect(again).toMatchObject({ ok: false, code: ErrorCode.outOfTurn });
    expect(again.ok ? '' : again.message).toMatch(/already sent a score for round 1/);
    activity.tick(3000);
    expect(activity.view().entries.get('a')).toEqual({ declined: false, total: 0.75, scores: [0.75] });
    expect(activity.view().entries.get('b')).toEqual({ declined: false, total: 0, scores: [-1] });
    activity.tick(3500);
    activity.score('a', 2, 0.25, 4000);
    activity.tick(5500);
    expect(activity.view().entries.get('a')).toEqual({ declined: false, total: 1, scores: [0.75, 0.25] });
  });

  it('refuses early, late, wrong-round and post-deadline scores with a sentence, changing nothing', () => {
    const activity = started();
    const message = (r: ReturnType<typeof activity.score>) => (r.ok ? 'accepted' : r.message);
    expect(message(activity.score('a', 1, 0.5, 10))).toMatch(/Round 1 has not started yet: the activity is still being offered/);
    activity.tick(1000);
    expect(message(activity.score('a', 2, 0.5, 1100))).toMatch(/Round 2 has not started yet: the current round is 1/);
    // The deadline has passed though no tick has moved the phase on yet: late all the same.
    expect(message(activity.score('a', 1, 0.5, 3000))).toMatch(/Round 1 has ended/);
    activity.tick(3000);
    expect(message(activity.score('a', 1, 0.5, 3100))).toMatch(/Round 1 has ended/);
    expect(message(activity.score('a', 2, 0.5, 3100))).toMatch(/Round 2 has not started yet: round 1's results are showing/);
    activity.tick(3500);
    expect(message(activity.score('a', 1, 0.5, 3600))).toMatch(/Round 1 has ended/);
    expect(message(activity.score('zed', 2, 0.5, 3600))).toMatch(/not taking part/);
    activity.tick(5500);
    expect(activity.view().entries.get('a')?.scores).toEqual([-1, -1]);
  });

  it('lets players decline while offered or running, not twice, and then refuses their scores', () => {
    const activity = started(['a', 'b', 'c']);
    expect(activity.decline('b', 100)).toEqual({ ok: true });
    expect(activity.decline('b', 200)).toMatchObject({ ok: false, message: expect.stringMatching(/already declined/) });
    activity.tick(1000);
    expect(activity.decline('c', 1200)).toEqual({ ok: true });
    expect(activity.score('b', 1, 0.5, 1300)).toMatchObject({ ok: false, message: expect.stringMatching(/declined/) });
    expect(activity.view().entries.get('b')?.declined).toBe(true);
    const idle = createActivity(timing);
    expect(idle.decline('a', 0)).toMatchObject({ ok: false, code: ErrorCode.outOfTurn, message: expect.stringMatching(/no activity running/) });
  });

  it('ends a round early once everyone taking part has scored', () => {
    const activity = started();
    activity.tick(1000);
    activity.score('a', 1, 0.5, 1100);
    expect(activity.tick(1150)).toEqual([]);
    activity.score('b', 1, 0.5, 1200);
    expect(phases(activity.tick(1250))).toEqual(['results1']);
    expect(phases(activity.tick(1750))).toEqual(['round2']);
  });

  it('lets a player who joins during a run take part from the next round', () => {
    const activity = started(['a']);
    activity.join('early');
    activity.tick(1000);
    activity.join('late');
    expect(activity.score('early', 1, 0.4, 1100)).toEqual({ ok: true });
    expect(activity.score('late', 1, 0.4, 1100)).toMatchObject({ ok: false, message: expect.stringMatching(/joined during round 1: you can take part from round 2/) });
    activity.tick(3000);
    activity.tick(3500);
    expect(activity.score('late', 2, 0.6, 3600)).toEqual({ ok: true });
    activity.tick(5500);
    expect(activity.view().entries.get('late')).toEqual({ declined: false, total: 0.6, scores: [-1, 0.6] });
    activity.tick(6000);
    activity.join('last');
    expect(activity.view().entries.has('last')).toBe(false);
  });

  it('refuses a second offer while running and stops when nobody is left to play', () => {
    const activity = started(['a', 'b']);
    expect(activity.offer(10, 'drowsy', ['a'])).toMatchObject({ ok: false, code: ErrorCode.outOfTurn, message: expect.stringMatching(/already running/) });
    activity.tick(1000);
    activity.score('a', 1, 1, 1100);
    activity.leave('a');
    activity.decline('b', 1200);
    const events = activity.tick(1300);
    expect(phases(events)).toEqual(['idle']);
    expect(events.find((e) => e.type === 'ended')).toMatchObject({ run: { roundsCompleted: 0, participants: 1, declines: 1, scores: 1 } });
    expect(activity.offer(2000, 'drowsy', ['b'])).toEqual({ ok: true });
    expect(activity.view().reason).toBe('drowsy');
  });
});
