/**
 * Growing vertex/index arrays for one skinned primitive, plus primitive shapes (ellipsoid,
 * tube, box) in rest pose. Each vertex is rigidly bound to one joint: low-poly parts per bone.
 */

export type Vec3 = readonly [number, number, number];
/** Linear RGB 0..1. */
export type Rgb = readonly [number, number, number];

/** Euler rotation (radians, XYZ order) applied to a shape around its own centre. */
export type Rotation = Vec3;

export function rotate(v: Vec3, r: Rotation | undefined): Vec3 {
  if (!r) return v;
  let [x, y, z] = v;
  const [rx, ry, rz] = r;
  // X, then Y, then Z (intrinsic XYZ == extrinsic ZYX applied right-to-left).
  [y, z] = [y * Math.cos(rx) - z * Math.sin(rx), y * Math.sin(rx) + z * Math.cos(rx)];
  [x, z] = [x * Math.cos(ry) + z * Math.sin(ry), -x * Math.sin(ry) + z * Math.cos(ry)];
  [x, y] = [x * Math.cos(rz) - y * Math.sin(rz), x * Math.sin(rz) + y * Math.cos(rz)];
  return [x, y, z];
}

function normalize(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

/** Options shared by shapes. */
export interface ShapeOptions {
  rotation?: Rotation;
}

export class MeshData {
  readonly positions: number[] = [];
  readonly normals: number[] = [];
  readonly colors: number[] = [];
  readonly joints: number[] = [];
  readonly indices: number[] = [];

  get vertexCount(): number {
    return this.positions.length / 3;
  }

  addVertex(p: Vec3, n: Vec3, color: Rgb, joint: number): number {
    this.positions.push(p[0], p[1], p[2]);
    const nn = normalize(n);
    this.normals.push(nn[0], nn[1], nn[2]);
    this.colors.push(color[0], color[1], color[2]);
    this.joints.push(joint);
    return this.vertexCount - 1;
  }

  /**
   * Ellipsoid (or a latitude band of one: `latFrom`/`latTo` in 0..π from the top).
   */
  ellipsoid(
    center: Vec3, radii: Vec3, color: Rgb, joint: number,
    o: ShapeOptions & { segments?: number; rings?: number; latFrom?: number; latTo?: number } = {},
  ): void {
    const seg = o.segments ?? 12;
    const rings = o.rings ?? 8;
    const from = o.latFrom ?? 0;
    const to = o.latTo ?? Math.PI;
    const base = this.vertexCount;
    for (let r = 0; r <= rings; r++) {
      const phi = from + ((to - from) * r) / rings;
      for (let s = 0; s <= seg; s++) {
        const theta = (2 * Math.PI * s) / seg;
        const unit: Vec3 = [Math.sin(phi) * Math.sin(theta), Math.cos(phi), Math.sin(phi) * Math.cos(theta)];
        const local: Vec3 = [unit[0] * radii[0], unit[1] * radii[1], unit[2] * radii[2]];
        const normal: Vec3 = [unit[0] / radii[0], unit[1] / radii[1], unit[2] / radii[2]];
        const p = rotate(local, o.rotation);
        this.addVertex([center[0] + p[0], center[1] + p[1], center[2] + p[2]], rotate(normal, o.rotation), color, joint);
      }
    }
    for (let r = 0; r < rings; r++) {
      for (let s = 0; s < seg; s++) {
        const a = base + r * (seg + 1) + s;
        const b = a + seg + 1;
        this.indices.push(a, b, a + 1, a + 1, b, b + 1);
      }
    }
  }

  /** Tube from `p0` (radius r0) to `p1` (radius r1), capped; r1 = 0 makes a cone. */
  tube(p0: Vec3, p1: Vec3, r0: number, r1: number, color: Rgb, joint: number, sides = 8): void {
    const axis = normalize([p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]]);
    const helper: Vec3 = Math.abs(axis[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
    const u = normalize(cross(helper, axis));
    const v = cross(axis, u);
    const ring = (c: Vec3, r: number): number => {
      const start = this.vertexCount;
      for (let s = 0; s <= sides; s++) {
        const t = (2 * Math.PI * s) / sides;
        const d: Vec3 = [u[0] * Math.cos(t) + v[0] * Math.sin(t), u[1] * Math.cos(t) + v[1] * Math.sin(t), u[2] * Math.cos(t) + v[2] * Math.sin(t)];
        this.addVertex([c[0] + d[0] * r, c[1] + d[1] * r, c[2] + d[2] * r], d, color, joint);
      }
      return start;
    };
    const a = ring(p0, r0);
    const b = ring(p1, r1);
    for (let s = 0; s < sides; s++) this.indices.push(a + s, a + s + 1, b + s, b + s, a + s + 1, b + s + 1);
    this.cap(p0, r0, u, v, [-axis[0], -axis[1], -axis[2]], color, joint, sides, true);
    if (r1 > 0) this.cap(p1, r1, u, v, axis, color, joint, sides, false);
  }

  private cap(c: Vec3, r: number, u: Vec3, v: Vec3, n: Vec3, color: Rgb, joint: number, sides: number, flip: boolean): void {
    const centre = this.addVertex(c, n, color, joint);
    for (let s = 0; s <= sides; s++) {
      const t = (2 * Math.PI * s) / sides;
      this.addVertex([c[0] + (u[0] * Math.cos(t) + v[0] * Math.sin(t)) * r, c[1] + (u[1] * Math.cos(t) + v[1] * Math.sin(t)) * r, c[2] + (u[2] * Math.cos(t) + v[2] * Math.sin(t)) * r], n, color, joint);
    }
    for (let s = 0; s < sides; s++) {
      if (flip) this.indices.push(centre, centre + s + 2, centre + s + 1);
      else this.indices.push(centre, centre + s + 1, centre + s + 2);
    }
  }

  /** Axis-aligned box (before `rotation`), flat-shaded. */
  box(center: Vec3, size: Vec3, color: Rgb, joint: number, o: ShapeOptions = {}): void {
    const h: Vec3 = [size[0] / 2, size[1] / 2, size[2] / 2];
    const faces: [Vec3, Vec3, Vec3][] = [
      [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[-1, 0, 0], [0, 0, 1], [0, 1, 0]],
      [[0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0, -1, 0], [1, 0, 0], [0, 0, 1]],
      [[0, 0, 1], [1, 0, 0], [0, 1, 0]], [[0, 0, -1], [0, 1, 0], [1, 0, 0]],
    ];
    for (const [n, a, b] of faces) {
      const base = this.vertexCount;
      for (const [sa, sb] of [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const) {
        const local: Vec3 = [
          (n[0] + a[0] * sa + b[0] * sb) * h[0], (n[1] + a[1] * sa + b[1] * sb) * h[1], (n[2] + a[2] * sa + b[2] * sb) * h[2],
        ];
        const p = rotate(local, o.rotation);
        this.addVertex([center[0] + p[0], center[1] + p[1], center[2] + p[2]], rotate(n, o.rotation), color, joint);
      }
      this.indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
    }
  }
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
