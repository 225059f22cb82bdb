import { useMemo } from 'react';
import type { AppState } from '../state';
import { useAppStore } from '../ui/use-app-store';
import { PeerAvatar } from './PeerAvatar';
import { useSceneServices } from './scene-services';
import { seatFor } from './seat-layout';

const selectPeers = (s: AppState): AppState['peers'] => s.peers;
const selectSessionId = (s: AppState): string | null => s.sessionId;

/** One avatar per other player; re-renders only when the set of players or their avatars change. */
export function PeerAvatars() {
  const { store } = useSceneServices();
  const peers = useAppStore(store, selectPeers);
  const ownId = useAppStore(store, selectSessionId);
  const ids = useMemo(() => [...Object.keys(peers), ...(ownId ? [ownId] : [])], [peers, ownId]);
  return (
    <>
      {Object.values(peers).map((peer) => (
        <PeerAvatar key={peer.sessionId} sessionId={peer.sessionId} avatarId={peer.avatarId} seat={seatFor(peer.sessionId, ids)} />
      ))}
    </>
  );
}
