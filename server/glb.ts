/**
 * Structural check of an uploaded avatar: a binary glTF 2.0 container whose JSON chunk declares
 * a VRM extension. It does not load the model; the client does that (and falls back on failure).
 */

const GLB_MAGIC = 0x46546c67; // 'glTF' little-endian
const CHUNK_JSON = 0x4e4f534a; // 'JSON'
const HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;

/** Which VRM generation a file declares. */
export type VrmVersion = '1.0' | '0.x';

/** Result of {@link inspectVrmGlb}. */
export type GlbInspection = { ok: true; vrmVersion: VrmVersion } | { ok: false; reason: string };

const bad = (reason: string): GlbInspection => ({ ok: false, reason });

/** Reads and parses the first (JSON) chunk of a GLB, or explains why it cannot. */
function readJsonChunk(bytes: Uint8Array): { json: unknown } | { reason: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER_BYTES + CHUNK_HEADER_BYTES) return { reason: 'The file is too small to be a GLB (binary glTF).' };
  if (view.getUint32(0, true) !== GLB_MAGIC) return { reason: 'The file is not a GLB (binary glTF): its first bytes are not "glTF".' };
  const version = view.getUint32(4, true);
  if (version !== 2) return { reason: `Unsupported glTF container version ${version}; VRM files use glTF 2.` };
  if (view.getUint32(8, true) !== bytes.byteLength) return { reason: 'The GLB header length does not match the file size (truncated or padded file).' };
  const chunkLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON) return { reason: 'The GLB does not start with a JSON chunk.' };
  if (chunkLength === 0 || HEADER_BYTES + CHUNK_HEADER_BYTES + chunkLength > bytes.byteLength) {
    return { reason: 'The GLB JSON chunk length is invalid.' };
  }
  const start = HEADER_BYTES + CHUNK_HEADER_BYTES;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, start + chunkLength));
    return { json: JSON.parse(text) };
  } catch {
    return { reason: 'The GLB JSON chunk is not valid UTF-8 JSON.' };
  }
}

/** Names the VRM generation declared in extensionsUsed or extensions, or null. */
function declaredVrm(json: Record<string, unknown>): VrmVersion | null {
  const used = Array.isArray(json.extensionsUsed) ? (json.extensionsUsed as unknown[]) : [];
  const extensions = typeof json.extensions === 'object' && json.extensions !== null ? json.extensions : {};
  const has = (name: string) => used.includes(name) || Object.prototype.hasOwnProperty.call(extensions, name);
  if (has('VRMC_vrm')) return '1.0';
  if (has('VRM')) return '0.x';
  return null;
}

/** Checks GLB magic, version, length, the JSON chunk, and a VRMC_vrm (1.0) or VRM (0.x) extension. */
export function inspectVrmGlb(bytes: Uint8Array): GlbInspection {
  const chunk = readJsonChunk(bytes);
  if ('reason' in chunk) return bad(chunk.reason);
  const { json } = chunk;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad('The GLB JSON chunk is not a glTF object.');
  const asset = (json as Record<string, unknown>).asset;
  if (typeof asset !== 'object' || asset === null) return bad('The GLB JSON has no glTF "asset" description.');
  const vrmVersion = declaredVrm(json as Record<string, unknown>);
  if (!vrmVersion) return bad('The GLB is not a VRM avatar: it declares neither the VRMC_vrm (VRM 1.0) nor the VRM (0.x) extension.');
  return { ok: true, vrmVersion };
}
