/**
 * The lounge's design: a round room with a wooden floor, a round rug, a round table with a
 * pendant lamp, eight armchairs around the circle where players stand, windows onto a dusk sky,
 * plants and floor lamps along the wall. Geometry is grouped by material (one mesh each, so the
 * room costs a draw call per material); shadows are baked into the vertex colours as soft
 * ambient occlusion under and around every piece of furniture.
 */
import { seatAt, SEAT_COUNT } from '../../../src/scene/seat-layout';
import {
  CHAIR_RADIUS_M, LAMP_POSITION_M, ROOM_HEIGHT_M, ROOM_RADIUS_M, RUG_RADIUS_M, TABLE_HEIGHT_M, TABLE_RADIUS_M,
} from '../../../src/scene/lounge-layout';
import { hex, MeshBuilder, mix, scale, type Rgb, type Shade } from './mesh-builder';

/** The materials of the lounge, each with its own mesh. */
export const LoungeMaterial = { matte: 'matte', glowWarm: 'glow-warm', glowSky: 'glow-sky' } as const;
/** One of the lounge's materials. */
export type LoungeMaterial = (typeof LoungeMaterial)[keyof typeof LoungeMaterial];

/** A soft shadow caster on the floor: a disc of radius `r` darkening by up to `depth`. */
interface Occluder {
  readonly x: number;
  readonly z: number;
  readonly r: number;
  readonly depth: number;
}

const PALETTE = {
  floor: hex('#8a6446'),
  floorDark: hex('#6f4e36'),
  rugOuter: hex('#6d3b3b'),
  rugBand: hex('#c9a36b'),
  rugInner: hex('#3f5a6b'),
  wall: hex('#d9c7ae'),
  wainscot: hex('#7a5a41'),
  ceiling: hex('#8a7563'),
  wood: hex('#7b5236'),
  woodDark: hex('#4e3322'),
  metal: hex('#2c2c30'),
  pot: hex('#b86b4b'),
  leaf: hex('#3f7a45'),
  leafLight: hex('#5f9a4f'),
  frame: hex('#3a2a20'),
} as const;

/** Cushion colours of the eight armchairs, muted so the avatars stay the brightest thing. */
const CUSHIONS: readonly string[] = ['#5b7c99', '#9b5d5d', '#6e8b5e', '#a78a4f', '#7a6a9a', '#4f8a8b', '#a0695a', '#5f6f7f'];

/** Floor positions of the plants and floor lamps along the wall (angles between the windows). */
const PLANT_ANGLES = [0.4, 1.45, 2.5, 3.55, 4.6, 5.65];
const WINDOW_COUNT = 6;

/** Builds the lounge's geometry, one builder per material. Deterministic. */
export function buildLounge(): Record<LoungeMaterial, MeshBuilder> {
  const matte = new MeshBuilder();
  const glowWarm = new MeshBuilder();
  const glowSky = new MeshBuilder();
  const occluders: Occluder[] = [{ x: 0, z: 0, r: TABLE_RADIUS_M * 1.05, depth: 0.55 }];
  const chairs = chairPlacements();
  for (const c of chairs) occluders.push({ x: c.x, z: c.z, r: 0.55, depth: 0.5 });
  for (const a of PLANT_ANGLES) occluders.push({ x: Math.sin(a) * (ROOM_RADIUS_M - 0.6), z: Math.cos(a) * (ROOM_RADIUS_M - 0.6), r: 0.4, depth: 0.45 });
  const ao = (x: number, z: number): number => {
    let k = 1;
    for (const o of occluders) k *= 1 - o.depth * Math.exp(-(((x - o.x) ** 2 + (z - o.z) ** 2) / (o.r * o.r)));
    // The wall's foot and the room's edge are darker: light comes from the table's lamp.
    const d = Math.hypot(x, z);
    k *= 1 - 0.35 * Math.exp(-(((ROOM_RADIUS_M - d) / 0.5) ** 2));
    k *= 1 - 0.25 * Math.min(1, (d / ROOM_RADIUS_M) ** 2);
    return k;
  };
  const onFloor = (colour: (x: number, z: number) => Rgb): Shade => (x, _y, z) => scale(colour(x, z), ao(x, z));

  buildFloor(matte, onFloor);
  buildWalls(matte, glowSky);
  buildTable(matte, glowWarm, ao);
  for (const [i, c] of chairs.entries()) buildArmchair(matte, c, hex(CUSHIONS[i % CUSHIONS.length] ?? '#777777'));
  for (const [i, a] of PLANT_ANGLES.entries()) {
    const r = ROOM_RADIUS_M - 0.6;
    if (i % 2 === 0) buildPlant(matte, Math.sin(a) * r, Math.cos(a) * r, i);
    else buildFloorLamp(matte, glowWarm, Math.sin(a) * r, Math.cos(a) * r);
  }
  return { [LoungeMaterial.matte]: matte, [LoungeMaterial.glowWarm]: glowWarm, [LoungeMaterial.glowSky]: glowSky };
}

