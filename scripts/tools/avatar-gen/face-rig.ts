import { browStrip, discStrip, eyeStrip, highlightStrip, mouthStrip, type BrowParams, type EyeParams, type MouthParams, type Strip } from './face-shapes';
import { MeshData, type Rgb, type Vec3 } from './mesh-data';

/** All face parameters, in millimetres on a reference head of radius 130 mm. */
export interface FaceParams {
  eyeL: EyeParams; eyeR: EyeParams; browL: BrowParams; browR: BrowParams; mouth: MouthParams; blush: number;
}

function restParams(): FaceParams {
  const eye = (side: number): EyeParams => ({ w: 15, hTop: 20, hBottom: 20, cx: side * 47, cy: -10, slant: 0, arch: 0 });
  const brow = (side: number): BrowParams => ({ cx: side * 49, cy: 26, len: 28, thick: 5, innerDy: 0, outerDy: 0, arch: 2 });
  return {
    eyeL: eye(1), eyeR: eye(-1), browL: brow(1), browR: brow(-1),
    mouth: { w: 32, cy: -62, upper: 1.4, lower: 2.6, cornerDy: 0, round: 0 },
    blush: 0,
  };
}

type Edit = (p: FaceParams) => void;
const eyes = (e: Partial<EyeParams>): Edit => (p) => { Object.assign(p.eyeL, e); Object.assign(p.eyeR, e); };
const brows = (b: Partial<BrowParams>): Edit => (p) => { Object.assign(p.browL, b); Object.assign(p.browR, b); };
const mouth = (m: Partial<MouthParams>): Edit => (p) => { Object.assign(p.mouth, m); };
const blush = (r: number): Edit => (p) => { p.blush = r; };
const shift = (dx: number, dy: number): Edit => (p) => {
  for (const e of [p.eyeL, p.eyeR]) { e.cx += dx; e.cy += dy; }
};
const closed: Partial<EyeParams> = { hTop: 1.5, hBottom: 1.5, arch: -3, cy: -13 };

/**
 * Every VRM 1.0 expression preset as a set of edits of the rest face (ordered as written).
 * Designed to read at a glance in a room: brows, eyes and mouth all change per emotion.
 */
export const PRESET_EDITS: Readonly<Record<string, readonly Edit[]>> = {
  happy: [eyes({ hTop: 4, hBottom: 4, arch: 11, cy: -12 }), brows({ innerDy: 6, outerDy: 4, arch: 4 }),
    mouth({ w: 48, upper: 0, lower: 19, cornerDy: 11, round: 0.3 }), blush(14)],
  angry: [eyes({ hTop: 10, slant: 7, cy: -12 }), brows({ innerDy: -14, outerDy: 5, arch: -2, thick: 8 }),
    mouth({ w: 34, upper: 5, lower: 6, cornerDy: -9, round: 0.2 }), blush(9)],
  sad: [eyes({ hTop: 12, hBottom: 17, slant: -7, cy: -13 }), brows({ innerDy: 13, outerDy: -6, arch: -1 }),
    mouth({ w: 30, upper: 2, lower: 2, cornerDy: -14, cy: -65 })],
  relaxed: [eyes({ hTop: 5, hBottom: 13, arch: 2, cy: -13 }), brows({ innerDy: -2, outerDy: -3, arch: 3 }),
    mouth({ w: 38, upper: 0.5, lower: 3, cornerDy: 6 }), blush(10)],
  surprised: [eyes({ w: 17, hTop: 26, hBottom: 24 }), brows({ innerDy: 13, outerDy: 12, arch: 6 }),
    mouth({ w: 24, upper: 14, lower: 19, round: 1, cy: -67 })],
  neutral: [],
  blink: [eyes(closed), brows({ innerDy: -1.5, outerDy: -1.5 })],
  blinkLeft: [(p) => { Object.assign(p.eyeL, closed); }],
  blinkRight: [(p) => { Object.assign(p.eyeR, closed); }],
  aa: [mouth({ w: 32, upper: 5, lower: 22, round: 0.6, cy: -60 })],
  ih: [mouth({ w: 40, upper: 4, lower: 8, round: 0.2 })],
  ou: [mouth({ w: 16, upper: 6, lower: 8, round: 1 })],
  ee: [mouth({ w: 46, upper: 3, lower: 6, cornerDy: 2 })],
  oh: [mouth({ w: 22, upper: 9, lower: 15, round: 1 })],
  lookUp: [shift(0, 4)],
  lookDown: [shift(0, -4)],
  lookLeft: [shift(4, 0)],
  lookRight: [shift(-4, 0)],
};

