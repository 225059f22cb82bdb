import type { Object3D } from 'three';
import type { VRMLookAt } from '@pixiv/three-vrm';
import { damp } from './damping';

/** Eyes return to straight ahead with this time constant when there is no one to look at. */
const RELAX_TIME_CONSTANT_SEC = 0.25;

/** Points a VRM's eyes at a target (the speaker or the viewer) through `vrm.lookAt`. */
export interface Gaze {
  /** Sets this frame's target; `null` lets the eyes drift back to straight ahead. */
  update(deltaSec: number, target: Object3D | null): void;
}

/**
 * Creates the gaze for a model's lookAt (bone or expression type alike: three-vrm applies it in
 * `vrm.update`). A model without lookAt gets a gaze that does nothing.
 */
export function createGaze(lookAt: VRMLookAt | null | undefined): Gaze {
  if (!lookAt) return { update() {} };
  lookAt.autoUpdate = true;
  return {
    update(deltaSec, target) {
      if (target) {
        lookAt.target = target;
        return;
      }
      lookAt.target = null;
      lookAt.yaw = damp(lookAt.yaw, 0, deltaSec, RELAX_TIME_CONSTANT_SEC);
      lookAt.pitch = damp(lookAt.pitch, 0, deltaSec, RELAX_TIME_CONSTANT_SEC);
    },
  };
}
