import { XROrigin } from '@react-three/xr';
import { useMemo } from 'react';
import type { AppState } from '../state';
import { useAppStore } from '../ui/use-app-store';
import { DesktopControls } from './DesktopControls';
import { HeadPoseSender } from './HeadPoseSender';
import { useSceneServices } from './scene-services';
import { chooseFreeSeat } from './seat-layout';
import { XRMenu } from './XRMenu';

const selectSessionId = (s: AppState): string | null => s.sessionId;

/**
 * The local player's rig: the XR origin at their seat facing the table (with the ray-operated
 * menu), desktop walking/looking controls, and the head pose feed to the store.
 */
export function PlayerRig({ onLeave }: { readonly onLeave: () => void }) {
  const { store } = useSceneServices();
  const ownId = useAppStore(store, selectSessionId);
  // Chosen once per join, when the room's state has arrived (sessionId is set after the first
  // sync): the first seat nobody stands at. Later arrivals do not move a seated player.
  const seat = useMemo(() => {
    const { poses, peers, selfJoinedAt } = store.getState();
    const rank = Object.values(peers).filter((p) => selfJoinedAt !== null && p.joinedAt < selfJoinedAt).length;
    const taken = Object.values(poses).filter((p) => p.position[0] !== 0 || p.position[2] !== 0);
    return chooseFreeSeat(taken.map((p) => [p.position[0], p.position[2]] as const), rank);
  }, [ownId, store]);
  return (
    <>
      <XROrigin position={[seat.x, 0, seat.z]} rotation={[0, seat.yawRad + Math.PI, 0]}>
        <XRMenu onLeave={onLeave} />
      </XROrigin>
      <DesktopControls seat={seat} />
      <HeadPoseSender />
    </>
  );
}
