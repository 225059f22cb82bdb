import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

/**
 * Spectator camera: orbits the table from above; drag to turn, wheel to zoom. The controls are
 * made and disposed by the same effect, so StrictMode's remount leaves a live instance.
 */
export function OrbitRig() {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  const controls = useRef<OrbitControls | null>(null);
  useEffect(() => {
    const orbit = new OrbitControls(camera, dom);
    // Low and close enough to see faces across the table (the gallery shows every face up close).
    camera.position.set(0, 2.6, 3.5);
    orbit.target.set(0, 1.1, 0);
    orbit.enableDamping = true;
    orbit.dampingFactor = 0.15;
    orbit.minDistance = 1.5;
    orbit.maxDistance = 12;
    orbit.maxPolarAngle = Math.PI * 0.49;
    orbit.update();
    controls.current = orbit;
    return () => {
      controls.current = null;
      orbit.dispose();
    };
  }, [camera, dom]);
  useFrame(() => controls.current?.update());
  return null;
}
