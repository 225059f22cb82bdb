import { createRoomClient, type RoomClient } from '../../src/net';
import { manualEmotion } from '../../src/shared/emotion-labels';
import type { Role } from '../../src/shared/protocol';
import { createAppStore, type AppState, type AppStore } from '../../src/state';

/** Resolves once `predicate` holds for the store; rejects after `timeoutMs` naming `what`. */
export function until(store: AppStore, predicate: (s: AppState) => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(store.getState())) return resolve();
    const timer = setTimeout(() => (off(), reject(new Error(`timed out waiting for ${what}; connection ${JSON.stringify(store.getState().connection)}`))), timeoutMs);
    const off = store.subscribe((s) => {
      if (predicate(s)) (clearTimeout(timer), off(), resolve());
    });
  });
}

/** A room client of the real app code (src/net) with its own app store. */
export function appClient(endpoint: string, role: Role, name: string, space?: string, avatarId = 'sunny'): { store: AppStore; client: RoomClient } {
  const store = createAppStore({ self: { name, avatarId } });
  return { store, client: createRoomClient({ endpoint, store, role, ...(space ? { space } : {}) }) };
}

/** True once the store is connected and sees a connected player called `name` who is `label`. */
export const seesPlayer = (name: string, label: string) => (s: AppState): boolean =>
  s.connection.kind === 'connected' && Object.values(s.peers).some((p) => p.name === name && p.connected && p.emotion.label === label);

/** Two players of the real app code, Cat (happy) and Dan (sad), in `space`, each seeing the other. */
export async function seatedPair(endpoint: string, space: string): Promise<{ cat: ReturnType<typeof appClient>; dan: ReturnType<typeof appClient> }> {
  const cat = appClient(endpoint, 'player', 'Cat', space);
  const dan = appClient(endpoint, 'player', 'Dan', space);
  await cat.client.connect();
  await dan.client.connect();
  cat.store.setSelfEmotion(manualEmotion('happy'));
  dan.store.setSelfEmotion(manualEmotion('sad'));
  await until(dan.store, seesPlayer('Cat', 'happy'), 5000, 'Dan to see Cat');
  await until(cat.store, seesPlayer('Dan', 'sad'), 5000, 'Cat to see Dan');
  return { cat, dan };
}
