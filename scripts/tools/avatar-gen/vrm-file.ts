import { buildBody } from './body';
import { linearRgb, shade, type AvatarDesign } from './designs';
import { buildFace } from './face-rig';
import { GltfBuilder } from './gltf-builder';
import type { MeshData } from './mesh-data';
import { buildSkeleton, type Bone } from './skeleton';
import { vrmExtension } from './vrm-extension';

const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;

function addPrimitive(b: GltfBuilder, m: MeshData, material: number): Record<string, unknown> {
  const n = m.vertexCount;
  const colors = new Uint8Array(n * 4);
  const joints = new Uint8Array(n * 4);
  const weights = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) colors[i * 4 + c] = Math.round((m.colors[i * 3 + c] as number) * 255);
    colors[i * 4 + 3] = 255;
    joints[i * 4] = m.joints[i] as number;
    weights[i * 4] = 255;
  }
  if (n > 65535) throw new Error('too many vertices for 16-bit indices');
  return {
    attributes: {
      POSITION: b.addAccessor(new Float32Array(m.positions), 'VEC3', { bounds: true, target: ARRAY_BUFFER }),
      NORMAL: b.addAccessor(new Float32Array(m.normals), 'VEC3', { target: ARRAY_BUFFER }),
      COLOR_0: b.addAccessor(colors, 'VEC4', { normalized: true, target: ARRAY_BUFFER }),
      JOINTS_0: b.addAccessor(joints, 'VEC4', { target: ARRAY_BUFFER }),
      WEIGHTS_0: b.addAccessor(weights, 'VEC4', { normalized: true, target: ARRAY_BUFFER }),
    },
    indices: b.addAccessor(new Uint16Array(m.indices), 'SCALAR', { target: ELEMENT_ARRAY_BUFFER }),
    material,
    mode: 4,
  };
}

/** Builds one avatar as a VRM 1.0 GLB. */
export function buildVrm(d: AvatarDesign): Uint8Array {
  const sk = buildSkeleton(d);
  const b = new GltfBuilder('EmoTone scripts/tools/generate-avatars.ts');
  const boneIndex = new Map(sk.bones.map((bone, i) => [bone.name, i]));
  const nodes: Record<string, unknown>[] = sk.bones.map((bone: Bone) => {
    const parent = bone.parent ? sk.at(bone.parent) : ([0, 0, 0] as const);
    const children = sk.bones.flatMap((other, i) => (other.parent === bone.name ? [i] : []));
    return {
      name: bone.name,
      translation: [bone.world[0] - parent[0], bone.world[1] - parent[1], bone.world[2] - parent[2]],
      ...(children.length ? { children } : {}),
    };
  });
  const ibm = new Float32Array(sk.bones.length * 16);
  sk.bones.forEach((bone, i) => {
    ibm.set([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -bone.world[0], -bone.world[1], -bone.world[2], 1], i * 16);
  });
  const skin = { name: 'Armature', joints: sk.bones.map((_, i) => i), skeleton: 0, inverseBindMatrices: b.addAccessor(ibm, 'MAT4') };

  const body = buildBody(d, sk);
  const face = buildFace({
    headCenter: sk.headCenter,
    headRadii: sk.headRadii,
    colours: {
      eye: linearRgb(d.eyes), highlight: linearRgb('#ffffff'), brow: linearRgb(shade(d.hair, 0.6)),
      mouth: linearRgb('#3a0c16'), blush: linearRgb('#ff8fa3'),
    },
    joints: { head: sk.index('head'), leftEye: sk.index('leftEye'), rightEye: sk.index('rightEye') },
  });
  const facePrimitive = addPrimitive(b, face.mesh, 1);
  facePrimitive.targets = face.targets.map((t) => ({ POSITION: b.addAccessor(t.deltas, 'VEC3', { bounds: true, target: ARRAY_BUFFER }) }));
  const targetNames = face.targets.map((t) => t.name);

  const bodyNode = nodes.length;
  const faceNode = bodyNode + 1;
  nodes.push({ name: 'Body', mesh: 0, skin: 0 }, { name: 'Face', mesh: 1, skin: 0 });
  const headBone = sk.at('head');
  const eye = sk.at('leftEye');
  Object.assign(b.json, {
    scene: 0,
    scenes: [{ name: d.name, nodes: [0, bodyNode, faceNode] }],
    nodes,
    skins: [skin],
    meshes: [
      { name: 'Body', primitives: [addPrimitive(b, body, 0)] },
      { name: 'Face', primitives: [facePrimitive], weights: targetNames.map(() => 0), extras: { targetNames } },
    ],
    materials: [
      { name: 'Body', pbrMetallicRoughness: { baseColorFactor: [1, 1, 1, 1], metallicFactor: 0, roughnessFactor: 0.8 } },
      { name: 'Face', pbrMetallicRoughness: { baseColorFactor: [1, 1, 1, 1], metallicFactor: 0, roughnessFactor: 0.55 } },
    ],
    extensionsUsed: ['VRMC_vrm'],
    extensions: {
      VRMC_vrm: vrmExtension(
        d,
        Object.fromEntries(boneIndex),
        faceNode,
        bodyNode,
        targetNames,
        [0, eye[1] - headBone[1], sk.headRadii[2] * 0.9 + sk.headCenter[2] - headBone[2]],
      ),
    },
  });
  return b.toGlb();
}