/** One armchair behind each of the circle's places, turned to face the table. */
function chairPlacements(): { x: number; z: number; yawRad: number }[] {
  const out: { x: number; z: number; yawRad: number }[] = [];
  for (let i = 0; i < SEAT_COUNT; i++) {
    const seat = seatAt(i);
    const len = Math.hypot(seat.x, seat.z) || 1;
    out.push({ x: (seat.x / len) * CHAIR_RADIUS_M, z: (seat.z / len) * CHAIR_RADIUS_M, yawRad: seat.yawRad });
  }
  return out.sort((a, b) => Math.atan2(a.x, a.z) - Math.atan2(b.x, b.z));
}

function buildFloor(m: MeshBuilder, onFloor: (c: (x: number, z: number) => Rgb) => Shade): void {
  // The rug: a border band near its edge; rings sit just either side of each colour change, so
  // the band's edges stay crisp instead of smearing across long triangles.
  const R = RUG_RADIUS_M;
  const rug = (x: number, z: number): Rgb => {
    const d = Math.hypot(x, z);
    if (d > R - 0.17) return PALETTE.rugOuter;
    if (d > R - 0.33) return PALETTE.rugBand;
    return mix(PALETTE.rugInner, PALETTE.rugOuter, 0.25 * Math.max(0, 1 - d / 1.2));
  };
  m.disc({ y: 0.012 }, [0.45, 0.8, 1.05, 1.3, 1.6, 1.85, 2.1, 2.35, R - 0.36, R - 0.3, R - 0.2, R - 0.14, R], 56, onFloor(rug));
  // Wooden floor boards: stripes across the room, alternating tone.
  const boards = (x: number, z: number): Rgb => (Math.floor((x + 10) / 0.24) % 2 === 0 ? PALETTE.floor : mix(PALETTE.floor, PALETTE.floorDark, 0.45 + 0.1 * Math.sin(z * 1.7)));
  m.disc({ y: 0 }, [R - 0.05, 3.4, 4, 4.6, 5.1, 5.5, ROOM_RADIUS_M - 0.25, ROOM_RADIUS_M], 56, onFloor(boards), { hole: true });
}

function buildWalls(m: MeshBuilder, sky: MeshBuilder): void {
  const wall: Shade = (_x, y) => (y < 0.9 ? scale(PALETTE.wainscot, 0.75 + 0.25 * (y / 0.9)) : scale(PALETTE.wall, 0.8 + 0.2 * Math.min(1, (y - 0.9) / 1.2)));
  m.lathe({}, [[ROOM_RADIUS_M, 0], [ROOM_RADIUS_M, 0.9], [ROOM_RADIUS_M, 0.92], [ROOM_RADIUS_M, ROOM_HEIGHT_M]], 56, wall, { inward: true });
  // A skirting rail on the wainscot's top edge.
  m.lathe({}, [[ROOM_RADIUS_M, 0.88], [ROOM_RADIUS_M - 0.04, 0.9], [ROOM_RADIUS_M - 0.04, 0.95], [ROOM_RADIUS_M, 0.97]], 56, () => PALETTE.woodDark, { inward: true });
  const ceiling: Shade = (x, _y, z) => scale(PALETTE.ceiling, 0.7 + 0.3 * Math.exp(-(x * x + z * z) / 9));
  m.disc({ y: ROOM_HEIGHT_M }, [1.5, 3, 4.5, ROOM_RADIUS_M], 48, ceiling, { down: true });
  // Tall windows onto a dusk sky: a glowing pane set just inside the wall, in a dark frame.
  for (let i = 0; i < WINDOW_COUNT; i++) {
    const centre = ((i + 0.5) / WINDOW_COUNT) * Math.PI * 2 - 0.05;
    const half = 0.16;
    sky.lathe({}, [[ROOM_RADIUS_M - 0.03, 1.05], [ROOM_RADIUS_M - 0.03, 2.7]], 6, () => [0, 0, 0], { inward: true, arc: [centre - half, centre + half] });
    const frame: Shade = () => PALETTE.frame;
    m.lathe({}, [[ROOM_RADIUS_M - 0.01, 0.98], [ROOM_RADIUS_M - 0.06, 0.98], [ROOM_RADIUS_M - 0.06, 1.05], [ROOM_RADIUS_M - 0.03, 1.05]], 6, frame, { inward: true, arc: [centre - half - 0.02, centre + half + 0.02] });
    m.lathe({}, [[ROOM_RADIUS_M - 0.03, 2.7], [ROOM_RADIUS_M - 0.06, 2.7], [ROOM_RADIUS_M - 0.06, 2.77], [ROOM_RADIUS_M - 0.01, 2.77]], 6, frame, { inward: true, arc: [centre - half - 0.02, centre + half + 0.02] });
    for (const side of [-1, 0, 1]) {
      const a = centre + side * (half + 0.005);
      const r = ROOM_RADIUS_M - 0.09;
      m.box({ x: Math.sin(a) * r, z: Math.cos(a) * r, y: 1.05, yawRad: a }, side === 0 ? 0.03 : 0.06, 1.65, 0.08, frame);
    }
  }
}

