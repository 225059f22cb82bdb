import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import { Quaternion, Vector3 } from 'three';
import { LIMITS } from '../shared/protocol';
import { useSceneServices } from '../scene/scene-services';

/**
 * Copies the viewer's head pose (the XR camera while presenting, else the desktop camera) into the
 * store at most LIMITS.poseSendHz times a second; the net layer diffs and sends it. Store writes
 * happen at that capped rate, not per frame, and only when the head actually moved.
 */
export function HeadPoseSender() {
  const { store } = useSceneServices();
  const tmp = useMemo(() => ({ p: new Vector3(), q: new Quaternion(), lastMs: 0 }), []);
  const intervalMs = 1000 / LIMITS.poseSendHz;
  useFrame(({ camera }) => {
    const now = performance.now();
    if (now - tmp.lastMs < intervalMs) return;
    tmp.lastMs = now;
    // The default camera: in VR, three copies the viewer pose into it at every render, in the
    // XR origin's space, so its world pose is the head's (the XR ArrayCamera's local transform
    // is not maintained, so asking it for a world pose here would be wrong).
    const head = camera;
    head.getWorldPosition(tmp.p);
    head.getWorldQuaternion(tmp.q);
    const { position, quaternion } = store.getState().self.pose;
    const moved =
      Math.abs(position[0] - tmp.p.x) + Math.abs(position[1] - tmp.p.y) + Math.abs(position[2] - tmp.p.z) > 0.002 ||
      Math.abs(quaternion[0] - tmp.q.x) + Math.abs(quaternion[1] - tmp.q.y) + Math.abs(quaternion[2] - tmp.q.z) + Math.abs(quaternion[3] - tmp.q.w) > 0.002;
    if (!moved) return;
    store.setSelfPose({ position: [tmp.p.x, tmp.p.y, tmp.p.z], quaternion: [tmp.q.x, tmp.q.y, tmp.q.z, tmp.q.w] });
  });
  return null;
}
