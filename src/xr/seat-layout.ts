/** Where a player stands in the shared space. */
export interface Seat {
  readonly x: number;
  readonly z: number;
  /** Rotation about +Y that turns a +Z-facing avatar toward the centre. */
  readonly yawRad: number;
}

/** Radius of the circle of seats around the table, metres. */
export const SEAT_RADIUS_M = 1.7;

/**
 * Seat of `sessionId` among `sessionIds`: players stand evenly on a circle around the table,
 * ordered by id so every client computes the same layout without coordination.
 */
export function seatFor(sessionId: string, sessionIds: readonly string[]): Seat {
  const sorted = [...new Set([...sessionIds, sessionId])].sort();
  const index = sorted.indexOf(sessionId);
  const count = Math.max(sorted.length, 4);
  const angle = (index / count) * Math.PI * 2;
  const x = Math.sin(angle) * SEAT_RADIUS_M;
  const z = Math.cos(angle) * SEAT_RADIUS_M;
  return { x, z, yawRad: Math.atan2(-x, -z) };
}

/** Yaw of a camera-style quaternion (looking down −Z) turned into an avatar yaw (facing +Z). */
export function avatarYawFromHead(qx: number, qy: number, qz: number, qw: number): number {
  // Forward of the head is −Z rotated by q; its heading on the floor plane gives the yaw.
  const fx = -2 * (qx * qz + qw * qy);
  const fz = -(1 - 2 * (qx * qx + qy * qy));
  return Math.atan2(fx, fz);
}
