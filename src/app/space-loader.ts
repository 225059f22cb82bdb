/**
 * Loads the 3D space (three.js, VRM, the XR rig, the room client: the lazy part of the build)
 * the first time someone joins, and says how far it got: downloading (with a percentage when
 * the download reports one) and starting. A failure keeps the page usable: the state carries
 * the reason, and `load()` may be called again to retry.
 */

/** Where loading the space stands. */
export type SpaceLoadState =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'loading';
      /** 1: downloading the code, 2: starting the space. */
      readonly step: 1 | 2;
      /** Share of the download done, 0..1; null while the size is not known (development builds). */
      readonly fraction: number | null;
    }
  | { readonly kind: 'failed'; readonly message: string; readonly attempts: number }
  | { readonly kind: 'ready' };

/** Steps the loading screen counts. */
export const SPACE_LOAD_STEPS = 2;

/** How the loader fetches and starts the space. */
export interface SpaceLoaderOptions<M, R> {
  /** Downloads the space's code (a dynamic import), calling back with the share done when it knows it. */
  download(onFraction: (fraction: number) => void): Promise<M>;
  /** Creates the space's services from the downloaded code. */
  start(code: M): Promise<R> | R;
}

/** The loader: an observable state and one `load()`. */
export interface SpaceLoader<R> {
  getState(): SpaceLoadState;
  subscribe(listener: () => void): () => void;
  /** Loads once (later calls share the first success); resolves to null when loading failed. */
  load(): Promise<R | null>;
  /** After a failure: back to idle (the visitor went back to the landing page). */
  reset(): void;
  /** The started space, once ready. */
  readonly runtime: R | null;
}

/** A failure as one sentence for the loading screen. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return /fetch|import|download|network|HTTP/i.test(text)
    ? `part of the app could not be downloaded (${text})`
    : `the space could not start (${text})`;
}

/** Creates a loader; nothing is fetched until `load()`. */
export function createSpaceLoader<M, R>(options: SpaceLoaderOptions<M, R>): SpaceLoader<R> {
  let state: SpaceLoadState = { kind: 'idle' };
  let runtime: R | null = null;
  let pending: Promise<R | null> | null = null;
  let attempts = 0;
  const listeners = new Set<() => void>();
  const set = (next: SpaceLoadState): void => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  const attempt = async (): Promise<R | null> => {
    attempts++;
    set({ kind: 'loading', step: 1, fraction: null });
    const onFraction = (fraction: number): void => {
      const clamped = Math.min(1, Math.max(0, fraction));
      const shown = state.kind === 'loading' ? state.fraction : null;
      // Repaint only when the whole percentage moves: bytes arrive in thousands of pieces.
      if (state.kind === 'loading' && state.step === 1 && (shown === null || Math.floor(clamped * 100) !== Math.floor(shown * 100))) {
        set({ kind: 'loading', step: 1, fraction: clamped });
      }
    };
    try {
      const code = await options.download(onFraction);
      set({ kind: 'loading', step: 2, fraction: 1 });
      runtime = await options.start(code);
      set({ kind: 'ready' });
      return runtime;
    } catch (error) {
      set({ kind: 'failed', message: reason(error), attempts });
      return null;
    } finally {
      pending = null;
    }
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    load() {
      if (runtime) return Promise.resolve(runtime);
      pending ??= attempt();
      return pending;
    },
    reset() {
      if (state.kind === 'failed') set({ kind: 'idle' });
    },
    get runtime() {
      return runtime;
    },
  };
}
