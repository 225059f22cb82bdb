/**
 * `npx tsx scripts/bench/upload-validation.ts`: what checking an uploaded avatar costs the room
 * server — the full check (server/glb.ts: GLB reader, Khronos glTF validator in its worker, VRM
 * checks) per file, and how long the server's event loop stalls meanwhile (its largest gap
 * between 1 ms timers), for the generated avatars, the third-party ones in ../shared/avatars
 * and one padded to the 10 MB upload limit. Prints figures; passes or fails nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateBytes } from 'gltf-validator';
import { createVrmInspector } from '../../server/glb';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 5;
const inspector = createVrmInspector();

/** A GLB with `extra` zero bytes appended to its BIN chunk, under one more (unused) buffer view. */
function padded(bytes: Buffer, extra: number): Buffer {
  const jsonLength = bytes.readUInt32LE(12);
  const json = JSON.parse(bytes.subarray(20, 20 + jsonLength).toString('utf8'));
  const binAt = 20 + jsonLength;
  const bin = bytes.subarray(binAt + 8, binAt + 8 + bytes.readUInt32LE(binAt));
  json.bufferViews.push({ buffer: 0, byteOffset: bin.length, byteLength: extra });
  json.buffers[0].byteLength = bin.length + extra;
  let text = JSON.stringify(json);
  while (Buffer.byteLength(text) % 4) text += ' ';
  const jsonChunk = Buffer.from(text);
  const binChunk = Buffer.concat([bin, Buffer.alloc(extra)]);
  const header = Buffer.alloc(12);
  const total = 12 + 8 + jsonChunk.length + 8 + binChunk.length;
  header.write('glTF', 0, 'ascii');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(total, 8);
  const chunk = (length: number, type: string) => {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(length, 0);
    h.write(type, 4, 'ascii');
    return h;
  };
  return Buffer.concat([header, chunk(jsonChunk.length, 'JSON'), jsonChunk, chunk(binChunk.length, 'BIN\0'), binChunk]);
}

/** Median ms of `check` and the longest event-loop gap seen during the runs. */
async function measure(check: () => Promise<boolean>): Promise<{ ok: boolean; medianMs: number; stallMs: number }> {
  const times: number[] = [];
  let stallMs = 0;
  let ok = true;
  for (let i = 0; i < RUNS; i++) {
    let last = performance.now();
    const timer = setInterval(() => {
      const at = performance.now();
      stallMs = Math.max(stallMs, at - last);
      last = at;
    }, 1);
    const started = performance.now();
    ok = (await check()) && ok;
    times.push(performance.now() - started);
    clearInterval(timer);
  }
  times.sort((a, b) => a - b);
  return { ok, medianMs: times[Math.floor(times.length / 2)] as number, stallMs };
}

const generatedDir = join(root, 'assets', 'avatars');
const sharedDir = join(root, '..', 'shared', 'avatars');
const files: Array<[string, Buffer]> = [
  ...readdirSync(generatedDir).filter((f) => f.endsWith('.vrm')).map((f): [string, Buffer] => [`assets/avatars/${f}`, readFileSync(join(generatedDir, f))]),
  ...(existsSync(sharedDir) ? readdirSync(sharedDir).filter((f) => f.endsWith('.vrm')).map((f): [string, Buffer] => [`../shared/avatars/${f}`, readFileSync(join(sharedDir, f))]) : []),
];
const sunny = readFileSync(join(generatedDir, 'sunny.vrm'));
files.push(['sunny.vrm padded to 10 MB', padded(sunny, 10 * 1024 * 1024 - sunny.length - 64)]);

await inspector.inspect(sunny); // warm-up: the validator's first run compiles it
console.log(`file | MB | accepted | check median ms (${RUNS} runs) | longest event-loop gap ms | validator on the main thread instead: median ms, gap ms`);
for (const [name, bytes] of files) {
  const { ok, medianMs, stallMs } = await measure(async () => (await inspector.inspect(bytes)).ok);
  const inline = await measure(async () => (await validateBytes(new Uint8Array(bytes), { format: 'glb', maxIssues: 64, writeTimestamp: false })).issues.numErrors === 0);
  console.log(`${name} | ${(bytes.length / 1048576).toFixed(2)} | ${ok ? 'yes' : 'NO'} | ${medianMs.toFixed(1)} | ${stallMs.toFixed(1)} | ${inline.medianMs.toFixed(1)}, ${inline.stallMs.toFixed(1)}`);
}
await inspector.close();