/** Where the face sits and how it is coloured and skinned. */
export interface FaceLayout {
  headCenter: Vec3; headRadii: Vec3;
  colours: { eye: Rgb; highlight: Rgb; brow: Rgb; mouth: Rgb; blush: Rgb };
  joints: { head: number; leftEye: number; rightEye: number };
}

interface Part { strip: Strip; colour: Rgb; joint: number; lift: number }

function parts(p: FaceParams, l: FaceLayout): Part[] {
  const c = l.colours;
  const j = l.joints;
  return [
    { strip: eyeStrip(p.eyeL, 1), colour: c.eye, joint: j.leftEye, lift: 2 },
    { strip: eyeStrip(p.eyeR, -1), colour: c.eye, joint: j.rightEye, lift: 2 },
    { strip: highlightStrip(p.eyeL, 1), colour: c.highlight, joint: j.leftEye, lift: 3.5 },
    { strip: highlightStrip(p.eyeR, -1), colour: c.highlight, joint: j.rightEye, lift: 3.5 },
    { strip: browStrip(p.browL, 1), colour: c.brow, joint: j.head, lift: 2.5 },
    { strip: browStrip(p.browR, -1), colour: c.brow, joint: j.head, lift: 2.5 },
    { strip: mouthStrip(p.mouth), colour: c.mouth, joint: j.head, lift: 2 },
    { strip: discStrip(69, -40, p.blush), colour: c.blush, joint: j.head, lift: 1.5 },
    { strip: discStrip(-69, -40, p.blush), colour: c.blush, joint: j.head, lift: 1.5 },
  ];
}

/** Projects face-plane millimetres onto the head ellipsoid's front, lifted along the normal. */
function toHead(l: FaceLayout, xy: readonly [number, number], liftMm: number): { p: Vec3; n: Vec3 } {
  const k = l.headRadii[0] / 130; // metres per millimetre of the 130 mm reference head
  const x = xy[0] * k;
  const y = xy[1] * k;
  const [rx, ry, rz] = l.headRadii;
  const q = Math.max(0.02, 1 - (x / rx) ** 2 - (y / ry) ** 2);
  const z = rz * Math.sqrt(q);
  const n0: Vec3 = [x / rx ** 2, y / ry ** 2, z / rz ** 2];
  const len = Math.hypot(...n0);
  const n: Vec3 = [n0[0] / len, n0[1] / len, n0[2] / len];
  const lift = liftMm * k;
  const c = l.headCenter;
  return { p: [c[0] + x + n[0] * lift, c[1] + y + n[1] * lift, c[2] + z + n[2] * lift], n };
}

function flatten(partList: Part[], l: FaceLayout): Vec3[] {
  const out: Vec3[] = [];
  for (const part of partList) for (const pt of [...part.strip.upper, ...part.strip.lower]) out.push(toHead(l, pt, part.lift).p);
  return out;
}

/** The face mesh (rest) and one position-delta array per preset, in `PRESET_EDITS` order. */
export function buildFace(l: FaceLayout): { mesh: MeshData; targets: { name: string; deltas: Float32Array }[] } {
  const rest = parts(restParams(), l);
  const mesh = new MeshData();
  for (const part of rest) {
    const k = part.strip.upper.length;
    const base = mesh.vertexCount;
    for (const pt of [...part.strip.upper, ...part.strip.lower]) {
      const { p, n } = toHead(l, pt, part.lift);
      mesh.addVertex(p, n, part.colour, part.joint);
    }
    for (let i = 0; i < k - 1; i++) {
      mesh.indices.push(base + i, base + k + i, base + k + i + 1, base + i, base + k + i + 1, base + i + 1);
    }
  }
  const restPositions = flatten(rest, l);
  const targets = Object.entries(PRESET_EDITS).map(([name, edits]) => {
    const params = restParams();
    for (const edit of edits) edit(params);
    const moved = flatten(parts(params, l), l);
    const deltas = new Float32Array(moved.length * 3);
    moved.forEach((p, i) => {
      const r = restPositions[i] as Vec3;
      deltas.set([p[0] - r[0], p[1] - r[1], p[2] - r[2]], i * 3);
    });
    return { name, deltas };
  });
  return { mesh, targets };
}
