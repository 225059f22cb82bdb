import { wrapAngle } from '../shared/angle';
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Group, Object3D, Vector3 } from 'three';
import { createAvatarFrame } from '../avatar';
import { isCelebrating, SPEAKING_FROM } from '../state';
import { createEmotionCue } from './emotion-cue';
import type { NameTagLayer, NameTagMark } from './name-tag-layer';
import { useSceneServices } from './scene-services';
import { chooseSpeakingLevel, NO_LEVEL } from '../talk/voice-levels';
import { createBodyTurn, stepBodyTurn } from './body-turn';
import { avatarYawFromHead, headTiltFromQuaternion, type HeadTilt } from './head-pose';
import type { Seat } from './seat-layout';
import { useAvatar } from './use-avatar';

/** Props of PeerAvatar. */
export interface PeerAvatarProps {
  readonly sessionId: string;
  readonly avatarId: string;
  readonly seat: Seat;
  /** Where this avatar's name tag is drawn (one layer for every tag). */
  readonly tags: NameTagLayer;
}

/** How fast the rendered head follows received poses (1/s); ~100 ms to close most of a gap. */
const FOLLOW_RATE = 10;

/**
 * Another player's avatar: body placed from their interpolated head pose and turned toward its yaw
 * past a threshold (src/scene/body-turn.ts), head turned and tilted on the neck for the rest, face
 * driven by their emotion, name tag above.
 */
export function PeerAvatar({ sessionId, avatarId, seat, tags }: PeerAvatarProps) {
  const { store, avatarFactory, directory, focus, spatialVoice } = useSceneServices();
  const camera = useThree((s) => s.camera);
  const avatar = useAvatar(avatarId, avatarFactory);
  const root = useMemo(() => new Group(), []);
  const head = useMemo(() => new Object3D(), []);
  const tag = useMemo(() => tags.acquire(), [tags]);
  const tagAt = useMemo(() => ({ local: new Vector3(), world: new Vector3() }), []);
  const cue = useMemo(() => createEmotionCue(), []);
  const frame = useMemo(createAvatarFrame, []);
  const shown = useMemo(() => ({ name: '', label: '', mark: '' as NameTagMark, placed: false, yaw: 0, pitch: 0, roll: 0 }), []);
  const tilt = useMemo<HeadTilt>(() => ({ pitchRad: 0, rollRad: 0 }), []);
  const turn = useMemo(() => createBodyTurn(seat.yawRad), [seat.yawRad]);

  useEffect(() => {
    if (!avatar) return;
    root.add(avatar.object, head, cue.mesh);
    head.position.set(0, avatar.eyeHeightM, 0);
    tagAt.local.set(0, avatar.eyeHeightM + 0.35, 0);
    cue.mesh.position.set(0, avatar.eyeHeightM + 0.2, 0);
    const entry = { key: sessionId, name: store.getState().peers[sessionId]?.name ?? '', avatar, head };
    directory.set(entry);
    return () => {
      root.remove(avatar.object, head, cue.mesh);
      directory.remove(sessionId, avatar);
    };
  }, [avatar, root, head, tagAt, cue, sessionId, directory, store]);
  useEffect(() => () => tag.release(), [tag]);
  useEffect(() => () => cue.dispose(), [cue]);

  useFrame((_, delta) => {
    const state = store.getState();
    const peer = state.peers[sessionId];
    if (!peer || !avatar) return;
    const pose = state.poses[sessionId];
    const hasPose = pose !== undefined && (pose.position[0] !== 0 || pose.position[2] !== 0);
    const tx = hasPose ? pose.position[0] : seat.x;
    const tz = hasPose ? pose.position[2] : seat.z;
    const tyaw = hasPose ? avatarYawFromHead(pose.quaternion[0], pose.quaternion[1], pose.quaternion[2], pose.quaternion[3]) : seat.yawRad;
    const first = !shown.placed;
    const k = first ? 1 : 1 - Math.exp(-FOLLOW_RATE * delta);
    shown.placed = true;
    root.position.x += (tx - root.position.x) * k;
    root.position.z += (tz - root.position.z) * k;
    // The head follows the pose closely; the body turns under it only past a comfortable range.
    shown.yaw = first ? tyaw : shown.yaw + wrapAngle(tyaw - shown.yaw) * k;
    stepBodyTurn(turn, shown.yaw, delta, first);
    root.rotation.y = turn.bodyYawRad;
    if (hasPose) headTiltFromQuaternion(pose.quaternion[0], pose.quaternion[1], pose.quaternion[2], pose.quaternion[3], tilt);
    // Neck range, so an odd pose cannot fold the head over.
    shown.pitch += (Math.max(-0.6, Math.min(0.6, hasPose ? tilt.pitchRad : 0)) - shown.pitch) * k;
    shown.roll += (Math.max(-0.4, Math.min(0.4, hasPose ? tilt.rollRad : 0)) - shown.roll) * k;
    avatar.setHeadPose(turn.neckYawRad, shown.pitch, shown.roll);
    // Straight above the avatar's root (a child of the untransformed scene root): no matrix update needed.
    tag.place(tagAt.world.set(root.position.x, root.position.y + tagAt.local.y, root.position.z));
    // Their voice comes from their head (eye height above the root, which turns only about Y).
    spatialVoice?.setPeerPosition(sessionId, root.position.x, root.position.y + head.position.y, root.position.z);

    // Winners of the group activity beam while its final scoreboard is up.
    const celebrating = isCelebrating(state.activity, sessionId);
    frame.emotion.label = celebrating ? 'happy' : peer.emotion.label;
    frame.emotion.confidence = celebrating ? 1 : peer.emotion.confidence;
    frame.emotion.arousal = celebrating ? 0.6 : peer.emotion.arousal;
    // The voice heard here when it plays (in step with the sound), else the room's level.
    frame.speakingLevel = chooseSpeakingLevel(spatialVoice ? spatialVoice.levelOf(sessionId) : NO_LEVEL, peer.speaking);
    frame.drowsiness = peer.drowsiness;
    const speaker = focus.speaker && focus.speaker !== sessionId ? directory.get(focus.speaker) : undefined;
    frame.lookAtTarget = speaker ? speaker.head : camera;
    avatar.update(delta, frame);
    // At a glance for spectators, who see faces from afar; players read the faces themselves.
    cue.update(frame.emotion.label, frame.emotion.confidence, state.mode === 'spectator');

    // Speaking shows from SPEAKING_FROM and stays down to half of it, so the ring does not flicker between syllables.
    const speakingNow = frame.speakingLevel >= (shown.mark === 'speaking' ? SPEAKING_FROM / 2 : SPEAKING_FROM);
    const mark: NameTagMark = peer.voiceMuted ? 'muted' : speakingNow ? 'speaking' : '';
    if (peer.name !== shown.name || peer.emotion.label !== shown.label || mark !== shown.mark) {
      shown.name = peer.name;
      shown.label = peer.emotion.label;
      shown.mark = mark;
      tag.setText(peer.name || 'guest', peer.emotion.label, mark);
      const entry = directory.get(sessionId);
      if (entry) entry.name = peer.name;
    }
  });

  return <primitive object={root} />;
}
