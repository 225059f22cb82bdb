import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { Mesh } from 'three';
import { createLabelTexture } from '../scene/canvas-labels';
import { useSceneServices } from '../scene/scene-services';
import type { AppState } from '../state';
import { useAppStore } from '../state/use-app-store';
import { voiceIndicatorText } from '../ui/xr-menu-text';
import { BUTTON_H, VOICE_BAR_LEFT, VOICE_BAR_W, VOICE_TEXT_OFFSET } from './menu-layout';

const selectText = (s: AppState): string => voiceIndicatorText(s.self.emotion.label, s.self.emotion.source, s.self.muted);
/** How fast the bar follows the microphone level (1/s): quick, without flicker. */
const FOLLOW_RATE = 14;
const BAR_H = 0.022;

/**
 * The wrist menu's voice line: what the room hears of the wearer (the emotion the voice is heard
 * as, or the one picked, or "muted") and a bar for the microphone level. The text redraws only
 * when it changes; the bar follows the level every frame without React state.
 */
export function VoiceIndicator() {
  const { store, stats } = useSceneServices();
  const text = useAppStore(store, selectText);
  const muted = useAppStore(store, (s) => s.self.muted);
  const texture = useMemo(() => createLabelTexture(text, muted ? '#6d1b1b' : '#263238', '#ffffff', 512), [text, muted]);
  useEffect(() => () => texture.dispose(), [texture]);
  useEffect(() => void (stats.wristMenu.voiceText = text), [stats, text]);
  const bar = useMemo(() => ({ mesh: null as Mesh | null, level: 0 }), []);
  useEffect(() => () => void (stats.wristMenu.micLevel = 0), [stats]);

  useFrame((_, delta) => {
    const { self } = store.getState();
    const target = self.muted ? 0 : self.speaking;
    bar.level += (target - bar.level) * (1 - Math.exp(-FOLLOW_RATE * delta));
    stats.wristMenu.micLevel = bar.level;
    const mesh = bar.mesh;
    if (!mesh) return;
    const w = Math.max(0.002, bar.level * VOICE_BAR_W);
    mesh.scale.x = w;
    mesh.position.x = VOICE_BAR_LEFT[0] + w / 2;
  });

  return (
    <>
      <mesh position={[...VOICE_TEXT_OFFSET]}>
        <planeGeometry args={[0.25, BUTTON_H]} />
        <meshBasicMaterial map={texture} transparent />
      </mesh>
      <mesh position={[VOICE_BAR_LEFT[0] + VOICE_BAR_W / 2, VOICE_BAR_LEFT[1], 0]}>
        <planeGeometry args={[VOICE_BAR_W, BAR_H + 0.008]} />
        <meshBasicMaterial color="#0e1318" />
      </mesh>
      <mesh ref={(m) => void (bar.mesh = m)} position={[...VOICE_BAR_LEFT]}>
        <planeGeometry args={[1, BAR_H]} />
        <meshBasicMaterial color={muted ? '#8d6e63' : '#66bb6a'} />
      </mesh>
    </>
  );
}
