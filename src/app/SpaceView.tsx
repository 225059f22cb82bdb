import { Canvas } from '@react-three/fiber';
import { XR, type XRStore } from '@react-three/xr';
import { AppMode } from '../state';
import { OrbitRig } from '../spectator/OrbitRig';
import { PeerAvatars } from '../scene/PeerAvatars';
import { PlayerRig } from '../xr/PlayerRig';
import { SceneProbes } from '../scene/SceneProbes';
import { SceneServicesProvider, type SceneServices } from '../scene/scene-services';
import { SpaceEnvironment } from '../scene/SpaceEnvironment';

/** Props of SpaceScene. */
export interface SpaceSceneProps {
  readonly services: SceneServices;
  readonly xrStore: XRStore;
  readonly mode: AppMode;
  readonly onLeave: () => void;
}

/**
 * The shared 3D space, used by the XR player, the desktop player and the spectator: the room,
 * every other player's avatar, and the mode's rig (the player's includes their mirror figure).
 */
export function SpaceScene({ services, xrStore, mode, onLeave }: SpaceSceneProps) {
  const spectating = mode === AppMode.spectator;
  return (
    <Canvas camera={{ fov: 65, near: 0.05, far: 100, position: [0, 1.6, 3] }} style={{ position: 'fixed', inset: 0 }}>
      <SceneServicesProvider value={services}>
        <XR store={xrStore}>
          <SpaceEnvironment />
          <PeerAvatars />
          {spectating ? <OrbitRig /> : <PlayerRig onLeave={onLeave} />}
          <SceneProbes />
        </XR>
      </SceneServicesProvider>
    </Canvas>
  );
}
