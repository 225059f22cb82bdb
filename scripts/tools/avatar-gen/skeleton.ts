import type { AvatarDesign } from './designs';
import type { Vec3 } from './mesh-data';

/** A humanoid bone: VRM name, parent and rest position in model space (T-pose, facing +Z). */
export interface Bone {
  name: string;
  parent: string | null;
  world: Vec3;
}

/** Bone positions plus the measurements the body builder needs. */
export interface Skeleton {
  bones: Bone[];
  headCenter: Vec3;
  headRadii: Vec3;
  torsoWidth: number;
  limbRadius: number;
  index(name: string): number;
  at(name: string): Vec3;
}

/**
 * Builds a stylised (big-head) humanoid of about 1.3–1.5 m. Left is +X (VRM 1.0 convention).
 */
export function buildSkeleton(d: AvatarDesign): Skeleton {
  const h = d.height;
  const headR = 0.145 * d.head;
  const torsoWidth = 0.13 * d.build;
  const limbRadius = 0.036 * Math.sqrt(d.build);
  const legLength = 0.56 * h;
  const hipsY = legLength + 0.04;
  const hipX = torsoWidth * 0.55;
  const spineY = hipsY + 0.09 * h;
  const chestY = spineY + 0.12 * h;
  const neckY = chestY + 0.16 * h;
  const headY = neckY + 0.06;
  const shoulderY = chestY + 0.13 * h;
  const shoulderX = torsoWidth + 0.02;
  const arm = 0.41 * h;
  const headCenter: Vec3 = [0, headY + headR * 0.85, 0.01];
  const headRadii: Vec3 = [headR, headR * 0.94, headR * 0.9];
  const eyeY = headCenter[1] - (10 / 130) * headR;
  const eyeX = (47 / 130) * headR;
  const eyeZ = headCenter[2] + headRadii[2] * 0.55;

  const bones: Bone[] = [
    { name: 'hips', parent: null, world: [0, hipsY, 0] },
    { name: 'spine', parent: 'hips', world: [0, spineY, 0] },
    { name: 'chest', parent: 'spine', world: [0, chestY, 0] },
    { name: 'neck', parent: 'chest', world: [0, neckY, 0] },
    { name: 'head', parent: 'neck', world: [0, headY, 0] },
    { name: 'leftEye', parent: 'head', world: [eyeX, eyeY, eyeZ] },
    { name: 'rightEye', parent: 'head', world: [-eyeX, eyeY, eyeZ] },
  ];
  for (const [side, s] of [['left', 1], ['right', -1]] as const) {
    bones.push(
      { name: `${side}UpperArm`, parent: 'chest', world: [s * shoulderX, shoulderY, 0] },
      { name: `${side}LowerArm`, parent: `${side}UpperArm`, world: [s * (shoulderX + arm * 0.5), shoulderY, 0] },
      { name: `${side}Hand`, parent: `${side}LowerArm`, world: [s * (shoulderX + arm * 0.95), shoulderY, 0] },
      { name: `${side}UpperLeg`, parent: 'hips', world: [s * hipX, legLength, 0] },
      { name: `${side}LowerLeg`, parent: `${side}UpperLeg`, world: [s * hipX, legLength * 0.52, 0] },
      { name: `${side}Foot`, parent: `${side}LowerLeg`, world: [s * hipX, 0.07, 0] },
    );
  }
  const byName = new Map(bones.map((b, i) => [b.name, i]));
  const index = (name: string): number => {
    const i = byName.get(name);
    if (i === undefined) throw new Error(`no bone ${name}`);
    return i;
  };
  return {
    bones, headCenter, headRadii, torsoWidth, limbRadius, index,
    at: (name) => (bones[index(name)] as Bone).world,
  };
}
