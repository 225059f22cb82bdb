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
 * the mouse turns the head. Walking follows how long each key was held (key event times), not
 * how many frames came while it was: a press between two frames of a struggling machine still
 * walks its full distance, and the frame loop only applies what was held since the last frame.
 */
export function DesktopControls({ seat }: { readonly seat: Seat }) {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  // Per MOVE_CODES entry: held since (ms, NaN when up) and ms held but not yet walked. The frame
  // loop indexes them, so walking allocates nothing.
  const held = useMemo(() => ({ since: MOVE_CODES.map(() => NaN), pendingMs: MOVE_CODES.map(() => 0) }), []);
  const look = useMemo(() => ({ yaw: 0, pitch: -0.15, euler: new Euler(0, 0, 0, 'YXZ'), move: new Vector3() }), []);

  useEffect(() => {
    camera.position.set(seat.x, EYE_HEIGHT_M, seat.z);
    look.yaw = Math.atan2(seat.x, seat.z); // camera looks down −Z: face the centre
  }, [camera, seat.x, seat.z, look]);

  useEffect(() => {
    const isTyping = (e: KeyboardEvent): boolean => e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    const set = (e: KeyboardEvent, on: boolean): void => {
      const i = MOVE_CODES.indexOf(e.code);
      if (i < 0) return;
      const now = performance.now();
      const since = held.since[i]!;
      if (!Number.isNaN(since)) held.pendingMs[i]! += now - since;
      held.since[i] = on && !isTyping(e) ? now : NaN;
    };
    const down = (e: KeyboardEvent): void => set(e, true);
    const up = (e: KeyboardEvent): void => set(e, false);
    // A window that loses focus never hears the key come up: stop walking there.
    const blur = (): void => {
      const now = performance.now();
      for (let i = 0; i < MOVE_CODES.length; i++) {
        const since = held.since[i]!;
        if (!Number.isNaN(since)) held.pendingMs[i]! += now - since;
        held.since[i] = NaN;
      }
    };
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
    window.addEventListener('blur', blur);
    dom.addEventListener('pointerdown', press);
    window.addEventListener('pointerup', release);
    window.addEventListener('pointermove', move);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
      dom.removeEventListener('pointerdown', press);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointermove', move);
    };
  }, [dom, held, look]);

  const gl = useThree((s) => s.gl);
  useFrame(() => {
    // In VR the headset moves the camera: writing the desktop look here would hide the head's pose
    // from everything that reads the camera before the frame renders (the head pose sent to the room).
    const now = performance.now();
    if (gl.xr.isPresenting) {
      // Keys held in VR do not walk when the headset comes off.
      for (let i = 0; i < MOVE_CODES.length; i++) {
        held.pendingMs[i] = 0;
        if (!Number.isNaN(held.since[i]!)) held.since[i] = now;
      }
      return;
    }
    look.move.set(0, 0, 0);
    let longestMs = 0;
    for (let i = 0; i < MOVE_CODES.length; i++) {
      const since = held.since[i]!;
      const ms = held.pendingMs[i]! + (Number.isNaN(since) ? 0 : now - since);
      held.pendingMs[i] = 0;
      if (!Number.isNaN(since)) held.since[i] = now;
      const dir = MOVE_DIRS[i];
      if (ms <= 0 || !dir) continue;
      look.move.x += dir[0] * ms;
      look.move.z += dir[1] * ms;
      longestMs = Math.max(longestMs, ms);
    }
    if (look.move.lengthSq() > 0) {
      // Diagonals walk no faster than straight lines: the step is as long as the longest hold.
      look.move.normalize().multiplyScalar((SPEED_MPS * longestMs) / 1000).applyAxisAngle(Y_AXIS, look.yaw);
      camera.position.add(look.move);
    }
    look.euler.set(look.pitch, look.yaw, 0);
    camera.quaternion.setFromEuler(look.euler);
  });
  return null;
}

