import type { ActivityTiming } from '../src/shared/engagement';

/**
 * When the room offers the activity by itself: enough distinct drowsy players — those whose
 * shared state is 'drowsy' plus those who asked for it (a level-3 nudge accepted) within
 * `requestWindowMs` — and no run ended within `cooldownMs`. Pure: the caller passes the time.
 */
export interface OfferTrigger {
  /** A player asked for the activity at `nowMs`. */
  request(playerId: string, nowMs: number): void;
  /** A player left: their request no longer counts. */
  forget(playerId: string): void;
  /**
   * True when the room should offer now. `drowsyIds` are the players currently sharing 'drowsy';
   * `lastEndedAtMs` is when the last run ended (undefined: none yet).
   */
  due(drowsyIds: Iterable<string>, nowMs: number, lastEndedAtMs: number | undefined): boolean;
  /** An offer was made: pending requests are answered by it. */
  clear(): void;
}

/** Creates a trigger with the thresholds of `timing`. */
export function createOfferTrigger(timing: ActivityTiming): OfferTrigger {
  const requests = new Map<string, number>();
  return {
    request(playerId, nowMs) {
      requests.set(playerId, nowMs);
    },
    forget(playerId) {
      requests.delete(playerId);
    },
    due(drowsyIds, nowMs, lastEndedAtMs) {
      if (lastEndedAtMs !== undefined && nowMs - lastEndedAtMs < timing.cooldownMs) return false;
      const drowsy = new Set(drowsyIds);
      for (const [id, atMs] of requests) {
        if (nowMs - atMs <= timing.requestWindowMs) drowsy.add(id);
        else requests.delete(id);
      }
      return drowsy.size >= timing.drowsyToOffer;
    },
    clear() {
      requests.clear();
    },
  };
}
