/**
 * Independent structural checks of a GLB (not using the generator's code): header, chunks,
 * and that every accessor and bufferView stays inside its buffer. Returns a list of problems.
 */

const COMPONENT_BYTES: Record<number, number> = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 };
const TYPE_COMPONENTS: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16 };

export interface ParsedGlb {
  json: GltfJson;
  bin: Uint8Array;
}

/** The parts of glTF JSON the tests read. */
export interface GltfJson {
  asset: { version: string };
  accessors: { bufferView?: number; byteOffset?: number; componentType: number; count: number; type: string; min?: number[]; max?: number[] }[];
  bufferViews: { buffer: number; byteOffset?: number; byteLength: number; byteStride?: number }[];
  buffers: { byteLength: number; uri?: string }[];
  nodes: { name?: string; mesh?: number; skin?: number; children?: number[] }[];
  meshes: { name?: string; primitives: { attributes: Record<string, number>; indices?: number; targets?: Record<string, number>[] }[]; extras?: { targetNames?: string[] } }[];
  skins: { joints: number[]; inverseBindMatrices?: number }[];
  images?: unknown[];
  extensionsUsed?: string[];
  extensions?: Record<string, any>;
}

/** Splits a GLB into JSON and BIN, throwing on any header/chunk error. */
export function parseGlb(bytes: Uint8Array): ParsedGlb {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x46546c67) throw new Error('bad magic');
  if (view.getUint32(4, true) !== 2) throw new Error('bad version');
  if (view.getUint32(8, true) !== bytes.byteLength) throw new Error('length field does not match file size');
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== 0x4e4f534a) throw new Error('first chunk is not JSON');
  if (jsonLength % 4 !== 0) throw new Error('JSON chunk not 4-byte aligned');
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as GltfJson;
  const binHeader = 20 + jsonLength;
  const binLength = view.getUint32(binHeader, true);
  if (view.getUint32(binHeader + 4, true) !== 0x004e4942) throw new Error('second chunk is not BIN');
  if (binHeader + 8 + binLength !== bytes.byteLength) throw new Error('BIN chunk does not end the file');
  return { json, bin: bytes.subarray(binHeader + 8, binHeader + 8 + binLength) };
}

/** Every bound and count problem found; empty when the file is consistent. */
export function findProblems({ json, bin }: ParsedGlb): string[] {
  const problems: string[] = [];
  if (json.asset?.version !== '2.0') problems.push('asset.version is not 2.0');
  if (json.buffers.length !== 1 || json.buffers[0]?.uri !== undefined) problems.push('expected one embedded buffer');
  if ((json.buffers[0]?.byteLength ?? -1) > bin.byteLength) problems.push('buffer longer than BIN chunk');
  json.bufferViews.forEach((v, i) => {
    if ((v.byteOffset ?? 0) + v.byteLength > (json.buffers[v.buffer]?.byteLength ?? 0)) problems.push(`bufferView ${i} out of bounds`);
  });
  json.accessors.forEach((a, i) => {
    const view = a.bufferView === undefined ? undefined : json.bufferViews[a.bufferView];
    if (!view) return void problems.push(`accessor ${i} has no bufferView`);
    const size = (COMPONENT_BYTES[a.componentType] ?? NaN) * (TYPE_COMPONENTS[a.type] ?? NaN);
    const stride = view.byteStride ?? size;
    const end = (a.byteOffset ?? 0) + stride * (a.count - 1) + size;
    if (!(end <= view.byteLength)) problems.push(`accessor ${i} overruns its bufferView`);
    if (((view.byteOffset ?? 0) + (a.byteOffset ?? 0)) % (COMPONENT_BYTES[a.componentType] ?? 1) !== 0) problems.push(`accessor ${i} misaligned`);
  });
  for (const [m, mesh] of json.meshes.entries()) {
    for (const p of mesh.primitives) {
      const position = json.accessors[p.attributes.POSITION ?? -1];
      if (!position?.min || !position.max) problems.push(`mesh ${m} POSITION lacks min/max`);
      const count = position?.count ?? 0;
      for (const [name, index] of Object.entries(p.attributes)) {
        if (json.accessors[index]?.count !== count) problems.push(`mesh ${m} ${name} count differs from POSITION`);
      }
      for (const target of p.targets ?? []) {
        if (json.accessors[target.POSITION ?? -1]?.count !== count) problems.push(`mesh ${m} morph target count differs`);
      }
      if (p.indices !== undefined) {
        const acc = json.accessors[p.indices];
        const view = json.bufferViews[acc?.bufferView ?? -1];
        if (!acc || !view || acc.componentType !== 5123) problems.push(`mesh ${m} indices not u16`);
        else {
          const start = bin.byteOffset + (view.byteOffset ?? 0) + (acc.byteOffset ?? 0);
          const indices = new Uint16Array(bin.buffer.slice(start, start + acc.count * 2));
          if (indices.some((v) => v >= count)) problems.push(`mesh ${m} index out of range`);
          if (acc.count % 3 !== 0) problems.push(`mesh ${m} index count not a multiple of 3`);
        }
      }
    }
  }
  return problems;
}
