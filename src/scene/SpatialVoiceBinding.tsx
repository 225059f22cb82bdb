import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { chooseQuality } from '../talk/spatial-policy';
import { useSceneServices } from './scene-services';

/** How often the panning quality is reconsidered: about once a second at 72 Hz. */
const QUALITY_CHECK_FRAMES = 72;

/**
 * Binds the scene's spatial voice (if any) to R3F: its listener rides on the camera (in XR three
 * moves the camera with the head), its PositionalAudios sit in the scene so each render moves the
 * panners to where PeerAvatar placed them, and the panning falls back to equal-power while frames
 * run late (chooseQuality on the scene's frame-interval ring). Peers are added and removed by
 * whoever owns the connections, not here.
 */
export function SpatialVoiceBinding() {
  const { spatialVoice, stats } = useSceneServices();
  const camera = useThree((s) => s.camera);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    if (!spatialVoice) return;
    spatialVoice.setListenerParent(camera);
    scene.add(spatialVoice.object);
    return () => {
      spatialVoice.setListenerParent(null);
      scene.remove(spatialVoice.object);
    };
  }, [spatialVoice, camera, scene]);
  useFrame(() => {
    if (!spatialVoice || stats.frames % QUALITY_CHECK_FRAMES !== 0) return;
    spatialVoice.setQuality(chooseQuality(stats.frameIntervalsMs, spatialVoice.quality));
  });
  return null;
}
