import { AvatarLoadError } from './avatar-load-error';

/** 'glTF' little-endian. */
export const GLB_MAGIC = 0x46546c67;
/** Chunk type 'JSON'. */
export const GLB_CHUNK_JSON = 0x4e4f534a;
/** Chunk type 'BIN\0'. */
export const GLB_CHUNK_BIN = 0x004e4942;

/** What a cheap look at a GLB tells before parsing it fully. */
export interface GlbSummary {
  /** The glTF JSON chunk, parsed. */
  json: Record<string, unknown>;
  /** `1.0` for VRMC_vrm, `0.x` for the legacy VRM extension, `null` for plain glTF. */
  vrmVersion: '1.0' | '0.x' | null;
  byteLength: number;
}

/**
 * Reads a GLB's header and JSON chunk (no three involved). Throws {@link AvatarLoadError}
 * `not-glb` for anything that is not a well-formed GLB.
 */
export function readGlbSummary(buffer: ArrayBuffer): GlbSummary {
  if (buffer.byteLength < 20) throw new AvatarLoadError('not-glb', 'file too short');
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== GLB_MAGIC) throw new AvatarLoadError('not-glb', 'bad magic');
  if (view.getUint32(4, true) !== 2) throw new AvatarLoadError('not-glb', 'glTF version is not 2');
  const declared = view.getUint32(8, true);
  if (declared > buffer.byteLength) throw new AvatarLoadError('not-glb', 'truncated file');
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== GLB_CHUNK_JSON || 20 + jsonLength > declared) {
    throw new AvatarLoadError('not-glb', 'missing JSON chunk');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 20, jsonLength)));
  } catch (cause) {
    throw new AvatarLoadError('not-glb', 'JSON chunk does not parse', { cause });
  }
  if (typeof json !== 'object' || json === null) throw new AvatarLoadError('not-glb', 'JSON chunk is not an object');
  const record = json as Record<string, unknown>;
  const extensions = (record.extensions ?? {}) as Record<string, unknown>;
  const vrmVersion = extensions.VRMC_vrm ? '1.0' : extensions.VRM ? '0.x' : null;
  return { json: record, vrmVersion, byteLength: declared };
}
