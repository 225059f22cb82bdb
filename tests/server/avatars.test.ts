import { request } from 'node:http';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVATAR_UPLOAD_PATH, type AvatarUploadResponse } from '../../src/shared/avatar-upload';
import { LIMITS } from '../../src/shared/protocol';
import { buildGlb, minimalVrm0, minimalVrm1 } from '../fixtures/glb';
import { startTestServer, type TestServer } from './helpers';

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
    const file = minimalVrm1();
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

  it('accepts a VRM 0.x file', async () => {
    const res = await post(server, minimalVrm0());
    expect(res.status).toBe(201);
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
