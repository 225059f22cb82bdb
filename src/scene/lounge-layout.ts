/**
 * Dimensions of the lounge, shared by its generator (scripts/tools/generate-environment.ts), the
 * scene that lights it and the rigs that stand in it. Pure numbers, metres.
 */

/** Height of the round table's top. */
export const TABLE_HEIGHT_M = 0.74;
/** Radius of the table's top. */
export const TABLE_RADIUS_M = 0.8;
/** Radius of the round room's wall. */
export const ROOM_RADIUS_M = 6;
/** Height of the wall and ceiling. */
export const ROOM_HEIGHT_M = 3.2;
/** Radius at which the armchairs stand, behind the circle where players stand. */
export const CHAIR_RADIUS_M = 2.35;
/** Radius of the round rug under the circle. */
export const RUG_RADIUS_M = 2.9;
/** Where the pendant lamp's bulb hangs over the table (the scene puts its warm light there). */
export const LAMP_POSITION_M: readonly [number, number, number] = [0, 2.25, 0];
