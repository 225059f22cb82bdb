import { ClientMessage } from '../shared/protocol';
import { blockedSessionIds, type AppState, type AppStore } from '../state';
import type { SendFn } from './outbox';

/**
 * Keeps the room's blocks in step with the store's block list. The room knows blocks only by
 * session, and forgets them when a session leaves; the store knows players by name and avatar.
 * So every session that matches the list is blocked as it appears, and everything is sent again
 * after a fresh join.
 */

/** What {@link createBlockSync} returns. */
export interface BlockSync {
  /** Forgets what the room was told (after a join) and tells it again. */
  resync(): void;
  dispose(): void;
}

/** Subscribes to `store` and sends `block` messages through `send` as the matching sessions change. */
export function createBlockSync(store: AppStore, send: SendFn): BlockSync {
  /** Sessions the room was told to block. */
  let told = new Set<string>();

  const update = (state: AppState): void => {
    const wanted = blockedSessionIds(state);
    for (const id of wanted) if (!told.has(id)) send(ClientMessage.block, { sessionId: id, blocked: true });
    for (const id of told) {
      // A session that left took its block with it; only a present one needs unblocking.
      if (!wanted.has(id) && id in state.peers) send(ClientMessage.block, { sessionId: id, blocked: false });
    }
    told = wanted;
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.peers !== previous.peers || state.blocked !== previous.blocked) update(state);
  });

  return {
    resync() {
      told = new Set();
      update(store.getState());
    },
    dispose: unsubscribe,
  };
}
