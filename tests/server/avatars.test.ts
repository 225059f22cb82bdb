import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVATAR_UPLOAD_PATH, type AvatarUploadResponse } from '../../src/shared/avatar-upload';
import { LIMITS } from '../../src/shared/protocol';
import { createVrmInspector } from '../../server/glb';
import { createGltfValidator } from '../../server/gltf-validator';
import { rewriteGlbJson } from '../fixtures/avatars';
import { buildGlb, minimalVrm1 } from '../fixtures/glb';
import { REPO_ROOT, sharedDir } from '../harness/paths';
import { sleep, startTestServer, type TestServer } from './helpers';
import { httpFrom } from './http-from';

/** The avatars the project generated (assets/avatars) and the third-party ones in ../shared/avatars, when present. */
const GENERATED_DIR = join(REPO_ROOT, 'assets', 'avatars');
const generated = readdirSync(GENERATED_DIR).filter((f) => f.endsWith('.vrm')).sort();
const thirdPartyDir = sharedDir() && existsSync(join(sharedDir() as string, 'avatars')) ? join(sharedDir() as string, 'avatars') : null;
const thirdParty = thirdPartyDir ? readdirSync(thirdPartyDir).filter((f) => f.endsWith('.vrm')).sort() : [];
if (thirdParty.length === 0) console.warn('avatar upload: ../shared/avatars is absent: the third-party VRM cases are SKIPPED.');

