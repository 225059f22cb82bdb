import { LAMP_POSITION_M, TABLE_HEIGHT_M, TABLE_RADIUS_M } from './lounge-layout';
import { useLounge } from './use-lounge';

export { TABLE_HEIGHT_M } from './lounge-layout';

/** The plain floor and table shown while the lounge loads, or if it cannot be loaded. */
function PlainRoom() {
  return (
    <>
      <mesh rotation-x={-Math.PI / 2}>
        <circleGeometry args={[6, 48]} />
        <meshStandardMaterial color="#3b4556" />
      </mesh>
      <mesh position={[0, TABLE_HEIGHT_M - 0.02, 0]}>
        <cylinderGeometry args={[TABLE_RADIUS_M, TABLE_RADIUS_M, 0.04, 48]} />
        <meshStandardMaterial color="#8d6e63" />
      </mesh>
    </>
  );
}

/**
 * The shared room: a lit lounge around a round table (the generated assets/environment/lounge.glb,
 * fetched with the space), a warm pendant light over the table, soft sky light from the windows.
 * Its shadows are baked into the lounge's vertex colours, so no shadow map is rendered. Static.
 */
export function SpaceEnvironment() {
  const { room } = useLounge();
  return (
    <>
      <color attach="background" args={['#15110f']} />
      <hemisphereLight args={['#ffe6c7', '#3a2c24', 1.5]} />
      <pointLight position={[...LAMP_POSITION_M]} color="#ffc27a" intensity={4.5} distance={9} decay={1.6} />
      <directionalLight position={[-3, 4, 2]} color="#b8c8ff" intensity={0.6} />
      {room ? <primitive object={room} /> : <PlainRoom />}
    </>
  );
}
