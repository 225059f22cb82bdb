/** Height of the round table's top, metres. */
export const TABLE_HEIGHT_M = 0.74;

/** The shared room: floor, a round table in the middle, a soft sky and lights. Static. */
export function SpaceEnvironment() {
  return (
    <>
      <color attach="background" args={['#1d2430']} />
      <hemisphereLight args={['#dfe9ff', '#2a2f3a', 1.4]} />
      <directionalLight position={[2, 4, 3]} intensity={1.6} />
      <mesh rotation-x={-Math.PI / 2} receiveShadow>
        <circleGeometry args={[6, 48]} />
        <meshStandardMaterial color="#3b4556" />
      </mesh>
      <mesh position={[0, TABLE_HEIGHT_M - 0.02, 0]}>
        <cylinderGeometry args={[0.8, 0.8, 0.04, 48]} />
        <meshStandardMaterial color="#8d6e63" />
      </mesh>
      <mesh position={[0, (TABLE_HEIGHT_M - 0.04) / 2, 0]}>
        <cylinderGeometry args={[0.08, 0.12, TABLE_HEIGHT_M - 0.04, 16]} />
        <meshStandardMaterial color="#5d4037" />
      </mesh>
    </>
  );
}
