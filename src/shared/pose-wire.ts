/**
 * How a head pose travels in the room state: position in whole millimetres (schema `number`,
 * which packs integers in 3 bytes within ±32 m and 5 up to LIMITS.maxPositionM) and the unit
 * quaternion's components as int16 steps of 1/32767 (under 0.004° of rotation). A pose's 7
 * float64 fields took 63 bytes a patch; these take about 21, and a head still to the millimetre
 * sends nothing. The server quantises what it receives; clients read it back with `readWirePose`.
 */

/** Wire steps per metre of position. */
export const POSITION_STEPS_PER_M = 1000;
/** Wire steps per unit of a quaternion component (int16 range). */
export const QUATERNION_STEPS = 32767;

/** A head pose as the schema stores it: integers, see the file comment. */
export interface WirePose {
  px: number;
  py: number;
  pz: number;
  qx: number;
  qy: number;
  qz: number;
  qw: number;
}

const q = (v: number): number => Math.max(-QUATERNION_STEPS, Math.min(QUATERNION_STEPS, Math.round(v * QUATERNION_STEPS)));
const p = (v: number): number => Math.round(v * POSITION_STEPS_PER_M);

/** Writes a validated pose (metres, unit quaternion) into `out` as wire integers. */
export function writeWirePose(position: readonly [number, number, number], quaternion: readonly [number, number, number, number], out: WirePose): void {
  out.px = p(position[0]);
  out.py = p(position[1]);
  out.pz = p(position[2]);
  out.qx = q(quaternion[0]);
  out.qy = q(quaternion[1]);
  out.qz = q(quaternion[2]);
  out.qw = q(quaternion[3]);
}

/** Reads wire integers back into metres and a unit quaternion (renormalised: rounding bends its length). */
export function readWirePose(wire: Readonly<WirePose>): { position: [number, number, number]; quaternion: [number, number, number, number] } {
  const quaternion: [number, number, number, number] = [wire.qx, wire.qy, wire.qz, wire.qw];
  const norm = Math.hypot(...quaternion);
  return {
    position: [wire.px / POSITION_STEPS_PER_M, wire.py / POSITION_STEPS_PER_M, wire.pz / POSITION_STEPS_PER_M],
    quaternion: norm > 0 ? (quaternion.map((v) => v / norm) as [number, number, number, number]) : [0, 0, 0, 1],
  };
}
