/**
 * The one reader of binary glTF (GLB) containers, used by the avatar loader, the upload check in
 * the browser and the room server: header, length, the JSON chunk, and which VRM generation the
 * file declares. It never throws; a refusal carries a sentence a person can act on.
 */

const GLB_MAGIC = 0x46546c67; // 'glTF' little-endian
const CHUNK_JSON = 0x4e4f534a; // 'JSON'
const HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;

/** Which VRM generation a file declares. */
export type VrmVersion = '1.0' | '0.x';

/** What {@link readGlb} found: the parsed JSON chunk, or why the bytes are not a usable GLB. */
export type GlbReading =
  | { readonly ok: true; readonly json: Readonly<Record<string, unknown>>; readonly vrmVersion: VrmVersion | null; readonly byteLength: number }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): GlbReading => ({ ok: false, reason });

/** Names the VRM generation declared in `extensionsUsed` or `extensions`, or null. */
function declaredVrm(json: Readonly<Record<string, unknown>>): VrmVersion | null {
  const used = Array.isArray(json.extensionsUsed) ? (json.extensionsUsed as unknown[]) : [];
  const extensions = typeof json.extensions === 'object' && json.extensions !== null ? json.extensions : {};
  const has = (name: string) => used.includes(name) || Object.prototype.hasOwnProperty.call(extensions, name);
  if (has('VRMC_vrm')) return '1.0';
  if (has('VRM')) return '0.x';
  return null;
}

/** Reads a GLB's header and JSON chunk (no three.js involved). */
export function readGlb(data: ArrayBuffer | Uint8Array): GlbReading {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength === 0) return refuse('The file is empty.');
  if (bytes.byteLength < HEADER_BYTES + CHUNK_HEADER_BYTES) return refuse('The file is too small to be a GLB (binary glTF).');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== GLB_MAGIC) return refuse('The file is not a GLB (binary glTF): its first bytes are not "glTF".');
  const version = view.getUint32(4, true);
  if (version !== 2) return refuse(`Unsupported glTF container version ${version}; VRM files use glTF 2.`);
  const declared = view.getUint32(8, true);
  if (declared !== bytes.byteLength) {
    return refuse(declared > bytes.byteLength
      ? 'The GLB header length is larger than the file (truncated file).'
      : 'The GLB header length is smaller than the file (padded or joined file).');
  }
  const chunkLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON) return refuse('The GLB does not start with a JSON chunk.');
  const start = HEADER_BYTES + CHUNK_HEADER_BYTES;
  if (chunkLength === 0 || start + chunkLength > bytes.byteLength) return refuse('The GLB JSON chunk length is invalid.');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, start + chunkLength)));
  } catch {
    return refuse('The GLB JSON chunk is not valid UTF-8 JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse('The GLB JSON chunk is not a glTF object.');
  const record = json as Record<string, unknown>;
  return { ok: true, json: record, vrmVersion: declaredVrm(record), byteLength: declared };
}
