/**
 * How a remote body follows its head's yaw, as real bodies do: the head turns on its own within a
 * comfortable range, and only a look held past that range turns the body (which then keeps
 * turning until it is nearly under the head). Pure and allocation-free.
 */
import { wrapAngle } from '../shared/angle';

/** A look this far (radians) from the body's heading turns the body: about 35°. */
export const BODY_TURN_FROM_RAD = 0.6;
/** A turning body stops when the head is this close to straight ahead: about 6°. */
export const BODY_SETTLED_RAD = 0.1;
/** Fastest body turn, radians per second (a relaxed step round). */
export const BODY_TURN_RATE = 2.5;
/** The neck never turns further than this from the body (the body catches up first): about 80°. */
export const NECK_YAW_LIMIT_RAD = 1.4;

/** The body's heading and whether it is turning; the neck's yaw is what is left of the head's. */
export interface BodyTurn {
  bodyYawRad: number;
  neckYawRad: number;
  turning: boolean;
}

/** A body facing `yawRad`, head straight ahead. */
export function createBodyTurn(yawRad: number): BodyTurn {
  return { bodyYawRad: yawRad, neckYawRad: 0, turning: false };
}

/**
 * Advances the body by `deltaSec` toward the head's yaw `headYawRad` and writes the neck yaw that
 * keeps the head where it looks. `snap` puts the body straight under the head (a first pose).
 */
export function stepBodyTurn(turn: BodyTurn, headYawRad: number, deltaSec: number, snap = false): BodyTurn {
  if (snap) {
    turn.bodyYawRad = headYawRad;
    turn.turning = false;
  } else {
    const off = wrapAngle(headYawRad - turn.bodyYawRad);
    if (Math.abs(off) > BODY_TURN_FROM_RAD) turn.turning = true;
    if (turn.turning) {
      // Ease in the last part of the turn; never overshoot the head.
      const step = Math.min(Math.abs(off), BODY_TURN_RATE * Math.max(0, deltaSec) * Math.min(1, 0.3 + Math.abs(off)));
      turn.bodyYawRad = wrapAngle(turn.bodyYawRad + Math.sign(off) * step);
      if (Math.abs(wrapAngle(headYawRad - turn.bodyYawRad)) <= BODY_SETTLED_RAD) turn.turning = false;
    }
    // A very fast turn of the head may outrun the body: the body is dragged along at the limit.
    const left = wrapAngle(headYawRad - turn.bodyYawRad);
    if (Math.abs(left) > NECK_YAW_LIMIT_RAD) turn.bodyYawRad = wrapAngle(headYawRad - Math.sign(left) * NECK_YAW_LIMIT_RAD);
  }
  turn.neckYawRad = wrapAngle(headYawRad - turn.bodyYawRad);
  return turn;
}
