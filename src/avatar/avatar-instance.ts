import { CapsuleGeometry, Group, Mesh, MeshStandardMaterial, Quaternion, SphereGeometry, Vector3, type Object3D } from 'three';
import { EMOTION_COLOURS } from '../shared/emotion-colours';
import type { EmotionLabel } from '../shared/emotion-labels';
import type { AvatarFrame } from './avatar-frame';

/** A displayable avatar: a VRM, or a placeholder while (or instead of) loading one. */
export interface AvatarInstance {
  /** Root to add to the scene; faces +Z, feet at the origin. */
  readonly object: Object3D;
  /** Height of the eyes above the feet, metres (for name tags and look-at anchors). */
  readonly eyeHeightM: number;
  readonly isPlaceholder: boolean;
  /**
   * The rendered face's frame now, in world space: where the eyes are, which way the face looks
   * and which way is up for it (unit vectors). A portrait camera placed from this keeps the face
   * still in its picture while the body breathes and the head tilts. Allocation-free.
   */
  faceFrame(eyes: Vector3, forward: Vector3, up: Vector3): void;
  /**
   * Turns the head on the neck (radians; yaw > 0 toward its own left, pitch > 0 looks up, roll > 0
   * toward its own left shoulder). Call before `update`, which poses the model; the remote
   * player's head pose drives it, less whatever the body's own turn already covers.
   */
  setHeadPose(yawRad: number, pitchRad: number, rollRad: number): void;
  update(deltaSec: number, frame: AvatarFrame): void;
  /** Current weight of a VRM expression preset (0 when the avatar lacks it). */
  expressionWeight(name: string): number;
  dispose(): void;
}

/**
 * A face frame that follows `head`: the eyes `eyesAboveM` above it, and the forward (+Z) and up
 * (+Y) of the model's rest pose carried along with the head's rotation. Call while the model is in
 * its rest pose and unparented (its root faces +Z), as right after loading.
 */
export function headLockedFaceFrame(head: Object3D, eyesAboveM: number): AvatarInstance['faceFrame'] {
  head.updateWorldMatrix(true, false);
  const rest = head.getWorldQuaternion(new Quaternion()).invert();
  const forwardLocal = new Vector3(0, 0, 1).applyQuaternion(rest);
  const upLocal = new Vector3(0, 1, 0).applyQuaternion(rest);
  const eyesLocal = new Vector3(0, eyesAboveM, 0).applyQuaternion(rest);
  const q = new Quaternion();
  return (eyes, forward, up) => {
    head.getWorldQuaternion(q);
    head.getWorldPosition(eyes).add(forward.copy(eyesLocal).applyQuaternion(q));
    forward.copy(forwardLocal).applyQuaternion(q);
    up.copy(upLocal).applyQuaternion(q);
  };
}

/** Loads the avatar an avatar id names. Rejects with a readable message on failure. */
export type AvatarFactory = (avatarId: string, signal: AbortSignal) => Promise<AvatarInstance>;

/**
 * Creates a capsule-and-sphere stand-in that tints its head with the emotion's colour (the same
 * colours as the roster and timelines), so emotions read even without a VRM.
 */
export function createPlaceholderAvatar(): AvatarInstance {
  const root = new Group();
  const bodyMaterial = new MeshStandardMaterial({ color: 0x6d7b8d });
  const headMaterial = new MeshStandardMaterial({ color: EMOTION_COLOURS.neutral });
  const body = new Mesh(new CapsuleGeometry(0.22, 0.8, 4, 12), bodyMaterial);
  body.position.y = 0.85;
  const head = new Mesh(new SphereGeometry(0.14, 20, 14), headMaterial);
  head.position.y = 1.5;
  root.add(body, head);
  let label: EmotionLabel = 'neutral';
  let weight = 0;
  return {
    object: root,
    eyeHeightM: 1.52,
    isPlaceholder: true,
    faceFrame: headLockedFaceFrame(head, 0),
    setHeadPose(yawRad, pitchRad, rollRad) {
      head.rotation.set(-pitchRad, yawRad, -rollRad, 'YXZ');
    },
    update(deltaSec, frame) {
      if (frame.emotion.label !== label) {
        label = frame.emotion.label;
        weight = 0;
        headMaterial.color.set(EMOTION_COLOURS[label]);
      }
      weight += (frame.emotion.confidence - weight) * Math.min(1, deltaSec * 12);
      head.scale.y = 1 + 0.3 * frame.speakingLevel;
    },
    expressionWeight: (name) => (name === label ? weight : 0),
    dispose() {
      body.geometry.dispose();
      head.geometry.dispose();
      bodyMaterial.dispose();
      headMaterial.dispose();
    },
  };
}
