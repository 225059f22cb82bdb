/** Where a player stands in the shared space. */
export interface Seat {
  readonly x: number;
  readonly z: number;
  /** Rotation about +Y that turns a +Z-facing avatar toward the centre. */
  readonly yawRad: number;
}

/** Radius of the circle of seats around the table, metres. */
export const SEAT_RADIUS_M = 1.7;

/** Seats on the circle; a 16-player room doubles up only when everyone is there. */
export const SEAT_COUNT = 8;

/**
 * Order in which the 8 places around the table fill: two players sit almost opposite (135°),
 * three sit evenly (0°, 135°, 225°), later ones fill the gaps.
 */
const FILL_ORDER: readonly number[] = [0, 3, 5, 1, 7, 2, 6, 4];

/** Seat `index` (in fill order) of SEAT_COUNT places around the table. */
export function seatAt(index: number): Seat {
  const place = FILL_ORDER[((index % SEAT_COUNT) + SEAT_COUNT) % SEAT_COUNT] ?? 0;
  // Place 0 is on the far side of the table from the spectator camera, so the first arrival faces it.
  const angle = Math.PI + (place / SEAT_COUNT) * Math.PI * 2;
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

/** A player as far as seating is concerned. */
export interface SeatedPlayer {
  readonly sessionId: string;
  readonly joinedAt: number;
}

/**
 * Join rank of a player (0 = earliest, ties broken by id). Every client computes the same rank,
 * and a player's own rig starts its seat search at it, so it is also where a player whose pose
 * has not arrived yet is drawn.
 */
export function joinRank(joinedAt: number, sessionId: string, others: Iterable<SeatedPlayer>): number {
  let rank = 0;
  for (const p of others) {
    if (p.sessionId !== sessionId && (p.joinedAt < joinedAt || (p.joinedAt === joinedAt && p.sessionId < sessionId))) rank++;
  }
  return rank;
}
