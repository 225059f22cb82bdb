import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { EMOTION_LABELS, manualEmotion, type EmotionLabel } from '../shared/emotion-labels';
import type { AppState, ConnectionStatus } from '../state';
import { describeConnection } from '../ui/connection-text';
import { useAppStore } from '../state/use-app-store';
import { createLabelTexture } from '../scene/canvas-labels';
import { BUTTON_H, BUTTON_W, emotionButtonOffset, LEAVE_BUTTON_OFFSET, MENU_POSITION, MENU_ROTATION, MUTE_BUTTON_OFFSET } from './menu-layout';
import { useSceneServices } from '../scene/scene-services';

const selectLabel = (s: AppState): EmotionLabel => s.self.emotion.label;
const selectMuted = (s: AppState): boolean => s.self.muted;
const selectConnection = (s: AppState): ConnectionStatus => s.connection;

/** A line of connection status above the buttons; nothing while connected. */
function StatusLine({ text }: { text: string }) {
  const texture = useMemo(() => (text ? createLabelTexture(text, '#b71c1c', '#ffffff', 768) : null), [text]);
  useEffect(() => () => texture?.dispose(), [texture]);
  if (!texture) return null;
  return (
    <mesh position={[0, 0.12, 0]}>
      <planeGeometry args={[BUTTON_W * 3 + 0.02, BUTTON_H]} />
      <meshBasicMaterial map={texture} transparent />
    </mesh>
  );
}

function MenuButton(props: { text: string; active: boolean; position: readonly [number, number, number]; onSelect: () => void }) {
  const { text, active, position, onSelect } = props;
  const texture = useMemo(() => createLabelTexture(text, active ? '#2e7d32' : '#37474f'), [text, active]);
  useEffect(() => () => texture.dispose(), [texture]);
  // Select on trigger press rather than on click: a click needs press and release within a time
  // window that slow frames can exceed, and pressing is how VR menus usually answer.
  const press = (e: ThreeEvent<PointerEvent>): void => {
    e.stopPropagation();
    onSelect();
  };
  return (
    <mesh position={[position[0], position[1], position[2]]} onPointerDown={press}>
      <planeGeometry args={[BUTTON_W, BUTTON_H]} />
      <meshBasicMaterial map={texture} transparent />
    </mesh>
  );
}

/**
 * The in-world menu, held at the left of the player's seat at chest height and operated with the
 * controller ray: the nine emotions (same order as the number keys), mute and leave, with the
 * connection state above them when it is not plain "connected".
 */
export function XRMenu({ onLeave }: { readonly onLeave: () => void }) {
  const { store } = useSceneServices();
  const current = useAppStore(store, selectLabel);
  const muted = useAppStore(store, selectMuted);
  const connection = useAppStore(store, selectConnection);
  // In VR the DOM banner is invisible; the countdown is left out to avoid redrawing every second.
  const status = describeConnection(connection, connection.kind === 'reconnecting' ? Math.ceil(connection.nextDelayMs / 1000) : 0).text;
  return (
    <group position={[...MENU_POSITION]} rotation={[...MENU_ROTATION]}>
      <mesh position={[0, -0.03, -0.002]}>
        <planeGeometry args={[0.42, 0.25]} />
        <meshBasicMaterial color="#1c232b" transparent opacity={0.85} />
      </mesh>
      <StatusLine text={status} />
      {EMOTION_LABELS.map((label, i) => (
        <MenuButton
          key={label}
          text={`${i + 1} ${label}`}
          active={label === current}
          position={emotionButtonOffset(i)}
          onSelect={() => store.setSelfEmotion(manualEmotion(label))}
        />
      ))}
      <MenuButton text={muted ? 'unmute' : 'mute'} active={muted} position={MUTE_BUTTON_OFFSET} onSelect={() => store.setMuted(!muted)} />
      <MenuButton text="leave" active={false} position={LEAVE_BUTTON_OFFSET} onSelect={onLeave} />
    </group>
  );
}
