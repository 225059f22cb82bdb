import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Group, Vector3 } from 'three';
import { createLabelTexture } from '../scene/canvas-labels';
import { useSceneServices } from '../scene/scene-services';
import { NudgeLevel, type NudgeView } from '../shared/engagement';
import { nudgeText } from '../ui/engagement-text';
import { MenuButton } from './MenuButton';

/** Props of {@link NudgeLight}. */
export interface NudgeLightProps {
  readonly nudge: NudgeView;
  readonly onAnswer: () => void;
  readonly onSilence: () => void;
  readonly onJoinActivity: () => void;
}

/** Where the light settles: this far ahead of the eyes, a little low and to the left. */
const AHEAD_M = 1.1;
const DOWN_M = 0.12;
const LEFT_M = 0.18;
/** How fast it drifts toward that place (1/s): slow enough to read as drifting in, not popping up. */
const DRIFT_RATE = 1.6;

/**
 * The XR player's private nudge: a soft glowing light that drifts into view from the side with
 * "Still with us?" and ray buttons. Only this client renders it; it follows the head gently.
 */
export function NudgeLight({ nudge, onAnswer, onSilence, onJoinActivity }: NudgeLightProps) {
  const { stats } = useSceneServices();
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const root = useMemo(() => {
    const group = new Group();
    group.scale.setScalar(1.4); // readable at arm's length on a headset
    return group;
  }, []);
  const tmp = useMemo(() => ({ eye: new Vector3(), forward: new Vector3(), left: new Vector3(), target: new Vector3(), placed: false }), []);
  const { title, body } = nudgeText(nudge.level);
  const titleTexture = useMemo(() => createLabelTexture(title, 'rgba(40, 52, 70, 0.92)', '#fff8e1', 768), [title]);
  const bodyTexture = useMemo(() => createLabelTexture(body.length > 60 ? `${body.slice(0, 57)}…` : body, 'rgba(28, 35, 43, 0.88)', '#cfd8dc', 1024), [body]);
  useEffect(() => () => titleTexture.dispose(), [titleTexture]);
  useEffect(() => () => bodyTexture.dispose(), [bodyTexture]);
  useEffect(() => () => void (stats.nudgeInView = false), [stats]);

  useFrame((_, delta) => {
    const head = camera; // in VR three copies the viewer pose into it at every render
    head.getWorldPosition(tmp.eye);
    head.getWorldDirection(tmp.forward);
    tmp.forward.y = 0;
    if (tmp.forward.lengthSq() < 1e-6) tmp.forward.set(0, 0, -1);
    tmp.forward.normalize();
    tmp.left.set(tmp.forward.z, 0, -tmp.forward.x);
    tmp.target.copy(tmp.eye).addScaledVector(tmp.forward, AHEAD_M).addScaledVector(tmp.left, LEFT_M);
    tmp.target.y -= DOWN_M;
    if (!tmp.placed) {
      // Start off to the side, out of the centre of view, and drift in.
      root.position.copy(tmp.target).addScaledVector(tmp.left, 0.9);
      tmp.placed = true;
    }
    root.position.lerp(tmp.target, 1 - Math.exp(-DRIFT_RATE * delta));
    root.lookAt(tmp.eye);
    stats.nudgeInView = gl.xr.isPresenting;
  });

  const invite = nudge.level === NudgeLevel.invite;
  return (
    <primitive object={root}>
      <mesh position={[0, 0.17, 0]}>
        <sphereGeometry args={[0.035, 24, 16]} />
        <meshBasicMaterial color="#ffe9a8" transparent opacity={0.9} />
      </mesh>
      <pointLight position={[0, 0.17, 0.05]} color="#ffe0a0" intensity={nudge.level >= NudgeLevel.alert ? 1.2 : 0.6} distance={1.5} />
      <mesh position={[0, 0.09, 0]}>
        <planeGeometry args={[0.36, 0.045]} />
        <meshBasicMaterial map={titleTexture} transparent />
      </mesh>
      <mesh position={[0, 0.04, 0]}>
        <planeGeometry args={[0.48, 0.045]} />
        <meshBasicMaterial map={bodyTexture} transparent />
      </mesh>
      <MenuButton text="I’m here" active position={[invite ? -0.13 : -0.07, -0.02, 0]} onSelect={onAnswer} />
      {invite ? <MenuButton text="Play" active={false} position={[0, -0.02, 0]} onSelect={onJoinActivity} /> : null}
      <MenuButton text="don’t remind" active={false} position={[invite ? 0.13 : 0.07, -0.02, 0]} onSelect={onSilence} />
    </primitive>
  );
}
