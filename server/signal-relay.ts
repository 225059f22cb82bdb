import { ErrorCode } from '../src/shared/protocol';
import { SIGNAL_LIMITS, type BlockPayload, type ServerSignalPayload, type SignalPayload } from '../src/shared/talk-protocol';
import { createRateLimiter } from './rate-limiter';

/**
 * The room's side of voice chat signalling: which validated signal goes to whom. A signal goes
 * only to the one player it names, only between seated players, never between a blocker and the
 * player they block, and no faster than SIGNAL_LIMITS per sender. Blocks are kept per room and
 * keyed by session: they end when either session leaves (a client re-sends its own block list
 * whenever it joins, since it is the one that knows who the new sessions are).
 */

/** What the room does with one signal. */
export type RelayDecision =
  | { readonly kind: 'deliver'; readonly to: string; readonly payload: ServerSignalPayload }
  | { readonly kind: 'refuse'; readonly code: ErrorCode; readonly message: string }
  /** Dropped without a word: the addressee blocks the sender, who must not learn it. */
  | { readonly kind: 'drop' };

/** A refusal to answer the sender with. */
export interface RelayRefusal {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The signalling rules of one room. */
export interface SignalRelay {
  /** Decides a validated signal from `from`; `isReachable` says whether a session is a connected, seated player. */
  signal(from: string, payload: SignalPayload, isReachable: (sessionId: string) => boolean): RelayDecision;
  /** Applies a validated `block` from `blocker`; a refusal when it blocks anyone but another seated player. */
  block(blocker: string, payload: BlockPayload, isPlayer: (sessionId: string) => boolean): RelayRefusal | null;
  /** A session left the room: every block it made or was subject to ends. */
  forget(sessionId: string): void;
}

/** Options of {@link createSignalRelay}. */
export interface SignalRelayOptions {
  /** Clock of the rate limit (real ms); the default is Date.now. */
  readonly now?: () => number;
}

/** Creates the relay rules of one room. */
export function createSignalRelay(options: SignalRelayOptions = {}): SignalRelay {
  const limiter = createRateLimiter({ burst: SIGNAL_LIMITS.burst, perSecond: SIGNAL_LIMITS.perSecond }, [], options.now);
  /** Blocker → the sessions it blocks. */
  const blocks = new Map<string, Set<string>>();
  const blocksOf = (a: string, b: string): boolean => blocks.get(a)?.has(b) ?? false;

  return {
    signal(from, payload, isReachable) {
      // Session ids never contain ':', so the limiter keys them as they are.
      if (!limiter.take(from).ok) {
        return { kind: 'refuse', code: ErrorCode.rateLimited, message: `Too many signals: at most ${SIGNAL_LIMITS.burst} at once and ${SIGNAL_LIMITS.perSecond} a second.` };
      }
      const { to, ...body } = payload;
      if (to === from || !isReachable(to)) {
        return { kind: 'refuse', code: ErrorCode.peerUnavailable, message: 'That player is not here to connect to.' };
      }
      if (blocksOf(from, to)) return { kind: 'refuse', code: ErrorCode.blocked, message: 'You blocked that player: unblock them to talk.' };
      if (blocksOf(to, from)) return { kind: 'drop' };
      return { kind: 'deliver', to, payload: { ...body, from } };
    },
    block(blocker, { sessionId, blocked }, isPlayer) {
      // Unblocking someone who already left is a no-op, not a mistake worth an error.
      if (blocked && (sessionId === blocker || !isPlayer(sessionId))) {
        return { code: ErrorCode.peerUnavailable, message: 'Only another player in this room can be blocked.' };
      }
      const set = blocks.get(blocker) ?? new Set<string>();
      if (blocked) set.add(sessionId);
      else set.delete(sessionId);
      if (set.size > 0) blocks.set(blocker, set);
      else blocks.delete(blocker);
      return null;
    },
    forget(sessionId) {
      blocks.delete(sessionId);
      for (const [blocker, set] of blocks) {
        set.delete(sessionId);
        if (set.size === 0) blocks.delete(blocker);
      }
    },
  };
}
