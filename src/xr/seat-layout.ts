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
  const angle = Math.PI + (index / count) * Math.PI * 2;
  const x = Math.sin(angle) * SEAT_RADIUS_M;
  const z = Math.cos(angle) * SEAT_RADIUS_M;
  return { x, z, yawRad: Math.atan2(-x, -z) };
}

/** Seats on the circle; a 16-player room doubles up only when everyone is there. */
export const SEAT_COUNT = 8;

/** Seat `index` of SEAT_COUNT evenly spaced seats around the table. */
export function seatAt(index: number): Seat {
  // Seat 0 is on the far side of the table from the spectator camera, so early arrivals face it.
  const angle = Math.PI + (index / SEAT_COUNT) * Math.PI * 2;
  const x = Math.sin(angle) * SEAT_RADIUS_M;
  const z = Math.cos(angle) * SEAT_RADIUS_M;
  return { x, z, yawRad: Math.atan2(-x, -z) };
}

/**
 * The first seat from `startIndex` on that no one stands near (within `clearanceM` on the floor
 * plane), given the floor positions [x, z] of the players already in the room. Starting at the
 * player's join rank keeps players who join at the same moment (before seeing each other's
 * pose) apart; the occupancy check fills seats others have left.
 */
export function chooseFreeSeat(occupied: readonly (readonly [number, number])[], startIndex = 0, clearanceM = 0.6): Seat {
  for (let k = 0; k < SEAT_COUNT; k++) {
    const seat = seatAt((startIndex + k) % SEAT_COUNT);
    if (occupied.every(([x, z]) => Math.hypot(x - seat.x, z - seat.z) > clearanceM)) return seat;
  }
  return seatAt(occupied.length % SEAT_COUNT);
}

/** Yaw of a camera-style quaternion (looking down −Z) turned into an avatar yaw (facing +Z). */
export function avatarYawFromHead(qx: number, qy: number, qz: number, qw: number): number {
  // Forward of the head is −Z rotated by q; its heading on the floor plane gives the yaw.
  const fx = -2 * (qx * qz + qw * qy);
  const fz = -(1 - 2 * (qx * qx + qy * qy));
  return Math.atan2(fx, fz);
}
