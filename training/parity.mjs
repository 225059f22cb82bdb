// Runs an ONNX model through onnxruntime-web (WASM backend, Node) on the cases Python wrote
// and prints, as JSON, the max absolute difference per output against PyTorch's outputs.
// Usage: node training/parity.mjs <cases.json>   (cases: [{input, shape, profile?, expected: {name: file}}])
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-web';

const casesPath = process.argv[2];
const dir = dirname(casesPath);
const spec = JSON.parse(readFileSync(casesPath, 'utf8'));
const readF32 = (f) => {
  const b = readFileSync(join(dir, f));
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};

ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(spec.model)));
const maxDiff = {};
const perCase = [];
let argmaxMismatches = 0;
for (const c of spec.cases) {
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', readF32(c.input), c.shape) };
  if (c.profile) feeds[c.profile.name] = new ort.Tensor('float32', readF32(c.profile.file), c.profile.shape);
  const out = await session.run(feeds);
  const caseDiff = {};
  perCase.push(caseDiff);
  for (const [name, file] of Object.entries(c.expected)) {
    const want = readF32(file);
    const got = out[name].data;
    if (got.length !== want.length) throw new Error(`${name}: length ${got.length} != ${want.length}`);
    let m = 0;
    for (let i = 0; i < got.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]));
    maxDiff[name] = Math.max(maxDiff[name] ?? 0, m);
    caseDiff[name] = m;
  }
  const p = out.probabilities.data;
  const q = readF32(c.expected.probabilities);
  const k = out.probabilities.dims[1];
  for (let b = 0; b < c.shape[0]; b++) {
    const row = (a) => Array.from(a.slice(b * k, (b + 1) * k));
    const am = (r) => r.indexOf(Math.max(...r));
    if (am(row(p)) !== am(row(q))) argmaxMismatches++;
  }
}
console.log(JSON.stringify({
  inputNames: session.inputNames, outputNames: session.outputNames, maxDiff, argmaxMismatches, perCase,
  cases: spec.cases.length,
}));
