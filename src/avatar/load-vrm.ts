import type { Object3D } from 'three';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { VRMLoaderPlugin, VRMMetaLoaderPlugin, VRMUtils, type VRM } from '@pixiv/three-vrm';
import { AvatarLoadError } from './avatar-load-error';
import { readGlbSummary } from './glb-summary';

/** A VRM ready to add to a scene. */
export interface LoadedAvatar {
  vrm: VRM;
  /** `1.0` or `0.x` (0.x models are already rotated to face +Z like 1.0 ones). */
  vrmVersion: '1.0' | '0.x';
  /** Size of the file in bytes. */
  byteLength: number;
}

/** Options of {@link loadVrm}. */
export interface LoadVrmOptions {
  /** Refuse files larger than this (bytes). Default 10 MB, the upload limit. */
  maxBytes?: number;
  /** Cancels the download. */
  signal?: AbortSignal;
  /** Fetch to use for URLs (tests, custom headers). Default global fetch. */
  fetch?: typeof fetch;
}

/** Default size limit, equal to the server's upload limit. */
export const MAX_AVATAR_BYTES = 10 * 1024 * 1024;

async function fetchBytes(url: string, options: LoadVrmOptions): Promise<ArrayBuffer> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, options.signal ? { signal: options.signal } : undefined);
  } catch (cause) {
    throw new AvatarLoadError('fetch-failed', String(cause), { cause });
  }
  if (!response.ok) throw new AvatarLoadError('fetch-failed', `HTTP ${response.status}`);
  return response.arrayBuffer();
}

function createLoader(): GLTFLoader {
  const loader = new GLTFLoader();
  // Third-party VRMs are often meshopt-compressed (EXT_meshopt_compression) with WebP textures,
  // which GLTFLoader reads natively once a decoder is set.
  loader.setMeshoptDecoder(MeshoptDecoder);
  loader.register(
    (parser) => new VRMLoaderPlugin(parser, { metaPlugin: new VRMMetaLoaderPlugin(parser, { needThumbnailImage: false }) }),
  );
  return loader;
}

/**
 * Loads a VRM 1.0 or 0.x avatar from a URL or from bytes. Throws {@link AvatarLoadError}
 * (`fetch-failed`, `too-large`, `not-glb`, `no-vrm-extension`, `parse-failed`); the caller keeps
 * the current avatar on failure. The model is cleaned up (unused vertices removed, skeletons
 * combined, frustum culling off for skinned parts) and 0.x models are turned to face +Z.
 */
export async function loadVrm(source: string | ArrayBuffer, options: LoadVrmOptions = {}): Promise<LoadedAvatar> {
  const maxBytes = options.maxBytes ?? MAX_AVATAR_BYTES;
  const buffer = typeof source === 'string' ? await fetchBytes(source, options) : source;
  if (buffer.byteLength > maxBytes) {
    throw new AvatarLoadError('too-large', `${buffer.byteLength} bytes, limit ${maxBytes}`);
  }
  const summary = readGlbSummary(buffer);
  if (!summary.vrmVersion) throw new AvatarLoadError('no-vrm-extension');

  let gltf: GLTF;
  try {
    gltf = await createLoader().parseAsync(buffer, '');
  } catch (cause) {
    throw new AvatarLoadError('parse-failed', cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const vrm = gltf.userData.vrm as VRM | undefined;
  if (!vrm) throw new AvatarLoadError('no-vrm-extension', 'three-vrm found no VRM in the file');

  VRMUtils.rotateVRM0(vrm);
  VRMUtils.removeUnnecessaryVertices(gltf.scene);
  VRMUtils.combineSkeletons(gltf.scene);
  vrm.scene.traverse((object: Object3D) => {
    // Skinned meshes move away from their bind-pose bounds; culling them makes faces vanish.
    object.frustumCulled = false;
  });
  return { vrm, vrmVersion: summary.vrmVersion, byteLength: buffer.byteLength };
}

/** Frees a loaded VRM's GPU resources and detaches it from its parent. */
export function disposeVrm(vrm: VRM): void {
  vrm.scene.removeFromParent();
  VRMUtils.deepDispose(vrm.scene);
}
