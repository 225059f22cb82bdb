/**
 * A virtual clock for the engagement simulator: time moves only when the simulator advances it,
 * and timers (the send throttles') fire in order as it does.
 */
import type { BindingClock } from '../../src/app/engagement-binding';
import type { SenderClock } from '../../src/net/throttled-sender';

/** Both clock shapes the app takes, driven by `advance`. */
export interface VirtualClock extends SenderClock, BindingClock {
  /** Moves time forward, firing due timers in time order. */
  advance(ms: number): void;
}

/** Creates a clock at `startMs`. */
export function createVirtualClock(startMs: number): VirtualClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void; everyMs: number | null }>();
  const due = (): [number, { at: number; fn: () => void; everyMs: number | null }] | undefined => {
    let best: [number, { at: number; fn: () => void; everyMs: number | null }] | undefined;
    for (const entry of timers) if (entry[1].at <= now && (!best || entry[1].at < best[1].at)) best = entry;
    return best;
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn, everyMs: null });
      return id;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    setInterval(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn, everyMs: Math.max(1, ms) });
      return id;
    },
    clearInterval: (handle) => void timers.delete(handle as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        now = Math.min(end, Math.min(...[...timers.values()].map((t) => t.at), end));
        const hit = due();
        if (!hit) break;
        const [id, timer] = hit;
        if (timer.everyMs === null) timers.delete(id);
        else timer.at += timer.everyMs;
        timer.fn();
      }
      now = end;
    },
  };
}
