import { useFrame, useThree } from '@react-three/fiber';
import { loudestSpeaker } from '../state';
import { FRAME_RING, useSceneServices } from './scene-services';

/**
 * Per-frame bookkeeping without React state: counts frames, keeps the frame intervals and the
 * last rendered frame's draw calls and triangles, counts XR views (every 30th frame) and picks
 * the loudest speaker that avatars look at.
 */
export function SceneProbes() {
  const { store, stats, focus } = useSceneServices();
  const gl = useThree((s) => s.gl);
  useFrame((_state, delta, xrFrame?: XRFrame) => {
    // Frames run before rendering: renderer.info still holds the previous frame's figures.
    stats.render.calls = gl.info.render.calls;
    stats.render.triangles = gl.info.render.triangles;
    stats.frameIntervalsMs[stats.frames % FRAME_RING] = delta * 1000;
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
