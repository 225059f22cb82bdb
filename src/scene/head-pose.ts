/**
 * Head pose math for remote avatars: a head pose arrives as a camera-style quaternion (looking
 * down -Z); avatars face +Z. Pure, allocation-free functions.
 */

/** Yaw of a camera-style quaternion (looking down −Z) turned into an avatar yaw (facing +Z). */
export function avatarYawFromHead(qx: number, qy: number, qz: number, qw: number): number {
  // Forward of the head is −Z rotated by q; its heading on the floor plane gives the yaw.
  const fx = -2 * (qx * qz + qw * qy);
  const fz = -(1 - 2 * (qx * qx + qy * qy));
  return Math.atan2(fx, fz);
}

/** Head pitch and roll (radians), written in place by {@link headTiltFromQuaternion}. */
export interface HeadTilt {
  /** Positive looks up. */
  pitchRad: number;
  /** Positive tilts the head toward its own left shoulder. */
  rollRad: number;
}

/** Extracts pitch and roll (Euler YXZ, as a head turns) from a camera-style quaternion. */
export function headTiltFromQuaternion(qx: number, qy: number, qz: number, qw: number, out: HeadTilt): HeadTilt {
  const m23 = 2 * (qy * qz - qw * qx);
  out.pitchRad = Math.asin(Math.max(-1, Math.min(1, -m23)));
  out.rollRad = Math.atan2(2 * (qx * qy + qw * qz), 1 - 2 * (qx * qx + qz * qz));
  return out;
}