const readGenerated = (file: string) => readFileSync(join(GENERATED_DIR, file));
/** A generated avatar with its JSON edited (the BIN chunk kept). */
const edited = (file: string, edit: (json: Record<string, any>) => void): Buffer => {
  const bytes = readGenerated(file);
  return Buffer.from(rewriteGlbJson(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, edit));
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Streams `totalBytes` in chunks without a Content-Length (chunked encoding), stopping as soon
 * as the server answers. Resolves with the status, JSON body and how much was written.
 */
function streamUpload(baseUrl: string, totalBytes: number): Promise<{ status: number; body: unknown; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(`${baseUrl}${AVATAR_UPLOAD_PATH}`, { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown, written }));
    });
    req.on('error', (error) => { if (!answered) reject(error); });
    const chunk = Buffer.alloc(256 * 1024, 7);
    const pump = () => {
      while (!answered && written < totalBytes) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const post = (server: TestServer, body: Uint8Array) =>
  fetch(`${server.baseUrl}${AVATAR_UPLOAD_PATH}`, { method: 'POST', body: new Uint8Array(body), headers: { 'Content-Type': 'application/octet-stream' } });

describe('avatar upload', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => server?.stop());

  it('stores a VRM 1.0 file by content hash and serves it back as model/gltf-binary', async () => {
    const file = readGenerated('sunny.vrm');
    const res = await post(server, file);
    expect(res.status).toBe(201);
    const answer = (await res.json()) as AvatarUploadResponse;
    expect(answer.id).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.url).toBe(`${AVATAR_UPLOAD_PATH}/${answer.id}.vrm`);
    expect(answer.avatarId).toBe(`upload:${answer.id}`);
    expect(await readdir(server.uploadDir)).toEqual([`${answer.id}.vrm`]);

    const download = await fetch(`${server.baseUrl}${answer.url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('model/gltf-binary');
    expect(download.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(download.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);

    const again = await post(server, file);
    expect(again.status).toBe(200);
    expect(((await again.json()) as AvatarUploadResponse).id).toBe(answer.id);
  });

  it('names a file by the hash of its bytes, never by the client: an upload cannot replace another player’s file', async () => {
    const file = readGenerated('coral.vrm');
    const answer = (await (await post(server, file)).json()) as AvatarUploadResponse;
    expect(answer.id).toBe(sha256(file));
    const stored = join(server.uploadDir, `${answer.id}.vrm`);
    const before = await stat(stored);
    // The same bytes again leave the stored file itself alone (same inode: never rewritten).
    expect((await post(server, file)).status).toBe(200);
    expect((await stat(stored)).ino).toBe(before.ino);
    // There is no way to write to a chosen id.
    for (const method of ['PUT', 'POST', 'DELETE']) {
      const res = await fetch(`${server.baseUrl}${answer.url}`, { method, body: method === 'DELETE' ? null : new Uint8Array(readGenerated('moss.vrm')) });
      expect(res.status, method).toBe(405);
    }
    expect(readFileSync(stored).equals(file)).toBe(true);
  });

  it.each(generated)('accepts the generated avatar %s (Khronos validator and VRM checks)', async (file) => {
    const res = await post(server, readGenerated(file));
    expect([200, 201]).toContain(res.status);
  });

  it.skipIf(thirdParty.length === 0).each(thirdParty)('accepts the third-party VRM %s from ../shared/avatars', async (file) => {
    const res = await post(server, readFileSync(join(thirdPartyDir as string, file)));
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  });

  it.each([
    ['an accessor running past its buffer view', edited('luna.vrm', (j) => { j.accessors[0].count *= 1000; }), /not a valid glTF: 1 glTF error: ACCESSOR_TOO_LONG at \/accessors\/0: /],
    ['a reference to a missing accessor', edited('luna.vrm', (j) => { j.meshes[0].primitives[0].attributes.POSITION = 9999; }), /UNRESOLVED_REFERENCE at \/meshes\/0\/primitives\/0\/attributes\/POSITION/],
    ['many errors (only the first three are quoted)', edited('luna.vrm', (j) => { for (const a of j.accessors.slice(0, 6)) a.count *= 1000; }), /\d+ glTF errors: (ACCESSOR_TOO_LONG[^;]*; ){2}ACCESSOR_TOO_LONG[^;]* \(and \d+ more\)\.$/],
    ['an image fetched from another site', edited('luna.vrm', (j) => { j.images = [...(j.images ?? []), { uri: 'https://evil.example/x.png' }]; }), /IO_ERROR at \/images\/\d+\/uri/],
    ['a humanoid without its left hand', edited('luna.vrm', (j) => { delete j.extensions.VRMC_vrm.humanoid.humanBones.leftHand; }), /not a usable VRM 1\.0 avatar: the humanoid lacks required bones: leftHand\./],
    ['two bones on one node', edited('luna.vrm', (j) => { const b = j.extensions.VRMC_vrm.humanoid.humanBones; b.rightHand = b.leftHand; }), /bone rightHand shares its node/],
    ['a required extension the app cannot read', edited('luna.vrm', (j) => { j.extensionsUsed.push('KHR_draco_mesh_compression'); j.extensionsRequired = ['KHR_draco_mesh_compression']; }), /requires glTF extensions the app cannot read: KHR_draco_mesh_compression/],
    ['a VRM extension with no skeleton', minimalVrm1(), /lacks required bones: spine, leftUpperArm/],
  ])('rejects %s with 400, quoting what is wrong', async (_what, body, message) => {
    const res = await post(server, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it.each([
    ['a text file', Buffer.from('hello, I am not a model'), /not a GLB/],
    ['a glTF without any VRM extension', buildGlb({ asset: { version: '2.0' }, extensionsUsed: ['KHR_materials_unlit'] }), /not a VRM/],
    ['a glTF 1 container', (() => { const b = minimalVrm1(); b.writeUInt32LE(1, 4); return b; })(), /version 1/],
    ['a truncated file', minimalVrm1().subarray(0, 60), /length/],
    ['a GLB whose JSON is broken', (() => { const b = minimalVrm1(); b.write('{{{{', 20, 'ascii'); return b; })(), /JSON/],
    ['an empty body', Buffer.alloc(0), /empty/],
  ])('rejects %s with 400 and a clear message', async (_what, body, message) => {
    const res = await post(server, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('stored nothing for any refused upload', async () => {
    const names = await readdir(server.uploadDir);
    const accepted = new Set([...generated.map((f) => sha256(readGenerated(f))), ...thirdParty.map((f) => sha256(readFileSync(join(thirdPartyDir as string, f))))]);
    expect(names.filter((n) => !accepted.has(n.replace(/\.vrm$/, '')))).toEqual([]);
  });

  it('rejects a declared oversize upload with 413 before reading it', async () => {
    const body = Buffer.alloc(LIMITS.avatarUploadMaxBytes + 1);
    const res = await post(server, body);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 10 MB/);
  });

  it('rejects a streamed (chunked) oversize upload with 413 while it is still arriving', async () => {
    const total = 64 * 1024 * 1024;
    const result = await streamUpload(server.baseUrl, total);
    expect(result.status).toBe(413);
    expect(result.body).toEqual({ error: expect.stringMatching(/larger than/) });
    expect(result.written).toBeLessThan(total);
  });

  it('answers unknown avatar ids, bad paths and wrong methods with JSON errors', async () => {
    const missing = await fetch(`${server.baseUrl}${AVATAR_UPLOAD_PATH}/${'0'.repeat(64)}.vrm`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.any(String) });
    const traversal = await fetch(`${server.baseUrl}${AVATAR_UPLOAD_PATH}/..%2f..%2fpackage.json`);
    expect(traversal.status).toBe(404);
    const get = await fetch(`${server.baseUrl}${AVATAR_UPLOAD_PATH}`);
    expect(get.status).toBe(405);
    const unknownApi = await fetch(`${server.baseUrl}/api/nothing`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toEqual({ error: expect.stringContaining('/api/nothing') });
  });
});

describe('avatar storage limits', () => {
  // d is the smallest: evicting any one of the others makes room for it.
  const [a, b, c, d] = ['sunny.vrm', 'coral.vrm', 'ember.vrm', 'moss.vrm'].map(readGenerated) as [Buffer, Buffer, Buffer, Buffer];
  const files = async (server: TestServer) => (await readdir(server.uploadDir)).filter((n) => n.endsWith('.vrm')).sort();
  const named = (...bodies: Buffer[]) => bodies.map((body) => `${sha256(body)}.vrm`).sort();

  it('evicts the least recently used uploads past the quota (a download counts as use)', async () => {
    const server = await startTestServer({ security: { uploadQuotaBytes: a.length + b.length + c.length, uploadKeepRecentMs: 0 } });
    try {
      for (const body of [a, b, c]) {
        expect((await post(server, body)).status).toBe(201);
        await sleep(20);
      }
      expect((await fetch(`${server.baseUrl}${AVATAR_UPLOAD_PATH}/${sha256(a)}.vrm`)).status).toBe(200);
      await sleep(20);
      expect((await post(server, d)).status).toBe(201);
      // b was the least recently used (a was downloaded after it): only b went.
      expect(await files(server)).toEqual(named(a, c, d));
      expect((await fetch(`${server.baseUrl}${AVATAR_UPLOAD_PATH}/${sha256(b)}.vrm`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('never evicts an avatar used recently: a full store refuses the upload with 507 and keeps every file', async () => {
    const server = await startTestServer({ security: { uploadQuotaBytes: a.length + b.length } });
    try {
      for (const body of [a, b]) expect((await post(server, body)).status).toBe(201);
      const res = await post(server, c);
      expect(res.status).toBe(507);
      expect(((await res.json()) as { error: string }).error).toMatch(/no room for more avatars/);
      expect(await files(server)).toEqual(named(a, b));
    } finally {
      await server.stop();
    }
  });

  it('limits uploads per address with 429 and Retry-After; another address still uploads', async () => {
    const server = await startTestServer({ security: { rateExempt: [], uploadRate: { burst: 2, perSecond: 1 / 60 } } });
    try {
      const upload = (body: Buffer, from: string) => httpFrom(`${server.baseUrl}${AVATAR_UPLOAD_PATH}`, { method: 'POST', from, body });
      expect((await upload(a, '127.0.0.2')).status).toBe(201);
      expect((await upload(b, '127.0.0.2')).status).toBe(201);
      const refused = await upload(c, '127.0.0.2');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(30);
      expect((refused.body as { error: string }).error).toMatch(/Too many avatar uploads from your address/);
      expect((await upload(c, '127.0.0.3')).status).toBe(201);
      expect(await files(server)).toEqual(named(a, b, c));
    } finally {
      await server.stop();
    }
  });
});

describe('the upload check’s validator thread', () => {
  it('cuts off a validation that takes too long and refuses the file with a reason (the normal limit passes the same file)', async () => {
    const slow = createVrmInspector(createGltfValidator(1));
    const normal = createVrmInspector();
    try {
      const refused = await slow.inspect(readGenerated('luna.vrm'));
      expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/validator could not check it \(it took longer than 0\.001 s\)/) });
      expect(await normal.inspect(readGenerated('luna.vrm'))).toEqual({ ok: true, vrmVersion: '1.0' });
    } finally {
      await slow.close();
      await normal.close();
    }
  });
});
