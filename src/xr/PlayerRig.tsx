import { XROrigin } from '@react-three/xr';
import { useMemo } from 'react';
import type { AppState } from '../state';
import { useAppStore } from '../ui/use-app-store';
import { DesktopControls } from './DesktopControls';
import { HeadPoseSender } from './HeadPoseSender';
import { useSceneServices } from './scene-services';
import { seatFor } from './seat-layout';
import { XRMenu } from './XRMenu';

const selectSessionId = (s: AppState): string | null => s.sessionId;

/**
 * The local player's rig: the XR origin at their seat facing the table (with the ray-operated
 * menu), desktop walking/looking controls, and the head pose feed to the store.
 */
export function PlayerRig({ onLeave }: { readonly onLeave: () => void }) {
  const { store } = useSceneServices();
  const ownId = useAppStore(store, selectSessionId);
  // Fixed at join: later arrivals do not move a seated player.
  const seat = useMemo(() => seatFor(ownId ?? 'local', Object.keys(store.getState().peers)), [ownId, store]);
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
