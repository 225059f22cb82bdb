/**
 * A minimal framework-free store in the manner of zustand's vanilla core:
 * immutable snapshots, shallow-merge updates and synchronous listeners.
 */

/** Called after every state change with the new and the previous snapshot. */
export type Listener<S> = (state: S, previous: S) => void;

/** A partial update, or a function of the current state that returns one. */
export type StateUpdate<S> = Partial<S> | ((state: S) => Partial<S>);

/** The read/write surface of a vanilla store. */
export interface VanillaStore<S> {
  getState(): S;
  /** Shallow-merges `update` into the state; listeners run only if some key changed identity. */
  setState(update: StateUpdate<S>): void;
  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: Listener<S>): () => void;
}

/** Creates a store holding `initial`. Each call returns an independent store. */
export function createVanillaStore<S extends object>(initial: S): VanillaStore<S> {
  let state = initial;
  const listeners = new Set<Listener<S>>();

  const setState = (update: StateUpdate<S>): void => {
    const partial = typeof update === 'function' ? update(state) : update;
    let changed = false;
    for (const key of Object.keys(partial) as (keyof S)[]) {
      if (!Object.is(partial[key], state[key])) {
        changed = true;
        break;
      }
    }
    if (!changed) return;
    const previous = state;
    state = { ...state, ...partial };
    for (const listener of [...listeners]) listener(state, previous);
  };

  return {
    getState: () => state,
    setState,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
