import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { CanvasTexture, LinearFilter } from 'three';
import { LABEL_H_PX, paintLabel } from '../scene/canvas-labels';
import { EMOTION_LABELS, type EmotionLabel } from '../shared/emotion-labels';
import { BUTTON_GAP, BUTTON_H, BUTTON_W, emotionButtonAt, emotionButtonOffset } from './menu-layout';

/** The 3 × 3 block of emotion buttons, its centre (button 4's) and size on the panel, metres. */
const [CX, CY] = emotionButtonOffset(4);
const GRID_W = 3 * BUTTON_W + 2 * BUTTON_GAP;
const GRID_H = 3 * BUTTON_H + 2 * BUTTON_GAP;
/** Canvas pixels per metre: a button's label is as sharp as a MenuButton's. */
const PX_PER_M = LABEL_H_PX / BUTTON_H;

/** Paints the nine buttons, `current` highlighted, into one canvas. */
function paintGrid(current: EmotionLabel): CanvasTexture {
  const canvas = Object.assign(document.createElement('canvas'), { width: Math.round(GRID_W * PX_PER_M), height: Math.round(GRID_H * PX_PER_M) });
  const ctx = canvas.getContext('2d');
  EMOTION_LABELS.forEach((label, i) => {
    const [x, y] = emotionButtonOffset(i);
    const left = Math.round((x - BUTTON_W / 2 - CX + GRID_W / 2) * PX_PER_M);
    const top = Math.round((GRID_H / 2 - (y - CY) - BUTTON_H / 2) * PX_PER_M);
    if (ctx) paintLabel(ctx, left, top, Math.round(BUTTON_W * PX_PER_M), `${i + 1} ${label}`, label === current ? '#2e7d32' : '#37474f');
  });
  const texture = new CanvasTexture(canvas);
  texture.minFilter = LinearFilter;
  return texture;
}

/**
 * The emotion picker of the XR menu: nine ray buttons (same order as the number keys) drawn as
 * one plane, so they cost one draw call per eye instead of nine. A trigger press picks the
 * button under the ray; presses in the gaps do nothing.
 */
export function EmotionGrid({ current, onPick }: { readonly current: EmotionLabel; readonly onPick: (label: EmotionLabel) => void }) {
  const texture = useMemo(() => paintGrid(current), [current]);
  useEffect(() => () => texture.dispose(), [texture]);
  const press = (e: ThreeEvent<PointerEvent>): void => {
    e.stopPropagation();
    const local = e.object.worldToLocal(e.point.clone());
    const label = EMOTION_LABELS[emotionButtonAt(local.x + CX, local.y + CY)];
    if (label) onPick(label);
  };
  return (
    <mesh position={[CX, CY, 0]} onPointerDown={press}>
      <planeGeometry args={[GRID_W, GRID_H]} />
      <meshBasicMaterial map={texture} transparent />
    </mesh>
  );
}
