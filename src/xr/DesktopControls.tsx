import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Euler, Vector3 } from 'three';
import type { Seat } from './seat-layout';

/** Walking speed, metres per second. */
const SPEED_MPS = 1.6;
const EYE_HEIGHT_M = 1.6;
const Y_AXIS = new Vector3(0, 1, 0);
const MOVE_KEYS: Readonly<Record<string, readonly [number, number]>> = {
  KeyW: [0, -1], ArrowUp: [0, -1], KeyS: [0, 1], ArrowDown: [0, 1], KeyA: [-1, 0], ArrowLeft: [-1, 0], KeyD: [1, 0], ArrowRight: [1, 0],
};

/**
 * Desktop player controls: starts at `seat` looking at the table; WASD/arrows walk, dragging with
 * the mouse turns the head. Keys are tracked in a set; the frame loop reads it.
 */
export function DesktopControls({ seat }: { readonly seat: Seat }) {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  const held = useMemo(() => new Set<string>(), []);
  const look = useMemo(() => ({ yaw: 0, pitch: -0.15, euler: new Euler(0, 0, 0, 'YXZ'), move: new Vector3() }), []);

  useEffect(() => {
    camera.position.set(seat.x, EYE_HEIGHT_M, seat.z);
    look.yaw = Math.atan2(seat.x, seat.z); // camera looks down −Z: face the centre
  }, [camera, seat.x, seat.z, look]);

  useEffect(() => {
    const isTyping = (e: KeyboardEvent): boolean => e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    const down = (e: KeyboardEvent): void => void (!isTyping(e) && e.code in MOVE_KEYS && held.add(e.code));
    const up = (e: KeyboardEvent): void => void held.delete(e.code);
    let dragging = false;
    const press = (e: PointerEvent): void => void (dragging = e.button === 0);
    const release = (): void => void (dragging = false);
    const move = (e: PointerEvent): void => {
      if (!dragging) return;
      look.yaw -= e.movementX * 0.004;
      look.pitch = Math.max(-1.2, Math.min(1.2, look.pitch - e.movementY * 0.004));
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    dom.addEventListener('pointerdown', press);
    window.addEventListener('pointerup', release);
    window.addEventListener('pointermove', move);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      dom.removeEventListener('pointerdown', press);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointermove', move);
    };
  }, [dom, held, look]);

  useFrame((_, delta) => {
    look.move.set(0, 0, 0);
    for (const code of held) {
      const dir = MOVE_KEYS[code];
      if (!dir) continue;
      look.move.x += dir[0];
      look.move.z += dir[1];
    }
    if (look.move.lengthSq() > 0) {
      look.move.normalize().multiplyScalar(SPEED_MPS * delta).applyAxisAngle(Y_AXIS, look.yaw);
      camera.position.add(look.move);
    }
    look.euler.set(look.pitch, look.yaw, 0);
    camera.quaternion.setFromEuler(look.euler);
  });
  return null;
}

