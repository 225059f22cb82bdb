import { describe, expect, it } from 'vitest';
import { AvatarLoadError, isAvatarLoadError, loadVrm, readGlbSummary } from '../../../src/avatar';
import { rewriteGlbJson, shippedBytes } from '../../fixtures/avatars';

async function failure(promise: Promise<unknown>): Promise<AvatarLoadError> {
  try {
    await promise;
  } catch (error) {
    if (isAvatarLoadError(error)) return error;
    throw error;
  }
  throw new Error('expected loadVrm to fail');
}

describe('loadVrm errors', () => {
  it('rejects bytes that are not a GLB with not-glb and a readable message', async () => {
    const text = new TextEncoder().encode('{"asset":{"version":"2.0"}} this is JSON glTF, not a GLB');
    const error = await failure(loadVrm(text.buffer));
    expect(error.code).toBe('not-glb');
    expect(error.message).toMatch(/not a VRM model/);
    expect((await failure(loadVrm(new ArrayBuffer(4)))).code).toBe('not-glb');
  });

  it('rejects a truncated GLB', async () => {
    const bytes = shippedBytes('sunny').slice(0, 1000);
    expect((await failure(loadVrm(bytes))).code).toBe('not-glb');
  });

  it('rejects a plain glTF without a VRM extension with no-vrm-extension', async () => {
    const plain = rewriteGlbJson(shippedBytes('sunny'), (json) => {
      delete json.extensions;
      delete json.extensionsUsed;
    });
    expect(readGlbSummary(plain).vrmVersion).toBeNull();
    expect((await failure(loadVrm(plain))).code).toBe('no-vrm-extension');
  });

  it('reports a damaged VRM as parse-failed', async () => {
    const broken = rewriteGlbJson(shippedBytes('sunny'), (json) => {
      json.meshes[0].primitives[0].attributes.POSITION = 9999;
    });
    expect((await failure(loadVrm(broken))).code).toBe('parse-failed');
  });

  it('refuses files above the size limit before parsing', async () => {
    const error = await failure(loadVrm(shippedBytes('sunny'), { maxBytes: 1000 }));
    expect(error.code).toBe('too-large');
  });

  it('reports a failed download as fetch-failed', async () => {
    const notFound: typeof fetch = async () => new Response('missing', { status: 404 });
    const error = await failure(loadVrm('https://example.invalid/a.vrm', { fetch: notFound }));
    expect(error.code).toBe('fetch-failed');
    expect(error.message).toContain('404');
    const offline: typeof fetch = async () => {
      throw new TypeError('network down');
    };
    expect((await failure(loadVrm('https://example.invalid/a.vrm', { fetch: offline }))).code).toBe('fetch-failed');
  });

  it('loads from a URL through the given fetch', async () => {
    const bytes = shippedBytes('mint');
    const serve: typeof fetch = async () => new Response(bytes, { status: 200 });
    const { vrm, byteLength } = await loadVrm('/assets/avatars/mint.vrm', { fetch: serve });
    expect(byteLength).toBe(bytes.byteLength);
    expect(vrm.meta.metaVersion === '1' ? vrm.meta.name : null).toBe('Mint');
  });
});
