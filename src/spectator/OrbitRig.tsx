import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

/** Spectator camera: orbits the table from above; drag to turn, wheel to zoom. */
export function OrbitRig() {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  const controls = useMemo(() => new OrbitControls(camera, dom), [camera, dom]);
  useEffect(() => {
    camera.position.set(0, 2.6, 3.4);
    controls.target.set(0, 1.1, -0.6);
    controls.enableDamping = true;
    controls.minDistance = 1.5;
    controls.maxDistance = 12;
    controls.maxPolarAngle = Math.PI * 0.49;
    controls.update();
    return () => controls.dispose();
  }, [camera, controls]);
  useFrame(() => controls.update());
  return null;
}
