/**
 * Writes the lounge as a GLB through glTF-Transform: one node, one mesh, one material, then
 * welded (shared vertices), deduplicated and quantised (KHR_mesh_quantization, which three's
 * GLTFLoader reads natively). Deterministic: the same code gives the same bytes.
 */
import { Document, Logger, NodeIO, type Extension, type Material } from '@gltf-transform/core';
import { dedup, prune, quantize, weld } from '@gltf-transform/functions';
import { buildLounge, LoungeMaterial } from './lounge';
import type { MeshBuilder } from './mesh-builder';
import { encodePng } from './png';

/** The generator's name in the file's asset.generator. */
export const LOUNGE_GENERATOR = 'EmoTone environment generator (scripts/tools/generate-environment.ts)';
/** Licence recorded in the file's asset.copyright. */
export const LOUNGE_LICENCE = 'CC0-1.0 (https://creativecommons.org/publicdomain/zero/1.0/)';

/** WebGL sampler constants (glTF samplers use them). */
const GL_NEAREST = 9728;
const GL_CLAMP_TO_EDGE = 33071;

/** Emissive palette (sRGB texels): index 0 for surfaces that only reflect light, then the glows. */
const GLOW_TEXELS: Readonly<Record<LoungeMaterial, readonly [number, number, number]>> = {
  [LoungeMaterial.matte]: [0, 0, 0],
  // The lamps' undersides (warm) and the dusk sky in the windows (blue).
  [LoungeMaterial.glowWarm]: [255, 220, 166],
  [LoungeMaterial.glowSky]: [155, 174, 225],
};

/**
 * One material for the whole room: vertex colours under the lights, plus a 4-texel emissive
 * palette that makes the lamps and windows glow. The glowing parts' vertices point at their
 * texel, the rest at black, so the room is a single mesh and a single draw call.
 */
function makeMaterial(doc: Document, names: readonly LoungeMaterial[]): Material {
  const pixels = [...names.map((n) => GLOW_TEXELS[n]), [0, 0, 0] as const];
  const palette = doc.createTexture('glow-palette').setMimeType('image/png').setImage(encodePng(pixels.length, 1, pixels));
  const material = doc.createMaterial('lounge').setBaseColorFactor([1, 1, 1, 1]).setRoughnessFactor(0.85).setMetallicFactor(0).setEmissiveFactor([1, 1, 1]).setEmissiveTexture(palette);
  // Nearest texels, clamped: a glow never bleeds into its neighbour in the palette.
  material.getEmissiveTextureInfo()?.setMagFilter(GL_NEAREST).setMinFilter(GL_NEAREST).setWrapS(GL_CLAMP_TO_EDGE).setWrapT(GL_CLAMP_TO_EDGE);
  return material;
}

/** Joins the parts into one primitive, each part's vertices pointing at its palette texel. */
function addRoom(doc: Document, parts: Record<LoungeMaterial, MeshBuilder>): void {
  const names = Object.values(LoungeMaterial);
  const texels = names.length + 1;
  const positions: number[] = [];
  const normals: number[] = [];
  const colors: number[] = [];
  const uvs: number[] = [];
  const indices: number[] = [];
  names.forEach((name, texel) => {
    const part = parts[name];
    const base = positions.length / 3;
    positions.push(...part.positions);
    normals.push(...part.normals);
    colors.push(...part.colors);
    for (let i = 0; i < part.vertexCount; i++) uvs.push((texel + 0.5) / texels, 0.5);
    for (const index of part.indices) indices.push(base + index);
  });
  const buffer = doc.getRoot().listBuffers()[0] ?? doc.createBuffer();
  const accessor = (type: 'VEC2' | 'VEC3' | 'SCALAR', data: Float32Array | Uint16Array | Uint32Array) => doc.createAccessor().setType(type).setArray(data).setBuffer(buffer);
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', new Float32Array(positions)))
    .setAttribute('NORMAL', accessor('VEC3', new Float32Array(normals)))
    .setAttribute('COLOR_0', accessor('VEC3', new Float32Array(colors)))
    .setAttribute('TEXCOORD_0', accessor('VEC2', new Float32Array(uvs)))
    .setIndices(accessor('SCALAR', positions.length / 3 > 65535 ? new Uint32Array(indices) : new Uint16Array(indices)))
    .setMaterial(makeMaterial(doc, names));
  const mesh = doc.createMesh('lounge').addPrimitive(prim);
  doc.getRoot().getDefaultScene()?.addChild(doc.createNode('lounge').setMesh(mesh));
}

/** Builds the lounge GLB. */
export async function buildLoungeGlb(): Promise<Uint8Array> {
  const doc = new Document().setLogger(new Logger(Logger.Verbosity.WARN));
  doc.getRoot().getAsset().generator = LOUNGE_GENERATOR;
  doc.getRoot().getAsset().copyright = LOUNGE_LICENCE;
  doc.createBuffer();
  doc.getRoot().setDefaultScene(doc.createScene('lounge'));
  addRoom(doc, buildLounge());
  await doc.transform(weld(), dedup(), quantize({ quantizePosition: 14, quantizeNormal: 10, quantizeColor: 8 }), prune());
  // Register whatever extensions the transforms added (KHR_mesh_quantization), so they are written.
  const used = doc.getRoot().listExtensionsUsed().map((e) => e.constructor as typeof Extension);
  return new NodeIO().registerExtensions(used).writeBinary(doc);
}
