import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Euler, Vector3 } from 'three';
import type { Seat } from '../scene/seat-layout';

/** Walking speed, metres per second. */
const SPEED_MPS = 1.6;
const EYE_HEIGHT_M = 1.6;
const Y_AXIS = new Vector3(0, 1, 0);
/** Key codes that walk, with their [x, z] direction in the camera's frame. */
const MOVE_CODES: readonly string[] = ['KeyW', 'ArrowUp', 'KeyS', 'ArrowDown', 'KeyA', 'ArrowLeft', 'KeyD', 'ArrowRight'];
const MOVE_DIRS: readonly (readonly [number, number])[] = [[0, -1], [0, -1], [0, 1], [0, 1], [-1, 0], [-1, 0], [1, 0], [1, 0]];

/**
 * Desktop player controls: starts at `seat` looking at the table; WASD/arrows walk, dragging with
 * the mouse turns the head. Key handlers set flags; the frame loop reads them.
 */
export function DesktopControls({ seat }: { readonly seat: Seat }) {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  // One flag per MOVE_CODES entry; the frame loop indexes it, so walking allocates nothing.
  const held = useMemo(() => MOVE_CODES.map(() => false), []);
  const look = useMemo(() => ({ yaw: 0, pitch: -0.15, euler: new Euler(0, 0, 0, 'YXZ'), move: new Vector3() }), []);

  useEffect(() => {
    camera.position.set(seat.x, EYE_HEIGHT_M, seat.z);
    look.yaw = Math.atan2(seat.x, seat.z); // camera looks down −Z: face the centre
  }, [camera, seat.x, seat.z, look]);

  useEffect(() => {
    const isTyping = (e: KeyboardEvent): boolean => e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    const set = (e: KeyboardEvent, on: boolean): void => {
      const i = MOVE_CODES.indexOf(e.code);
      if (i >= 0) held[i] = on && !isTyping(e);
    };
    const down = (e: KeyboardEvent): void => set(e, true);
    const up = (e: KeyboardEvent): void => set(e, false);
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

  const gl = useThree((s) => s.gl);
  useFrame((_, delta) => {
    // In VR the headset moves the camera: writing the desktop look here would hide the head's pose
    // from everything that reads the camera before the frame renders (the head pose sent to the room).
    if (gl.xr.isPresenting) return;
    look.move.set(0, 0, 0);
    for (let i = 0; i < held.length; i++) {
      const dir = MOVE_DIRS[i];
      if (!held[i] || !dir) continue;
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

