import { Vector3 } from 'three';
import {
  createAvatarController,
  DEFAULT_AVATAR_ID,
  disposeVrm,
  loadVrm,
  shippedAvatarUrl,
  type LoadedAvatar,
} from './';
import { urlForUploadedAvatarId } from '../shared/avatar-upload';
import { headLockedFaceFrame, type AvatarFactory, type AvatarInstance } from './avatar-instance';

/** The eyes sit about this far above a VRM's head bone. */
const EYES_ABOVE_HEAD_BONE_M = 0.07;

/**
 * Where the VRM for an avatar id lives: a shipped avatar, an upload (`upload:<sha256>`), or a
 * same-origin path. Unknown ids fall back to the default shipped avatar.
 */
export function avatarUrlFor(avatarId: string): string | null {
  const uploaded = urlForUploadedAvatarId(avatarId);
  if (uploaded) return uploaded;
  if (avatarId.startsWith('/') && !avatarId.startsWith('//')) return avatarId;
  return shippedAvatarUrl(avatarId) ?? shippedAvatarUrl(DEFAULT_AVATAR_ID);
}

/** Wraps a loaded VRM and its controller as a scene avatar. */
export function createVrmAvatar(loaded: LoadedAvatar): AvatarInstance {
  const { vrm } = loaded;
  const controller = createAvatarController(vrm);
  vrm.scene.updateMatrixWorld(true);
  const headNode = vrm.humanoid.getNormalizedBoneNode('head');
  const eyeHeightM = headNode ? headNode.getWorldPosition(new Vector3()).y + EYES_ABOVE_HEAD_BONE_M : 1.5;
  const neck = vrm.humanoid.getNormalizedBoneNode('neck') ?? headNode;
  // Normalized bones of a 0.x model face -Z (the scene is turned instead), which mirrors X and Z.
  const tiltSign = loaded.vrmVersion === '0.x' ? 1 : -1;
  const faceAnchor = vrm.humanoid.getRawBoneNode('head') ?? headNode ?? vrm.scene;
  return {
    object: vrm.scene,
    eyeHeightM,
    isPlaceholder: false,
    faceFrame: headLockedFaceFrame(faceAnchor, EYES_ABOVE_HEAD_BONE_M),
    setHeadPose(yawRad, pitchRad, rollRad) {
      neck?.rotation.set(tiltSign * pitchRad, yawRad, tiltSign * rollRad, 'YXZ');
    },
    update: (deltaSec, frame) => controller.update(deltaSec, frame),
    expressionWeight: (name) => controller.getExpressionWeight(name),
    dispose() {
      controller.dispose();
      disposeVrm(vrm);
    },
  };
}

/** Creates the factory the scene uses to load avatars (URL resolution + VRM load + controller). */
export function createVrmAvatarFactory(): AvatarFactory {
  return async (avatarId, signal) => {
    const url = avatarUrlFor(avatarId);
    if (!url) throw new Error(`no VRM for avatar "${avatarId}" (assets/avatars is empty?)`);
    const loaded = await loadVrm(url, { signal });
    if (signal.aborted) {
      disposeVrm(loaded.vrm);
      throw new DOMException('aborted', 'AbortError');
    }
    return createVrmAvatar(loaded);
  };
}
