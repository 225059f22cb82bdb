import { Canvas } from '@react-three/fiber';
import { XR, type XRStore } from '@react-three/xr';
import { AppMode } from '../state';
import { FaceGallery } from '../spectator/FaceGallery';
import { OrbitRig } from '../spectator/OrbitRig';
import { PeerAvatars } from '../scene/PeerAvatars';
import { PlayerRig, type PlayerActions } from '../xr/PlayerRig';
import { SceneProbes } from '../scene/SceneProbes';
import { SceneServicesProvider, type SceneServices } from '../scene/scene-services';
import { SpaceEnvironment } from '../scene/SpaceEnvironment';
import { SpatialVoiceBinding } from '../scene/SpatialVoiceBinding';
import { renderQualityFor, webglRendererName } from '../scene/render-quality';
import { useMemo } from 'react';

/** Props of SpaceView. */
export interface SpaceViewProps {
  readonly services: SceneServices;
  readonly xrStore: XRStore;
  readonly mode: AppMode;
  readonly actions: PlayerActions;
}

/**
 * The scene switch: the shared 3D space (room, every other player's avatar and voice, per-frame probes)
 * with the mode's rig: the player's (XR or desktop, with their mirror figure) or the spectator's
 * orbit camera.
 */
export function SpaceView({ services, xrStore, mode, actions }: SpaceViewProps) {
  const spectating = mode === AppMode.spectator;
  const quality = useMemo(() => renderQualityFor(webglRendererName(), spectating ? 'spectator' : 'player'), [spectating]);
  return (
    <Canvas camera={{ fov: 65, near: 0.05, far: 100, position: [0, 1.6, 3] }} gl={{ antialias: quality.antialias }} dpr={quality.dpr} style={{ position: 'fixed', inset: 0 }}>
      <SceneServicesProvider value={services}>
        <XR store={xrStore}>
          <SpaceEnvironment />
          <PeerAvatars />
          <SpatialVoiceBinding />
          {spectating ? (
            <>
              <OrbitRig />
              <FaceGallery />
            </>
          ) : (
            <PlayerRig actions={actions} />
          )}
          <SceneProbes />
        </XR>
      </SceneServicesProvider>
    </Canvas>
  );
}
