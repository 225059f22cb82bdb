import { linearRgb, shade, type AvatarDesign } from './designs';
import type { MeshData, Rgb, Vec3 } from './mesh-data';
import type { Skeleton } from './skeleton';

/** Adds hair and head accessories, all bound to the head bone. Offsets are in head radii. */
export function addHeadwear(m: MeshData, d: AvatarDesign, sk: Skeleton): void {
  const head = sk.index('head');
  const [cx, cy, cz] = sk.headCenter;
  const R = sk.headRadii[0];
  const at = (x: number, y: number, z: number): Vec3 => [cx + x * R, cy + y * R, cz + z * R];
  const hair = linearRgb(d.hair);
  const accent = linearRgb(d.accent);
  const blob = (c: Vec3, rx: number, ry: number, rz: number, col: Rgb, rot?: Vec3): void =>
    m.ellipsoid(c, [rx * R, ry * R, rz * R], col, head, { segments: 7, rings: 4, ...(rot ? { rotation: rot } : {}) });
  const beanie = d.accessories.includes('beanie');

  // Cap over the crown, ending above the brows at the front.
  const capColour = d.hairStyle === 'mohawk' ? linearRgb(shade(d.hair, 0.55)) : hair;
  if (!beanie) m.ellipsoid(sk.headCenter, [R * 1.07, sk.headRadii[1] * 1.08, sk.headRadii[2] * 1.1], capColour, head, { segments: 14, rings: 5, latTo: Math.PI * 0.36 });
  const backDrop = d.hairStyle === 'bob' ? -0.25 : d.hairStyle === 'long' ? -0.7 : 0.02;
  const backHeight = d.hairStyle === 'long' ? 1.4 : d.hairStyle === 'bob' ? 0.92 : 0.82;
  blob(at(0, backDrop, -0.28), d.hairStyle === 'long' ? 1.04 : 1.02, backHeight, d.hairStyle === 'long' ? 0.62 : 0.78, capColour);
  if (d.hairStyle !== 'mohawk' && !beanie) {
    for (let i = -2; i <= 2; i++) blob(at(i * 0.28, 0.5 - Math.abs(i) * 0.06, 0.8 - Math.abs(i) * 0.08), 0.2, 0.16, 0.12, hair, [0.5, 0, -i * 0.3]);
  }
  switch (d.hairStyle) {
    case 'ponytail':
      blob(at(0, 0.2, -1.02), 0.15, 0.15, 0.15, accent);
      blob(at(0, -0.3, -1.12), 0.24, 0.6, 0.24, hair, [-0.25, 0, 0]);
      break;
    case 'buns':
      for (const s of [1, -1]) blob(at(s * 0.62, 0.78, -0.1), 0.32, 0.32, 0.32, hair);
      break;
    case 'spiky':
      for (let i = 0; i < 9; i++) {
        const a = (i / 9) * Math.PI * 2;
        const base = at(Math.sin(a) * 0.55, 0.85, Math.cos(a) * 0.45 - 0.1);
        const tip = at(Math.sin(a) * 1.0, 1.3, Math.cos(a) * 0.75 - 0.2);
        m.tube(base, tip, R * 0.24, 0, hair, head, 6);
      }
      m.tube(at(0, 0.8, 0), at(0, 1.42, 0.1), R * 0.26, 0, hair, head, 6);
      break;
    case 'mohawk':
      for (let i = 0; i < 5; i++) m.box(at(0, 0.95 + Math.sin((i / 4) * Math.PI) * 0.12, 0.55 - i * 0.33), [R * 0.14, R * 0.45, R * 0.3], hair, head);
      break;
    default:
      break;
  }
  for (const acc of d.accessories) addAccessory(acc);

  function addAccessory(acc: string): void {
    switch (acc) {
      case 'headphones': {
        const band = linearRgb(shade(d.accent, 0.5));
        let prev = at(1.12, 0, 0);
        for (let i = 1; i <= 8; i++) {
          const a = (i / 8) * Math.PI;
          const next = at(Math.cos(a) * 1.12, Math.sin(a) * 1.15, 0);
          m.tube(prev, next, R * 0.06, R * 0.06, band, head, 6);
          prev = next;
        }
        for (const s of [1, -1]) m.tube(at(s * 0.98, -0.05, 0), at(s * 1.22, -0.05, 0), R * 0.32, R * 0.3, accent, head, 12);
        break;
      }
      case 'glasses': {
        const frame = accent;
        for (const s of [1, -1]) {
          const x = s * 0.36;
          const y = -0.08;
          const z = 0.98;
          m.box(at(x, y + 0.2, z), [R * 0.36, R * 0.04, R * 0.04], frame, head);
          m.box(at(x, y - 0.2, z - 0.02), [R * 0.36, R * 0.04, R * 0.04], frame, head);
          m.box(at(x - 0.18, y, z - 0.02), [R * 0.04, R * 0.42, R * 0.04], frame, head);
          m.box(at(x + 0.18, y, z - 0.04), [R * 0.04, R * 0.42, R * 0.04], frame, head);
          m.box(at(s * 0.9, y + 0.1, 0.45), [R * 0.04, R * 0.04, R * 0.9], frame, head, { rotation: [0, -s * 0.45, 0] });
        }
        m.box(at(0, -0.02, 1.0), [R * 0.18, R * 0.04, R * 0.04], frame, head);
        break;
      }
      case 'horns':
        for (const s of [1, -1]) m.tube(at(s * 0.45, 0.78, 0.2), at(s * 0.78, 1.38, 0.05), R * 0.14, 0, accent, head, 8);
        break;
      case 'catEars':
        for (const s of [1, -1]) {
          m.tube(at(s * 0.55, 0.72, -0.05), at(s * 0.8, 1.4, -0.05), R * 0.3, 0, hair, head, 8);
          m.tube(at(s * 0.57, 0.78, 0.1), at(s * 0.76, 1.25, 0.08), R * 0.16, 0, accent, head, 8);
        }
        break;
      case 'beanie':
        m.ellipsoid(sk.headCenter, [R * 1.1, sk.headRadii[1] * 1.12, sk.headRadii[2] * 1.14], accent, head, { segments: 14, rings: 5, latTo: Math.PI * 0.38 });
        m.tube(at(0, 0.36, 0), at(0, 0.5, 0), R * 1.1, R * 1.04, linearRgb(shade(d.accent, 0.75)), head, 14);
        blob(at(0, 1.12, -0.05), 0.22, 0.22, 0.22, linearRgb('#f8fafc'));
        break;
      case 'antenna':
        m.tube(at(0, 0.95, 0), at(0.1, 1.55, 0), R * 0.035, R * 0.03, linearRgb('#64748b'), head, 6);
        blob(at(0.1, 1.6, 0), 0.12, 0.12, 0.12, accent);
        break;
      case 'bow':
        for (const s of [1, -1]) blob(at(0.62 + s * 0.2, 0.78, 0.15), 0.2, 0.14, 0.07, accent, [0, 0, s * 0.5 + 0.4]);
        blob(at(0.62, 0.78, 0.17), 0.08, 0.08, 0.08, linearRgb(shade(d.accent, 0.8)));
        break;
      default:
        break;
    }
  }
}
