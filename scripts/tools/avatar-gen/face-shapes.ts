/**
 * Parametric 2D shapes of the face features. Each feature is a strip of K columns (an upper and
 * a lower edge), so every expression is the same topology with other parameters; a morph target
 * is simply shape(expression) − shape(rest). Units: metres on the face, x to the model's left.
 */

export type Point2 = readonly [number, number];
/** Upper and lower edges, K points each, ordered along x. */
export interface Strip {
  upper: Point2[];
  lower: Point2[];
}

/** An eye: an oval that can narrow, slant, arch into a crescent, or close to a line. */
export interface EyeParams {
  w: number; hTop: number; hBottom: number; cx: number; cy: number;
  /** Outer corner up (>0) / down (<0). */ slant: number;
  /** Bends the whole eye upward in the middle (happy ^ ^). */ arch: number;
}

/** Eye on side `side` (+1 model's left, −1 right). */
export function eyeStrip(p: EyeParams, side: 1 | -1, k = 9): Strip {
  const upper: Point2[] = [];
  const lower: Point2[] = [];
  for (let i = 0; i < k; i++) {
    const t = Math.PI - (Math.PI * i) / (k - 1); // π..0: x from −w to +w
    const ux = Math.cos(t);
    const s = Math.sin(t);
    const bend = p.arch * (1 - ux * ux) + p.slant * ux * side;
    const x = p.cx + ux * p.w;
    upper.push([x, p.cy + bend + s * p.hTop]);
    lower.push([x, p.cy + bend - s * p.hBottom]);
  }
  return { upper, lower };
}

/** The white highlight, placed in the eye's upper outer quarter and sized with the eye. */
export function highlightStrip(p: EyeParams, side: 1 | -1, k = 5): Strip {
  const r = 0.3 * Math.min(p.w, p.hTop);
  const cx = p.cx + side * 0.3 * p.w;
  const cy = p.cy + p.arch * 0.9 + p.slant * 0.3 + 0.4 * p.hTop;
  return eyeStrip({ w: r, hTop: r, hBottom: r, cx, cy, slant: 0, arch: 0 }, side, k);
}

/** A brow: a thick stroke whose inner and outer ends move independently. */
export interface BrowParams {
  cx: number; cy: number; len: number; thick: number;
  innerDy: number; outerDy: number; arch: number;
}

export function browStrip(p: BrowParams, side: 1 | -1, k = 5): Strip {
  const upper: Point2[] = [];
  const lower: Point2[] = [];
  for (let i = 0; i < k; i++) {
    const ux = -1 + (2 * i) / (k - 1); // −1..1 in x
    const outer = (ux * side + 1) / 2; // 0 inner .. 1 outer
    const y = p.cy + p.innerDy + (p.outerDy - p.innerDy) * outer + p.arch * (1 - ux * ux);
    const x = p.cx + (ux * p.len) / 2;
    const taper = 0.6 + 0.4 * (1 - outer);
    upper.push([x, y + (p.thick * taper) / 2]);
    lower.push([x, y - (p.thick * taper) / 2]);
  }
  return { upper, lower };
}

/** The mouth: width, upper/lower opening, corner height and roundness (0 parabola, 1 ellipse). */
export interface MouthParams {
  w: number; cy: number; upper: number; lower: number; cornerDy: number; round: number;
}

export function mouthStrip(p: MouthParams, k = 9): Strip {
  const upper: Point2[] = [];
  const lower: Point2[] = [];
  for (let i = 0; i < k; i++) {
    const ux = -1 + (2 * i) / (k - 1);
    const parabola = 1 - ux * ux;
    const shape = p.round * Math.sqrt(Math.max(0, parabola)) + (1 - p.round) * parabola;
    const corner = p.cornerDy * ux * ux;
    const x = (ux * p.w) / 2;
    upper.push([x, p.cy + corner + p.upper * shape]);
    lower.push([x, p.cy + corner - p.lower * shape]);
  }
  return { upper, lower };
}

/** A round patch (blush) of radius `r`; r = 0 hides it. */
export function discStrip(cx: number, cy: number, r: number, k = 7): Strip {
  return eyeStrip({ w: r, hTop: r * 0.7, hBottom: r * 0.7, cx, cy, slant: 0, arch: 0 }, 1, k);
}
