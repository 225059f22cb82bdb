/**
 * Minimal glTF 2.0 writer: typed arrays in, a GLB out. Enough for skinned, morphed, untextured
 * meshes; no images, no animations.
 */

/** glTF componentType codes. */
export const ComponentType = { u8: 5121, u16: 5123, u32: 5125, f32: 5126 } as const;
export type ComponentType = (typeof ComponentType)[keyof typeof ComponentType];

type AccessorType = 'SCALAR' | 'VEC2' | 'VEC3' | 'VEC4' | 'MAT4';
const COMPONENTS: Record<AccessorType, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT4: 16 };

/** Options of one accessor. */
export interface AccessorOptions {
  normalized?: boolean;
  /** Record per-component min/max (required for POSITION). */
  bounds?: boolean;
  /** bufferView target: 34962 vertex attributes, 34963 indices. */
  target?: 34962 | 34963;
}

type Json = Record<string, unknown>;

/** Accumulates glTF JSON and one binary buffer. */
export class GltfBuilder {
  readonly json: Json & { accessors: Json[]; bufferViews: Json[] };
  private readonly chunks: Uint8Array[] = [];
  private byteLength = 0;

  constructor(generator: string) {
    this.json = { asset: { version: '2.0', generator }, accessors: [], bufferViews: [] };
  }

  /** Appends `data` as a new bufferView + accessor; returns the accessor index. */
  addAccessor(data: Float32Array | Uint16Array | Uint32Array | Uint8Array, type: AccessorType, options: AccessorOptions = {}): number {
    const componentType =
      data instanceof Float32Array ? ComponentType.f32
      : data instanceof Uint16Array ? ComponentType.u16
      : data instanceof Uint32Array ? ComponentType.u32
      : ComponentType.u8;
    const width = COMPONENTS[type];
    if (data.length % width !== 0) throw new Error(`accessor length ${data.length} not a multiple of ${width}`);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const view: Json = { buffer: 0, byteOffset: this.byteLength, byteLength: bytes.byteLength };
    if (options.target) view.target = options.target;
    this.push(bytes);
    this.json.bufferViews.push(view);
    const accessor: Json = {
      bufferView: this.json.bufferViews.length - 1,
      componentType,
      count: data.length / width,
      type,
    };
    if (options.normalized) accessor.normalized = true;
    if (options.bounds) {
      const min = new Array<number>(width).fill(Infinity);
      const max = new Array<number>(width).fill(-Infinity);
      for (let i = 0; i < data.length; i++) {
        const c = i % width;
        const v = data[i] as number;
        if (v < (min[c] as number)) min[c] = v;
        if (v > (max[c] as number)) max[c] = v;
      }
      accessor.min = min.map(Math.fround);
      accessor.max = max.map(Math.fround);
    }
    this.json.accessors.push(accessor);
    return this.json.accessors.length - 1;
  }

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.byteLength += bytes.byteLength;
    const pad = (4 - (this.byteLength % 4)) % 4;
    if (pad) {
      this.chunks.push(new Uint8Array(pad));
      this.byteLength += pad;
    }
  }

  /** Serialises to a GLB (header, JSON chunk padded with spaces, BIN chunk padded with zeros). */
  toGlb(): Uint8Array {
    const json = { ...this.json, buffers: [{ byteLength: this.byteLength }] };
    const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
    const jsonPadded = Math.ceil(jsonBytes.byteLength / 4) * 4;
    const total = 12 + 8 + jsonPadded + 8 + this.byteLength;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    view.setUint32(0, 0x46546c67, true);
    view.setUint32(4, 2, true);
    view.setUint32(8, total, true);
    view.setUint32(12, jsonPadded, true);
    view.setUint32(16, 0x4e4f534a, true);
    out.set(jsonBytes, 20);
    out.fill(0x20, 20 + jsonBytes.byteLength, 20 + jsonPadded);
    let offset = 20 + jsonPadded;
    view.setUint32(offset, this.byteLength, true);
    view.setUint32(offset + 4, 0x004e4942, true);
    offset += 8;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}