function buildTable(m: MeshBuilder, warm: MeshBuilder, ao: (x: number, z: number) => number): void {
  const top: Shade = (x, _y, z, ny) => scale(ny > 0.5 ? PALETTE.wood : PALETTE.woodDark, ny > 0.5 ? 0.9 + 0.1 * Math.cos(Math.hypot(x, z) * 14) : 0.8);
  m.lathe({}, [[0, TABLE_HEIGHT_M - 0.04], [TABLE_RADIUS_M - 0.02, TABLE_HEIGHT_M - 0.04], [TABLE_RADIUS_M, TABLE_HEIGHT_M - 0.02], [TABLE_RADIUS_M - 0.01, TABLE_HEIGHT_M], [0, TABLE_HEIGHT_M]], 48, top);
  const leg: Shade = (x, y, z) => scale(PALETTE.woodDark, 0.55 + 0.45 * (y / TABLE_HEIGHT_M) * ao(x, z) ** 0.2);
  m.lathe({}, [[0.32, 0], [0.3, 0.03], [0.1, 0.08], [0.07, 0.4], [0.09, TABLE_HEIGHT_M - 0.08], [0.2, TABLE_HEIGHT_M - 0.04]], 20, leg);
  // The pendant lamp: a cord, a dark shade and its glowing underside.
  const [lx, ly, lz] = LAMP_POSITION_M;
  m.lathe({ x: lx, z: lz }, [[0.006, ly + 0.1], [0.006, ROOM_HEIGHT_M]], 6, () => PALETTE.metal);
  m.lathe({ x: lx, z: lz }, [[0.34, ly - 0.06], [0.32, ly - 0.04], [0.12, ly + 0.08], [0.04, ly + 0.11]], 32, () => scale(PALETTE.metal, 1.4));
  warm.disc({ x: lx, y: ly - 0.055, z: lz }, [0.32], 32, () => [0, 0, 0], { down: true });
}

function buildArmchair(m: MeshBuilder, at: { x: number; z: number; yawRad: number }, cushion: Rgb): void {
  // Local frame: the chair faces +Z (toward the table after the yaw), its back at −Z.
  const place = (lx: number, lz: number, y = 0) => ({ x: at.x + lx * Math.cos(at.yawRad) + lz * Math.sin(at.yawRad), z: at.z - lx * Math.sin(at.yawRad) + lz * Math.cos(at.yawRad), y, yawRad: at.yawRad });
  const fabric: Shade = (_x, y, _z, ny) => scale(cushion, (ny > 0.5 ? 1 : 0.78) * (0.7 + 0.3 * Math.min(1, y / 0.8)));
  const wood: Shade = () => PALETTE.woodDark;
  for (const [lx, lz] of [[-0.33, -0.3], [0.33, -0.3], [-0.33, 0.3], [0.33, 0.3]] as const) m.box(place(lx, lz), 0.05, 0.12, 0.05, wood);
  m.box(place(0, 0.02, 0.12), 0.62, 0.3, 0.62, fabric);
  m.box(place(0, -0.27, 0.42), 0.74, 0.48, 0.16, fabric);
  for (const side of [-1, 1]) m.box(place(side * 0.33, 0.02, 0.12), 0.12, 0.5, 0.7, fabric);
}

function buildPlant(m: MeshBuilder, x: number, z: number, seed: number): void {
  m.lathe({ x, z }, [[0.16, 0], [0.2, 0.42], [0.22, 0.45], [0.18, 0.45]], 16, (_x, y) => scale(PALETTE.pot, 0.7 + 0.3 * (y / 0.45)));
  // Leaf clusters: squat cones at slightly different heights and turns.
  for (let k = 0; k < 4; k++) {
    const a = seed * 1.3 + k * 1.9;
    const [ox, oz] = [Math.sin(a) * 0.08, Math.cos(a) * 0.08];
    const base = 0.45 + k * 0.22;
    const leaf: Shade = (_x, y) => mix(PALETTE.leaf, PALETTE.leafLight, Math.min(1, (y - base) / 0.5));
    m.lathe({ x: x + ox, z: z + oz, yawRad: a }, [[0.02, base], [0.3 - k * 0.05, base + 0.18], [0, base + 0.55 - k * 0.05]], 7, leaf);
  }
}

function buildFloorLamp(m: MeshBuilder, warm: MeshBuilder, x: number, z: number): void {
  m.lathe({ x, z }, [[0.16, 0], [0.16, 0.03], [0.015, 0.04], [0.015, 1.45]], 12, () => PALETTE.metal);
  m.lathe({ x, z }, [[0.22, 1.4], [0.15, 1.68], [0, 1.68]], 20, () => scale(PALETTE.rugBand, 0.4));
  warm.disc({ x, y: 1.41, z }, [0.21], 20, () => [0, 0, 0], { down: true });
}
