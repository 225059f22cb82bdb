import { describe, expect, it } from 'vitest';
import { createThrottledSender, type SenderClock } from '../../../src/net';

/** A manual clock: timers fire only when the test advances time. */
function manualClock(): SenderClock & { advance(ms: number): void } {
  let t = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    setTimeout(fn, ms) {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimeout(handle) {
      timers = timers.filter((x) => x !== handle);
    },
    advance(ms) {
      t += ms;
      const due = timers.filter((x) => x.at <= t);
      timers = timers.filter((x) => x.at > t);
      for (const x of due) x.fn();
    },
  };
}

describe('createThrottledSender', () => {
  it('sends only changes', () => {
    const clock = manualClock();
    const sent: number[] = [];
    const s = createThrottledSender<number>(4, (v) => sent.push(v), (a, b) => a === b, clock);
    s.offer(1);
    clock.advance(1000);
    s.offer(1);
    s.offer(1);
    expect(sent).toEqual([1]);
  });

  it('caps the rate and delivers the latest value as a trailing send', () => {
    const clock = manualClock();
    const sent: [number, number][] = [];
    const s = createThrottledSender<number>(4, (v) => sent.push([clock.now(), v]), (a, b) => a === b, clock);
    for (let i = 0; i < 100; i++) {
      s.offer(i);
      clock.advance(10);
    }
    clock.advance(1000);
    // 1 s of offers at 100 Hz -> at most 4 Hz (+ the first), the last one is the final value.
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent[sent.length - 1]?.[1]).toBe(99);
    for (let i = 1; i < sent.length; i++) expect(sent[i]![0] - sent[i - 1]![0]).toBeGreaterThanOrEqual(250);
  });

  it('drops a pending value that went back to what was sent', () => {
    const clock = manualClock();
    const sent: number[] = [];
    const s = createThrottledSender<number>(10, (v) => sent.push(v), (a, b) => a === b, clock);
    s.offer(1);
    s.offer(2);
    s.offer(1);
    clock.advance(200);
    expect(sent).toEqual([1]);
  });

  it('re-sends after reset', () => {
    const clock = manualClock();
    const sent: number[] = [];
    const s = createThrottledSender<number>(10, (v) => sent.push(v), (a, b) => a === b, clock);
    s.offer(5);
    s.reset();
    s.offer(5);
    expect(sent).toEqual([5, 5]);
  });
});
