import type { AppState } from './app-state';

/** Speaking level (0..1, as it travels) from which a player counts as speaking. */
export const SPEAKING_FROM = 0.15;

/** The session id of the loudest other player who is speaking, or null when nobody is. Allocation-free. */
export function loudestSpeaker(peers: AppState['peers']): string | null {
  let best: string | null = null;
  let level = SPEAKING_FROM;
  for (const id in peers) {
    const speaking = peers[id]?.speaking ?? 0;
    if (speaking > level) {
      level = speaking;
      best = id;
    }
  }
  return best;
}
