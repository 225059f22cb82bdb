import type { XRStore } from '@react-three/xr';
import { SpectatorHud } from '../spectator/SpectatorHud';
import { AppMode, type AppState, type AppStore } from '../state';
import type { SceneServices } from '../scene/scene-services';
import { SpaceScene } from './SpaceView';
import { Landing } from '../ui/Landing';
import { PlayerHud } from '../ui/PlayerHud';
import type { Session } from './session';
import { useAppStore } from '../state/use-app-store';

/** Props of App: the services the composition root made. */
export interface AppProps {
  readonly store: AppStore;
  readonly session: Session;
  readonly xrStore: XRStore;
  readonly scene: SceneServices;
  readonly vrSupported: boolean;
}

const selectMode = (s: AppState): AppMode => s.mode;

/** Top-level view: the landing page, or the space with the player's or spectator's overlay. */
export function App({ store, session, xrStore, scene, vrSupported }: AppProps) {
  const mode = useAppStore(store, selectMode);
  if (mode === AppMode.landing) return <Landing store={store} session={session} vrSupported={vrSupported} />;
  return (
    <>
      <SpaceScene services={scene} xrStore={xrStore} mode={mode} onLeave={() => void session.leave()} />
      {mode === AppMode.spectator ? <SpectatorHud store={store} session={session} /> : <PlayerHud store={store} session={session} vrSupported={vrSupported} />}
    </>
  );
}
