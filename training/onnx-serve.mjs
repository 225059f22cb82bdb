// Serves an ONNX model through onnxruntime-web (WASM, 1 thread, Node) to a Python process over
// stdin/stdout, so the evaluation in Python can score the exact shipped file.
// Usage: node training/onnx-serve.mjs <model.onnx>
// Request: uint32 LE header length, JSON {shape:[b,n], profileShape?:[b,m]}, then float32 LE
// waveform (b*n) and profile (b*m). Reply: uint32 LE header length, JSON {outputs:[{name,dims}]},
// then each output's float32 data in that order.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(process.argv[2])));
process.stdout.write(JSON.stringify({ inputNames: session.inputNames, outputNames: session.outputNames }) + '\n');

let buf = Buffer.alloc(0);
let busy = false;
const f32 = (b) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

async function pump() {
  if (busy) return;
  busy = true;
  for (;;) {
    if (buf.length < 4) break;
    const hl = buf.readUInt32LE(0);
    if (buf.length < 4 + hl) break;
    const head = JSON.parse(buf.subarray(4, 4 + hl).toString('utf8'));
    const nw = head.shape[0] * head.shape[1] * 4;
    const np = head.profileShape ? head.profileShape[0] * head.profileShape[1] * 4 : 0;
    if (buf.length < 4 + hl + nw + np) break;
    let off = 4 + hl;
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', f32(buf.subarray(off, off + nw)), head.shape) };
    off += nw;
    if (np) feeds[session.inputNames[1]] = new ort.Tensor('float32', f32(buf.subarray(off, off + np)), head.profileShape);
    off += np;
    buf = buf.subarray(off);
    const out = await session.run(feeds);
    const names = session.outputNames;
    const header = Buffer.from(JSON.stringify({ outputs: names.map((n) => ({ name: n, dims: out[n].dims })) }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length, 0);
    const parts = [len, header, ...names.map((n) => Buffer.from(out[n].data.buffer, out[n].data.byteOffset, out[n].data.byteLength))];
    process.stdout.write(Buffer.concat(parts));
  }
  busy = false;
}

process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  pump();
});
process.stdin.on('end', () => setTimeout(() => process.exit(0), 100));
