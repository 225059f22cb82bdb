import { useCallback, useSyncExternalStore } from 'react';
import type { AppState, AppStore } from './';

/**
 * Subscribes a component to a slice of the app store. The selector must return a value that keeps
 * its identity while unchanged (a field of the state, not a freshly built object).
 */
export function useAppStore<T>(store: AppStore, selector: (state: AppState) => T): T {
  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store]);
  const read = useCallback(() => selector(store.getState()), [store, selector]);
  return useSyncExternalStore(subscribe, read, read);
}
