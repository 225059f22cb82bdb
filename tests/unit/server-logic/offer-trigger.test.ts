import { describe, expect, it } from 'vitest';
import { createOfferTrigger } from '../../../server/offer-trigger';
import { ACTIVITY_TIMING } from '../../../src/shared/engagement';

const timing = { ...ACTIVITY_TIMING, drowsyToOffer: 2, requestWindowMs: 1000, cooldownMs: 5000 };

describe('automatic activity offer', () => {
  it('counts distinct players: shared drowsy states and recent requests', () => {
    const trigger = createOfferTrigger(timing);
    expect(trigger.due(['a'], 0, undefined)).toBe(false);
    trigger.request('a', 0);
    expect(trigger.due(['a'], 10, undefined)).toBe(false);
    trigger.request('b', 20);
    expect(trigger.due(['a'], 30, undefined)).toBe(true);
  });

  it('forgets requests older than the window and players who left', () => {
    const trigger = createOfferTrigger(timing);
    trigger.request('a', 0);
    trigger.request('b', 500);
    expect(trigger.due([], 1000, undefined)).toBe(true);
    expect(trigger.due([], 1001, undefined)).toBe(false);
    trigger.request('c', 1100);
    trigger.forget('b');
    expect(trigger.due([], 1200, undefined)).toBe(false);
  });

  it('waits out the cooldown after a run, and starts afresh after an offer', () => {
    const trigger = createOfferTrigger(timing);
    expect(trigger.due(['a', 'b'], 10_000, 6000)).toBe(false);
    expect(trigger.due(['a', 'b'], 11_000, 6000)).toBe(true);
    trigger.request('c', 11_000);
    trigger.request('d', 11_000);
    trigger.clear();
    expect(trigger.due([], 11_001, undefined)).toBe(false);
  });
});
