import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Group, Object3D } from 'three';
import { isCelebrating } from '../state';
import { useAppStore } from '../state/use-app-store';
import { createAvatarFrame } from '../avatar';
import { useSceneServices } from '../scene/scene-services';
import type { Seat } from '../scene/seat-layout';
import { useAvatar } from '../scene/use-avatar';

/** Scale of the mirror figure on the table. */
const MIRROR_SCALE = 0.3;
/** Where it stands: this far from the seat toward the table centre, and this far to the left. */
const TOWARD_CENTRE_M = 1.1;
const TO_THE_LEFT_M = 0.3;
const selectAvatarId = (s: { self: { avatarId: string } }): string => s.self.avatarId;

/**
 * The player's own avatar as a small mirrored figure standing on the table in front of their seat,
 * a little to the left, turning to face them: they see their own expression (the VR equivalent
 * of a mirror) without it hiding the people across the table. Only this client renders it.
 */
export function SelfMirror({ tableHeightM, seat }: { readonly tableHeightM: number; readonly seat: Seat }) {
  const { store, avatarFactory, directory } = useSceneServices();
  const avatarId = useAppStore(store, selectAvatarId);
  const avatar = useAvatar(avatarId, avatarFactory);
  const camera = useThree((s) => s.camera);
  const root = useMemo(() => new Group(), []);
  const head = useMemo(() => new Object3D(), []);
  const frame = useMemo(createAvatarFrame, []);

  useEffect(() => {
    if (!avatar) return;
    const len = Math.hypot(seat.x, seat.z) || 1;
    const [ix, iz] = [-seat.x / len, -seat.z / len]; // unit vector from the seat to the centre
    root.position.set(seat.x + ix * TOWARD_CENTRE_M - iz * TO_THE_LEFT_M, tableHeightM, seat.z + iz * TOWARD_CENTRE_M + ix * TO_THE_LEFT_M);
    root.scale.set(-MIRROR_SCALE, MIRROR_SCALE, MIRROR_SCALE); // mirrored, like a reflection
    root.add(avatar.object, head);
    head.position.set(0, avatar.eyeHeightM, 0);
    directory.set({ key: 'self', name: store.getState().self.name, avatar, head });
    return () => {
      root.remove(avatar.object, head);
      directory.remove('self', avatar);
    };
  }, [avatar, root, head, directory, store, tableHeightM, seat]);

  useFrame((_, delta) => {
    if (!avatar) return;
    const { self, activity, sessionId } = store.getState();
    const celebrating = isCelebrating(activity, sessionId);
    root.rotation.y = Math.atan2(camera.position.x - root.position.x, camera.position.z - root.position.z);
    frame.emotion.label = celebrating ? 'happy' : self.emotion.label;
    frame.emotion.confidence = celebrating ? 1 : self.emotion.confidence;
    frame.emotion.arousal = celebrating ? 0.6 : self.emotion.arousal;
    frame.speakingLevel = self.muted ? 0 : self.speaking;
    frame.drowsiness = self.drowsiness;
    frame.lookAtTarget = camera;
    avatar.update(delta, frame);
  });

  return <primitive object={root} />;
}
