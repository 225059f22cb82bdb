/**
 * Writes the lounge as a GLB through glTF-Transform: one node and mesh per material, then
 * welded (shared vertices), deduplicated and quantised (KHR_mesh_quantization, which three's
 * GLTFLoader reads natively). Deterministic: the same code gives the same bytes.
 */
import { Document, Logger, NodeIO, type Extension, type Material } from '@gltf-transform/core';
import { dedup, prune, quantize, weld } from '@gltf-transform/functions';
import { buildLounge, LoungeMaterial } from './lounge';
import type { MeshBuilder } from './mesh-builder';

/** The generator's name in the file's asset.generator. */
export const LOUNGE_GENERATOR = 'EmoTone environment generator (scripts/tools/generate-environment.ts)';
/** Licence recorded in the file's asset.copyright. */
export const LOUNGE_LICENCE = 'CC0-1.0 (https://creativecommons.org/publicdomain/zero/1.0/)';

function makeMaterials(doc: Document): Record<LoungeMaterial, Material> {
  return {
    [LoungeMaterial.matte]: doc.createMaterial(LoungeMaterial.matte).setBaseColorFactor([1, 1, 1, 1]).setRoughnessFactor(0.85).setMetallicFactor(0),
    // Light sources: black under light, glowing by themselves (the lamps' undersides, the dusk sky).
    [LoungeMaterial.glowWarm]: doc.createMaterial(LoungeMaterial.glowWarm).setBaseColorFactor([0, 0, 0, 1]).setEmissiveFactor([1, 0.72, 0.38]).setMetallicFactor(0),
    [LoungeMaterial.glowSky]: doc.createMaterial(LoungeMaterial.glowSky).setBaseColorFactor([0, 0, 0, 1]).setEmissiveFactor([0.32, 0.42, 0.75]).setMetallicFactor(0),
  };
}

function addMesh(doc: Document, name: LoungeMaterial, builder: MeshBuilder, material: Material, withColours: boolean): void {
  const buffer = doc.getRoot().listBuffers()[0] ?? doc.createBuffer();
  const accessor = (type: 'VEC3' | 'SCALAR', data: Float32Array | Uint16Array | Uint32Array) => doc.createAccessor().setType(type).setArray(data).setBuffer(buffer);
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', new Float32Array(builder.positions)))
    .setAttribute('NORMAL', accessor('VEC3', new Float32Array(builder.normals)))
    .setIndices(accessor('SCALAR', builder.vertexCount > 65535 ? new Uint32Array(builder.indices) : new Uint16Array(builder.indices)))
    .setMaterial(material);
  if (withColours) prim.setAttribute('COLOR_0', accessor('VEC3', new Float32Array(builder.colors)));
  const mesh = doc.createMesh(name).addPrimitive(prim);
  const node = doc.createNode(`lounge-${name}`).setMesh(mesh);
  doc.getRoot().getDefaultScene()?.addChild(node);
}

/** Builds the lounge GLB. */
export async function buildLoungeGlb(): Promise<Uint8Array> {
  const doc = new Document().setLogger(new Logger(Logger.Verbosity.WARN));
  doc.getRoot().getAsset().generator = LOUNGE_GENERATOR;
  doc.getRoot().getAsset().copyright = LOUNGE_LICENCE;
  doc.createBuffer();
  doc.getRoot().setDefaultScene(doc.createScene('lounge'));
  const materials = makeMaterials(doc);
  const parts = buildLounge();
  for (const name of Object.values(LoungeMaterial)) addMesh(doc, name, parts[name], materials[name], name === LoungeMaterial.matte);
  await doc.transform(weld(), dedup(), quantize({ quantizePosition: 14, quantizeNormal: 10, quantizeColor: 8 }), prune());
  // Register whatever extensions the transforms added (KHR_mesh_quantization), so they are written.
  const used = doc.getRoot().listExtensionsUsed().map((e) => e.constructor as typeof Extension);
  return new NodeIO().registerExtensions(used).writeBinary(doc);
}
