import { linearRgb, shade, type AvatarDesign } from './designs';
import { addHeadwear } from './headwear';
import { MeshData, type Vec3 } from './mesh-data';
import type { Skeleton } from './skeleton';

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];

/** Builds the body mesh (everything but the expressive face features), rigidly skinned per bone. */
export function buildBody(d: AvatarDesign, sk: Skeleton): MeshData {
  const m = new MeshData();
  const top = linearRgb(d.top);
  const bottom = linearRgb(d.bottom);
  const skin = linearRgb(d.skin);
  const shoes = linearRgb(d.shoes);
  const w = sk.torsoWidth;
  const r = sk.limbRadius;
  const j = sk.index;
  const hips = sk.at('hips');
  const chest = sk.at('chest');
  const neck = sk.at('neck');

  // Torso: pelvis, waist, chest, shoulders.
  m.ellipsoid(add(hips, [0, -0.01, 0]), [w * 0.95, 0.1, w * 0.7], bottom, j('hips'), { segments: 10, rings: 5 });
  m.tube(add(hips, [0, 0.04, 0]), chest, w * 0.82, w * 0.9, top, j('spine'), 12);
  m.ellipsoid(add(chest, [0, 0.085, 0]), [w * 1.05, 0.13, w * 0.74], top, j('chest'), { segments: 10, rings: 6 });
  m.tube(add(neck, [0, -0.03, 0]), add(sk.at('head'), [0, 0.03, 0]), r * 1.05, r * 1.0, skin, j('neck'), 8);
  // Collar in the accent colour makes the silhouettes easier to tell apart.
  m.tube(add(neck, [0, -0.035, 0]), add(neck, [0, -0.005, 0]), r * 1.7, r * 1.35, linearRgb(d.accent), j('chest'), 10);

  for (const [side, s] of [['left', 1], ['right', -1]] as const) {
    const shoulder = sk.at(`${side}UpperArm`);
    const elbow = sk.at(`${side}LowerArm`);
    const wrist = sk.at(`${side}Hand`);
    m.ellipsoid(shoulder, [r * 1.45, r * 1.45, r * 1.35], top, j('chest'), { segments: 6, rings: 4 });
    m.tube(shoulder, elbow, r * 1.15, r * 0.95, top, j(`${side}UpperArm`), 8);
    m.ellipsoid(elbow, [r * 0.86, r * 0.86, r * 0.86], skin, j(`${side}LowerArm`), { segments: 6, rings: 4 });
    m.tube(elbow, wrist, r * 0.9, r * 0.75, skin, j(`${side}LowerArm`), 8);
    m.ellipsoid(add(wrist, [s * 0.04, 0, 0]), [0.05, 0.022, 0.04], skin, j(`${side}Hand`), { segments: 6, rings: 4 });
    m.ellipsoid(add(wrist, [s * 0.025, 0, 0.035]), [0.014, 0.014, 0.025], skin, j(`${side}Hand`), { segments: 5, rings: 3 });

    const hip = sk.at(`${side}UpperLeg`);
    const knee = sk.at(`${side}LowerLeg`);
    const ankle = sk.at(`${side}Foot`);
    const legTop = d.bottomStyle === 'pants' ? bottom : d.bottomStyle === 'shorts' ? bottom : skin;
    const shin = d.bottomStyle === 'pants' ? bottom : skin;
    m.tube(add(hip, [0, 0.05, 0]), knee, r * 1.45, r * 1.15, legTop, j(`${side}UpperLeg`), 8);
    if (d.bottomStyle === 'shorts') {
      const mid: Vec3 = [hip[0], (hip[1] + knee[1]) / 2, hip[2]];
      m.tube(mid, knee, r * 1.2, r * 1.1, skin, j(`${side}UpperLeg`), 8);
    }
    m.ellipsoid(knee, [r * 1.12, r * 1.12, r * 1.12], shin, j(`${side}LowerLeg`), { segments: 6, rings: 4 });
    m.tube(knee, add(ankle, [0, 0.02, 0]), r * 1.1, r * 0.85, shin, j(`${side}LowerLeg`), 8);
    m.ellipsoid(add(ankle, [0, -0.025, 0.045]), [r * 1.3, 0.05, 0.11], shoes, j(`${side}Foot`), { segments: 8, rings: 4 });
  }
  if (d.bottomStyle === 'skirt') {
    const legTop = sk.at('leftUpperLeg')[1];
    m.tube(add(hips, [0, 0.05, 0]), [0, legTop - 0.2, 0], w * 0.92, w * 1.7, bottom, j('hips'), 14);
    m.tube([0, legTop - 0.2, 0], [0, legTop - 0.215, 0], w * 1.7, w * 1.65, linearRgb(shade(d.bottom, 0.7)), j('hips'), 14);
  }

  // Head: skull, ears, nose; then hair and accessories.
  const head = j('head');
  m.ellipsoid(sk.headCenter, sk.headRadii, skin, head, { segments: 18, rings: 12 });
  const [hx, hy, hz] = sk.headCenter;
  const R = sk.headRadii[0];
  for (const s of [1, -1]) m.ellipsoid([hx + s * R * 0.98, hy - R * 0.1, hz], [R * 0.12, R * 0.2, R * 0.14], skin, head, { segments: 6, rings: 4 });
  m.ellipsoid([hx, hy - R * 0.27, hz + sk.headRadii[2] * 0.96], [R * 0.07, R * 0.055, R * 0.06], linearRgb(shade(d.skin, 0.9)), head, { segments: 6, rings: 4 });
  addHeadwear(m, d, sk);
  return m;
}
