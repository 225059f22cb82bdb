/**
 * Accumulates one material's triangles (positions, normals, vertex colours) for the lounge
 * generator. Shapes are placed with a yaw and a translation; colours come from a function of the
 * world position, so baked shading (ambient occlusion, gradients) is computed where it lands.
 */
import { linearRgb } from '../avatar-gen/designs';

/** Linear RGB, 0..1. */
export type Rgb = readonly [number, number, number];
/** Colour of a vertex from its world position and normal. */
export type Shade = (x: number, y: number, z: number, ny: number) => Rgb;

/** Where a shape goes: turned by `yawRad` about +Y, then moved by (x, y, z). */
export interface Placement {
  readonly x?: number;
  readonly y?: number;
  readonly z?: number;
  readonly yawRad?: number;
}

/** An sRGB hex colour (#rrggbb) as linear RGB, as glTF vertex colours are linear. */
export const hex: (colour: string) => Rgb = linearRgb;

/** Scales a colour by `k`. */
export function scale(c: Rgb, k: number): Rgb {
  return [c[0] * k, c[1] * k, c[2] * k];
}

/** Blends `a` toward `b` by `t` (0..1). */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** One material's geometry. */
export class MeshBuilder {
  readonly positions: number[] = [];
  readonly normals: number[] = [];
  readonly colors: number[] = [];
  readonly indices: number[] = [];

  /** Vertices so far. */
  get vertexCount(): number {
    return this.positions.length / 3;
  }

  /** Adds a vertex (local coordinates placed by `at`) and returns its index. */
  vertex(at: Placement, lx: number, ly: number, lz: number, nx: number, ny: number, nz: number, shade: Shade): number {
    const yaw = at.yawRad ?? 0;
    const c = Math.cos(yaw);
    const s = Math.sin(yaw);
    const x = lx * c + lz * s + (at.x ?? 0);
    const y = ly + (at.y ?? 0);
    const z = -lx * s + lz * c + (at.z ?? 0);
    const wnx = nx * c + nz * s;
    const wnz = -nx * s + nz * c;
    this.positions.push(x, y, z);
    this.normals.push(wnx, ny, wnz);
    const [r, g, b] = shade(x, y, z, ny);
    this.colors.push(Math.min(1, r), Math.min(1, g), Math.min(1, b));
    return this.vertexCount - 1;
  }

  /** Adds a triangle (counter-clockwise seen from its front). */
  triangle(a: number, b: number, c: number): void {
    this.indices.push(a, b, c);
  }

  /** An axis-aligned box of size (w, h, d) whose bottom centre sits at the placement; flat faces. */
  box(at: Placement, w: number, h: number, d: number, shade: Shade, options: { bottom?: boolean } = {}): void {
    const [hx, hz] = [w / 2, d / 2];
    // Each face: normal and its four corners, counter-clockwise from outside.
    const faces: [number[], number[][]][] = [
      [[1, 0, 0], [[hx, 0, hz], [hx, 0, -hz], [hx, h, -hz], [hx, h, hz]]],
      [[-1, 0, 0], [[-hx, 0, -hz], [-hx, 0, hz], [-hx, h, hz], [-hx, h, -hz]]],
      [[0, 1, 0], [[-hx, h, hz], [hx, h, hz], [hx, h, -hz], [-hx, h, -hz]]],
      [[0, 0, 1], [[-hx, 0, hz], [hx, 0, hz], [hx, h, hz], [-hx, h, hz]]],
      [[0, 0, -1], [[hx, 0, -hz], [-hx, 0, -hz], [-hx, h, -hz], [hx, h, -hz]]],
    ];
    if (options.bottom) faces.push([[0, -1, 0], [[-hx, 0, -hz], [hx, 0, -hz], [hx, 0, hz], [-hx, 0, hz]]]);
    for (const [n, corners] of faces) {
      const ids = corners.map((p) => this.vertex(at, p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, shade));
      const [a, b, c, d2] = ids as [number, number, number, number];
      this.triangle(a, b, c);
      this.triangle(a, c, d2);
    }
  }

  /**
   * A surface of revolution about the placement's vertical axis: `profile` is a list of
   * [radius, height] points from bottom to top; smooth around, creased between profile segments.
   * `inward` turns the faces to look at the axis (a room's wall).
   */
  lathe(at: Placement, profile: readonly (readonly [number, number])[], segments: number, shade: Shade, options: { inward?: boolean; arc?: readonly [number, number] } = {}): void {
    const [a0, a1] = options.arc ?? [0, Math.PI * 2];
    const closed = options.arc === undefined;
    const flip = options.inward ? -1 : 1;
    for (let p = 0; p + 1 < profile.length; p++) {
      const [r0, y0] = profile[p] as readonly [number, number];
      const [r1, y1] = profile[p + 1] as readonly [number, number];
      // Normal of the profile segment in the (radial, up) plane.
      const len = Math.hypot(r1 - r0, y1 - y0) || 1;
      const nr = ((y1 - y0) / len) * flip;
      const ny = (-(r1 - r0) / len) * flip;
      const columns = closed ? segments : segments + 1;
      const base = this.vertexCount;
      for (let i = 0; i < columns; i++) {
        const t = a0 + ((a1 - a0) * i) / segments;
        const [sx, cz] = [Math.sin(t), Math.cos(t)];
        this.vertex(at, sx * r0, y0, cz * r0, sx * nr, ny, cz * nr, shade);
        this.vertex(at, sx * r1, y1, cz * r1, sx * nr, ny, cz * nr, shade);
      }
      for (let i = 0; i < segments; i++) {
        const j = closed ? (i + 1) % segments : i + 1;
        const [b0, t0, b1, t1] = [base + 2 * i, base + 2 * i + 1, base + 2 * j, base + 2 * j + 1];
        if (options.inward) {
          this.triangle(b0, t1, b1);
          this.triangle(b0, t0, t1);
        } else {
          this.triangle(b0, b1, t1);
          this.triangle(b0, t1, t0);
        }
      }
    }
  }

  /**
   * A flat horizontal disc at the placement's height, as a polar grid with rings at `radii`
   * (ascending, metres; a first radius above 0 makes a ring with a hole, else a centre vertex
   * joins the first ring), so baked shading can vary across it where it needs to. `down` faces
   * it downward (a ceiling).
   */
  disc(at: Placement, radii: readonly number[], segments: number, shade: Shade, options: { down?: boolean; hole?: boolean } = {}): void {
    const ny = options.down ? -1 : 1;
    const centre = options.hole ? -1 : this.vertex(at, 0, 0, 0, 0, ny, 0, shade);
    const first = this.vertexCount;
    for (const r of radii) {
      for (let i = 0; i < segments; i++) {
        const t = (i / segments) * Math.PI * 2;
        this.vertex(at, Math.sin(t) * r, 0, Math.cos(t) * r, 0, ny, 0, shade);
      }
    }
    const up = (a: number, b: number, c: number): void => (options.down ? this.triangle(a, c, b) : this.triangle(a, b, c));
    for (let i = 0; i < segments; i++) {
      if (centre >= 0) up(centre, first + i, first + ((i + 1) % segments));
    }
    for (let k = 0; k + 1 < radii.length; k++) {
      for (let i = 0; i < segments; i++) {
        const j = (i + 1) % segments;
        const [a, b, c, d] = [first + k * segments + i, first + k * segments + j, first + (k + 1) * segments + j, first + (k + 1) * segments + i];
        up(a, d, c);
        up(a, c, b);
      }
    }
  }
}
