import type { Object3D } from 'three';
import type { VRMHumanoid } from '@pixiv/three-vrm';
import { ARMS_DOWN_RAD, breathingPose, ELBOW_BEND_RAD, type BreathingPose } from './breathing';

/** Idle body motion: arms relaxed out of the T-pose, and breathing. */
export interface BodyIdle {
  update(timeSec: number, energy: number): void;
}

/**
 * Creates the idle for a humanoid. It writes rotations of the normalized spine, chest and arm
 * bones only, so the scene may drive hips, neck and head freely (e.g. from a head pose).
 * Arms hang at rest; `phaseOffset` (0..1) desynchronises avatars.
 */
export function createBodyIdle(humanoid: VRMHumanoid | null | undefined, phaseOffset: number): BodyIdle {
  const bone = (name: Parameters<VRMHumanoid['getNormalizedBoneNode']>[0]): Object3D | null =>
    humanoid?.getNormalizedBoneNode(name) ?? null;
  const spine = bone('spine');
  const chest = bone('upperChest') ?? bone('chest');
  const leftUpperArm = bone('leftUpperArm');
  const rightUpperArm = bone('rightUpperArm');
  const leftLowerArm = bone('leftLowerArm');
  const rightLowerArm = bone('rightLowerArm');
  const pose: BreathingPose = { chestPitchRad: 0, spinePitchRad: 0, shoulderLiftRad: 0 };

  // VRM normalized space: the model faces +Z, its left is +X; arms rest along ±X.
  if (leftLowerArm) leftLowerArm.rotation.y = -ELBOW_BEND_RAD;
  if (rightLowerArm) rightLowerArm.rotation.y = ELBOW_BEND_RAD;

  return {
    update(timeSec, energy) {
      breathingPose(timeSec, phaseOffset, energy, pose);
      if (spine) spine.rotation.x = pose.spinePitchRad;
      if (chest) chest.rotation.x = pose.chestPitchRad;
      if (leftUpperArm) leftUpperArm.rotation.z = -ARMS_DOWN_RAD + pose.shoulderLiftRad;
      if (rightUpperArm) rightUpperArm.rotation.z = ARMS_DOWN_RAD - pose.shoulderLiftRad;
    },
  };
}
