/**
 * A minimal PNG writer for the lounge's tiny palette texture: 8-bit RGB, one row per scanline,
 * stored (uncompressed) zlib blocks, so the bytes depend on nothing but the pixels.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib stream of one stored block (data under 64 KiB). */
function storedZlib(data: Uint8Array): Uint8Array {
  if (data.length > 0xffff) throw new Error('palette too large for one stored block');
  const out = new Uint8Array(2 + 5 + data.length + 4);
  const view = new DataView(out.buffer);
  out.set([0x78, 0x01, 0x01], 0); // zlib header; final stored block
  view.setUint16(3, data.length, true);
  view.setUint16(5, ~data.length & 0xffff, true);
  out.set(data, 7);
  let a = 1;
  let b = 0;
  for (const byte of data) (a = (a + byte) % 65521), (b = (b + a) % 65521);
  view.setUint32(7 + data.length, ((b << 16) | a) >>> 0);
  return out;
}

/** Encodes `width` × `height` sRGB pixels ([r, g, b] 0..255, row by row) as a PNG. */
export function encodePng(width: number, height: number, pixels: readonly (readonly [number, number, number])[]): Uint8Array {
  if (pixels.length !== width * height) throw new Error(`expected ${width * height} pixels, got ${pixels.length}`);
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixels[y * width + x] ?? [0, 0, 0], y * (1 + width * 3) + 1 + x * 3);
  }
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', storedZlib(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}
