import { useXR, XROrigin } from '@react-three/xr';
import { useEffect, useMemo } from 'react';
import type { AppState } from '../state';
import { useAppStore } from '../state/use-app-store';
import { DesktopControls } from './DesktopControls';
import { HeadPoseSender } from './HeadPoseSender';
import { useSceneServices } from '../scene/scene-services';
import { chooseFreeSeat, joinRank } from '../scene/seat-layout';
import { SelfMirror } from './SelfMirror';
import { TABLE_HEIGHT_M } from '../scene/lounge-layout';
import { ActivityBoard } from './ActivityBoard';
import { NudgeLight } from './NudgeLight';
import { WristMenu } from './WristMenu';

const selectSessionId = (s: AppState): string | null => s.sessionId;
const selectNudge = (s: AppState) => s.nudge.current;

/** What the player's rig can ask for: the session's and the engagement binding's actions. */
export interface PlayerActions {
  readonly onLeave: () => void;
  /** "I'm here" on a nudge. */
  readonly onAnswerNudge: () => void;
  /** "Don't remind me" for this session. */
  readonly onSilenceNudges: () => void;
  /** Level-3 nudge accepted: ask the room for the group activity. */
  readonly onJoinActivity: () => void;
  /** Start the group activity now (menu). */
  readonly onStartActivity: () => void;
  readonly onDeclineActivity: () => void;
}

/**
 * The local player's rig: the XR origin at their seat facing the table (with the wrist menu on
 * the left controller while in VR), their mirror figure, desktop walking/looking controls, and the head pose
 * feed to the store.
 */
export function PlayerRig({ actions }: { readonly actions: PlayerActions }) {
  const { store } = useSceneServices();
  const ownId = useAppStore(store, selectSessionId);
  const nudge = useAppStore(store, selectNudge);
  const inVR = useXR((s) => s.session !== undefined && s.session !== null);
  // Chosen once per join, when the room's state has arrived (sessionId is set after the first
  // sync): the first seat nobody stands at. Later arrivals do not move a seated player.
  const seat = useMemo(() => {
    const { poses, peers, selfJoinedAt } = store.getState();
    const rank = selfJoinedAt === null ? 0 : joinRank(selfJoinedAt, ownId ?? '', Object.values(peers));
    const taken = Object.values(poses).filter((p) => p.position[0] !== 0 || p.position[2] !== 0);
    return chooseFreeSeat(taken.map((p) => [p.position[0], p.position[2]] as const), rank);
  }, [ownId, store]);
  // Announce the seat at once (a background tab may not render frames for a while).
  useEffect(() => {
    store.setSelfPose({ position: [seat.x, 1.6, seat.z], quaternion: [0, Math.sin((seat.yawRad + Math.PI) / 2), 0, Math.cos((seat.yawRad + Math.PI) / 2)] });
  }, [seat, store]);
  return (
    <>
      <XROrigin position={[seat.x, 0, seat.z]} rotation={[0, seat.yawRad + Math.PI, 0]}>
        {inVR ? <WristMenu onLeave={actions.onLeave} onStartActivity={actions.onStartActivity} /> : null}
      </XROrigin>
      {inVR && nudge ? <NudgeLight nudge={nudge} onAnswer={actions.onAnswerNudge} onSilence={actions.onSilenceNudges} onJoinActivity={actions.onJoinActivity} /> : null}
      {inVR ? <ActivityBoard onDecline={actions.onDeclineActivity} /> : null}
      <SelfMirror tableHeightM={TABLE_HEIGHT_M} seat={seat} />
      <DesktopControls seat={seat} />
      <HeadPoseSender />
    </>
  );
}
