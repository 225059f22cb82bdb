import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { createLabelTexture } from '../scene/canvas-labels';
import { BUTTON_H, BUTTON_W } from './menu-layout';

/** Props of {@link MenuButton}. */
export interface MenuButtonProps {
  readonly text: string;
  readonly active: boolean;
  readonly position: readonly [number, number, number];
  readonly onSelect: () => void;
  /** Width in metres (default BUTTON_W). */
  readonly width?: number;
}

/** A ray-operated button of the in-world panels: a label on a plane that answers the trigger. */
export function MenuButton({ text, active, position, onSelect, width = BUTTON_W }: MenuButtonProps) {
  const texture = useMemo(() => createLabelTexture(text, active ? '#2e7d32' : '#37474f', '#ffffff', Math.round(256 * (width / BUTTON_W))), [text, active, width]);
  useEffect(() => () => texture.dispose(), [texture]);
  // Select on trigger press rather than on click: a click needs press and release within a time
  // window that slow frames can exceed, and pressing is how VR menus usually answer.
  const press = (e: ThreeEvent<PointerEvent>): void => {
    e.stopPropagation();
    onSelect();
  };
  return (
    <mesh position={[position[0], position[1], position[2]]} onPointerDown={press}>
      <planeGeometry args={[width, BUTTON_H]} />
      <meshBasicMaterial map={texture} transparent />
    </mesh>
  );
}

