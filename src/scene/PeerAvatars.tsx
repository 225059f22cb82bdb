import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { createNameTagLayer } from './name-tag-layer';
import type { AppState } from '../state';
import { useAppStore } from '../state/use-app-store';
import { PeerAvatar } from './PeerAvatar';
import { useSceneServices } from './scene-services';
import { joinRank, seatAt } from './seat-layout';

const selectPeers = (s: AppState): AppState['peers'] => s.peers;
const selectSessionId = (s: AppState): string | null => s.sessionId;
const selectJoinedAt = (s: AppState): number | null => s.selfJoinedAt;

/**
 * One avatar per other player, drawn at their head pose or, until it arrives, at the seat of their
 * join rank. Re-renders only when peer records change (emotion, name, avatar), never per frame.
 */
export function PeerAvatars() {
  const { store } = useSceneServices();
  const peers = useAppStore(store, selectPeers);
  const ownId = useAppStore(store, selectSessionId);
  const ownJoinedAt = useAppStore(store, selectJoinedAt);
  // Everyone who is seated, the own player included, so ranks match what each rig computed.
  const ranked = useMemo(
    () => [...Object.values(peers), ...(ownId && ownJoinedAt !== null ? [{ sessionId: ownId, joinedAt: ownJoinedAt }] : [])],
    [peers, ownId, ownJoinedAt],
  );
  const tags = useMemo(createNameTagLayer, []);
  useEffect(() => () => tags.dispose(), [tags]);
  // After every avatar has placed its tag this frame (they were mounted first, so run first).
  useFrame(({ camera }) => tags.update(camera));
  return (
    <>
      {Object.values(peers).map((peer) => (
        <PeerAvatar key={peer.sessionId} sessionId={peer.sessionId} avatarId={peer.avatarId} seat={seatAt(joinRank(peer.joinedAt, peer.sessionId, ranked))} tags={tags} />
      ))}
      <primitive object={tags.mesh} />
    </>
  );
}
