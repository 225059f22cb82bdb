/**
 * The way from the landing page into the space: loads the space's code on the first join (see
 * space-loader.ts), then starts the session. The last request is kept, so a failed download can be
 * retried with one click, and dropped when the visitor goes back.
 */
import { DEFAULT_SPACE } from '../shared/spaces';
import type { JoinMode } from '../ui/Landing';
import type { SpaceLoader } from './space-loader';
import type { Session } from './session';

/** Joining, as the landing page and the loading screen use it. */
export interface SpaceEntry {
  /** Joins `space` as `mode` once the space is loaded (called from the click: VR keeps its activation when the code is cached). */
  start(mode: JoinMode, space: string): void;
  /** Tries the last request again (after a failed download). */
  retry(): void;
  /** Drops the request and returns to the landing page. */
  cancel(): void;
  /** The space the landing page offers: the last one asked for, else the link's, else the lobby. */
  space(): string;
}

/** Options of {@link createSpaceEntry}. */
export interface SpaceEntryOptions {
  readonly loader: SpaceLoader<{ readonly session: Pick<Session, 'start'> }>;
  /** The link's `?space=`. */
  readonly linkSpace: string | null;
  /** Runs just before the session starts (e.g. the remembered microphone consent starts the voice). */
  readonly beforeJoin?: (mode: JoinMode) => void;
  /**
   * Runs at once in `start`, inside the click that asked to join (before any download): what
   * needs the click's user activation, such as resuming audio playback, happens here.
   */
  readonly onRequest?: (mode: JoinMode) => void;
}

/** Creates the entry. */
export function createSpaceEntry({ loader, linkSpace, beforeJoin, onRequest }: SpaceEntryOptions): SpaceEntry {
  let request: { readonly mode: JoinMode; readonly space: string } | null = null;
  let lastSpace: string | null = null;
  const go = async (): Promise<void> => {
    const wanted = request;
    if (!wanted) return;
    const runtime = await loader.load();
    if (!runtime || request !== wanted) return; // failed (the screen says why) or the visitor went back
    request = null;
    beforeJoin?.(wanted.mode);
    runtime.session.start(wanted.mode, wanted.space);
  };
  return {
    start(mode, space) {
      onRequest?.(mode);
      request = { mode, space };
      lastSpace = space;
      void go();
    },
    retry: () => void go(),
    cancel() {
      request = null;
      loader.reset();
    },
    space: () => lastSpace ?? linkSpace ?? DEFAULT_SPACE,
  };
}
