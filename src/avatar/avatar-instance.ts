import { CapsuleGeometry, Group, Mesh, MeshStandardMaterial, SphereGeometry, type Object3D } from 'three';
import type { EmotionLabel } from '../shared/emotion-labels';

/** What an avatar reads each frame; one object per avatar, rewritten in place. */
export interface AvatarFrame {
  emotion: { label: EmotionLabel; confidence: number };
  speakingLevel: number;
  drowsiness: number;
  lookAtTarget: Object3D | null;
}

/** A displayable avatar: a VRM, or a placeholder while (or instead of) loading one. */
export interface AvatarInstance {
  /** Root to add to the scene; faces +Z, feet at the origin. */
  readonly object: Object3D;
  /** Height of the eyes above the feet, metres (for name tags and look-at anchors). */
  readonly eyeHeightM: number;
  readonly isPlaceholder: boolean;
  /**
   * Tilts the head (radians; pitch > 0 looks up, roll > 0 toward its own left shoulder). Call
   * before `update`, which poses the model; the remote player's head pose drives it.
   */
  setHeadTilt(pitchRad: number, rollRad: number): void;
  update(deltaSec: number, frame: AvatarFrame): void;
  /** Current weight of a VRM expression preset (0 when the avatar lacks it). */
  expressionWeight(name: string): number;
  dispose(): void;
}

/** Loads the avatar an avatar id names. Rejects with a readable message on failure. */
export type AvatarFactory = (avatarId: string, signal: AbortSignal) => Promise<AvatarInstance>;

/** Face colours of the placeholder per label, so emotions read even without a VRM. */
const LABEL_COLOURS: Readonly<Record<EmotionLabel, number>> = {
  neutral: 0xc8c8c8, calm: 0x9fd8c8, happy: 0xffd54a, sad: 0x5b8def, angry: 0xe53935,
  fearful: 0xa070d0, disgust: 0x7cb342, surprised: 0xff9800, sleepy: 0x8d99ae,
};

/** Creates a capsule-and-sphere stand-in that tints its head by the current emotion. */
export function createPlaceholderAvatar(): AvatarInstance {
  const root = new Group();
  const bodyMaterial = new MeshStandardMaterial({ color: 0x6d7b8d });
  const headMaterial = new MeshStandardMaterial({ color: LABEL_COLOURS.neutral });
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
    setHeadTilt(pitchRad, rollRad) {
      head.rotation.set(-pitchRad, 0, -rollRad);
    },
    update(deltaSec, frame) {
      if (frame.emotion.label !== label) {
        label = frame.emotion.label;
        weight = 0;
        headMaterial.color.setHex(LABEL_COLOURS[label]);
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
