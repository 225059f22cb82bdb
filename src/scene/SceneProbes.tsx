import { useFrame, useThree } from '@react-three/fiber';
import { loudestSpeaker } from '../state';
import { useSceneServices } from './scene-services';

/**
 * Per-frame bookkeeping without React state: counts frames, counts XR views (every 30th frame)
 * and picks the loudest speaker that avatars look at.
 */
export function SceneProbes() {
  const { store, stats, focus } = useSceneServices();
  const gl = useThree((s) => s.gl);
  useFrame((_state, _delta, xrFrame?: XRFrame) => {
    stats.frames++;
    if (xrFrame && stats.frames % 30 === 0) {
      const space = gl.xr.getReferenceSpace();
      const pose = space ? xrFrame.getViewerPose(space) : undefined;
      stats.xrViews = pose ? pose.views.length : 0;
    } else if (!xrFrame) {
      stats.xrViews = 0;
    }
    focus.speaker = loudestSpeaker(store.getState().peers);
  });
  return null;
}
