/** Wraps an angle (radians) to (−π, π]: the signed short way between two headings. */
export function wrapAngle(rad: number): number {
  return Math.atan2(Math.sin(rad), Math.cos(rad));
}
