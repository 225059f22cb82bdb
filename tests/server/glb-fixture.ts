/**
 * Builds small binary glTF files in memory for the upload tests: a JSON chunk (padded with
 * spaces to 4 bytes, as the spec requires) and an optional BIN chunk.
 */

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/** A GLB with `json` as its JSON chunk and `binBytes` zero bytes as its BIN chunk. */
export function buildGlb(json: object, binBytes = 16): Buffer {
  const jsonText = Buffer.from(JSON.stringify(json), 'utf8');
  const jsonChunk = Buffer.concat([jsonText, Buffer.alloc(pad4(jsonText.length), 0x20)]);
  const bin = Buffer.alloc(binBytes + pad4(binBytes));
  const chunks: Buffer[] = [];
  const header = Buffer.alloc(12);
  const jsonHeader = Buffer.alloc(8);
  jsonHeader.writeUInt32LE(jsonChunk.length, 0);
  jsonHeader.write('JSON', 4, 'ascii');
  chunks.push(header, jsonHeader, jsonChunk);
  if (bin.length > 0) {
    const binHeader = Buffer.alloc(8);
    binHeader.writeUInt32LE(bin.length, 0);
    binHeader.write('BIN\0', 4, 'ascii');
    chunks.push(binHeader, bin);
  }
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  header.write('glTF', 0, 'ascii');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(total, 8);
  return Buffer.concat(chunks, total);
}

/** A minimal VRM 1.0 file: glTF 2.0 with the VRMC_vrm extension. */
export function minimalVrm1(name = 'Test Avatar'): Buffer {
  return buildGlb({
    asset: { version: '2.0', generator: 'emotone tests' },
    extensionsUsed: ['VRMC_vrm'],
    extensions: {
      VRMC_vrm: {
        specVersion: '1.0',
        meta: { name, version: '1', authors: ['EmoTone'], licenseUrl: 'https://vrm.dev/licenses/1.0/' },
        humanoid: { humanBones: { hips: { node: 0 }, head: { node: 0 } } },
      },
    },
    nodes: [{ name: 'root' }],
    scenes: [{ nodes: [0] }],
    scene: 0,
  });
}

/** A minimal VRM 0.x file: the `VRM` extension, declared only under `extensions`. */
export function minimalVrm0(): Buffer {
  return buildGlb({
    asset: { version: '2.0' },
    extensions: { VRM: { exporterVersion: 'tests', meta: { title: 'Old' }, humanoid: { humanBones: [] } } },
    nodes: [{ name: 'root' }],
  });
}
