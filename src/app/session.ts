import type { XRStore } from '@react-three/xr';
import { createRoomClient, type RoomClient } from '../net';
import type { ActivityPayload } from '../shared/engagement';
import { ClientMessage, Role } from '../shared/protocol';
import { DEFAULT_SPACE } from '../shared/spaces';
import { validateSpaceName } from '../shared/validate';
import { AppMode, type AppStore } from '../state';
import type { SignalChannel } from '../talk';
import { createSessionSignals } from './session-signals';

/** Starting and ending a visit to the space; the one owner of the room client. */
export interface Session {
  /**
   * Joins `space` (default: the current one) as a desktop player, as an XR player (enters VR; call
   * from a click) or as a spectator. A player refused because the space is full is brought back
   * to the landing page, which offers to spectate.
   */
  start(mode: 'desktop' | 'xr' | 'spectator', space?: string): void;
  /** The space this session joins: the link's `?space=`, or the last one started. */
  space(): string;
  /** Enters VR while already in the space as a desktop player (call from a click). */
  enterVR(): void;
  /** Tries to join again after room full / unreachable. */
  retry(): void;
  /** Leaves the room and returns to the landing page. */
  leave(): Promise<void>;
  /** Starts, requests or declines the group activity; false when not in the room as a player. */
  activity(action: ActivityPayload['action']): boolean;
  /** Sends this device's score for a round of the activity. */
  sendScore(round: number, score: number): boolean;
  /** Voice chat signalling through whichever room client is current (see session-signals.ts). */
  readonly signals: SignalChannel;
}

/** Options of `createSession`. */
export interface SessionOptions {
  readonly store: AppStore;
  readonly xrStore: XRStore;
  /** Colyseus endpoint, normally COLYSEUS_PATH on the page's origin. */
  readonly endpoint: string;
  /** The space of the page's link (`?space=`), as typed; null or absent: DEFAULT_SPACE. */
  readonly space?: string | null;
}

/**
 * Creates the session controller. Joins happen here, outside React, so StrictMode's double effects
 * can never join twice; an XR session that ends drops the player back to the desktop view.
 */
export function createSession({ store, xrStore, endpoint, space: linkSpace }: SessionOptions): Session {
  let client: RoomClient | null = null;
  const signals = createSessionSignals();
  let space = linkSpace ?? DEFAULT_SPACE;
  xrStore.subscribe((state, previous) => {
    if (previous.session && !state.session && store.getState().mode === AppMode.xr) store.setMode(AppMode.desktop);
  });
  const enterVR = (): void => {
    void enterWhenRendererReady(xrStore).then(
      () => store.setMode(AppMode.xr),
      (error: unknown) => store.reportError({ code: 'xr', type: 'enter-vr', message: `Could not enter VR: ${String(error)}` }),
    );
  };
  return {
    start(mode, requested) {
      if (requested !== undefined) space = requested;
      const name = validateSpaceName(space);
      if (!name.ok) return store.setConnection({ kind: 'error', message: name.reason });
      space = name.value;
      if (mode === 'xr') enterVR();
      store.setMode(mode === 'spectator' ? AppMode.spectator : AppMode.desktop);
      void client?.leave();
      const role = mode === 'spectator' ? Role.spectator : Role.player;
      const current = createRoomClient({ endpoint, store, role, space });
      client = current;
      signals.use(role === Role.player ? current.signals : null);
      void current.connect().then(() => {
        if (client !== current || role !== Role.player || store.getState().connection.kind !== 'room_full') return;
        // Full of players: back to the landing page, which says so and offers to spectate.
        void xrStore.getState().session?.end().catch(() => undefined);
        store.setMode(AppMode.landing);
      });
    },
    space: () => space,
    signals: signals.channel,
    enterVR,
    activity: (action) => client?.command(ClientMessage.activity, { action }) ?? false,
    sendScore: (round, score) => client?.command(ClientMessage.activityScore, { round, score }) ?? false,
    retry() {
      void client?.connect();
    },
    async leave() {
      const current = client;
      client = null;
      signals.use(null);
      if (xrStore.getState().session) await xrStore.getState().session?.end().catch(() => undefined);
      store.setMode(AppMode.landing);
      store.setSessionId(null);
      store.applyPeers({});
      store.applyPoses({});
      await current?.leave();
      store.setConnection({ kind: 'idle' });
    },
  };
}

/** How long a click may wait for the canvas; short enough to stay inside the click's user activation. */
const RENDERER_WAIT_MS = 4000;

/**
 * Enters VR, waiting for the canvas to connect the XR store to three.js first: a click that lands
 * while the space is still mounting (or straight from the landing page) would otherwise fail.
 */
async function enterWhenRendererReady(xrStore: XRStore): Promise<void> {
  const deadline = Date.now() + RENDERER_WAIT_MS;
  for (;;) {
    try {
      await xrStore.enterVR();
      return;
    } catch (error) {
      const notConnected = /not connected to three\.js/.test(String(error));
      if (!notConnected || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
