/** `value` clamped to 0..1; NaN counts as 0 (a broken input never becomes a full expression or level). */
export function clamp01(value: number): number {
  if (!(value > 0)) return 0;
  return value < 1 ? value : 1;
}
