import { describe, expect, it } from 'vitest';
import { mapRoomState } from '../../../src/net';
import type { SyncedPlayer, SyncedSpaceState } from '../../../src/shared/protocol';

describe('mapRoomState (reflected state → store records)', () => {
  const player = (name: string, label: string, px = 0): SyncedPlayer => ({
    sessionId: name, displayName: name, avatarId: 'sunny', speakingLevel: 0.25, drowsiness: 0, joinedAt: 5, connected: true, engagement: '',
    emotion: { label, confidence: 1, arousal: 0.8, valence: -0.7, source: 'manual' },
    head: { px, py: 1.6, pz: 1, qx: 0, qy: 0, qz: 0, qw: 1 },
  });
  const activity: SyncedSpaceState['activity'] = { phase: 'idle', kind: '', round: 0, rounds: 3, target: '', phaseMs: 0, reason: '', entries: { forEach: () => undefined } };
  const mapOf = (entries: Record<string, SyncedPlayer>): SyncedSpaceState => ({ players: { forEach: (cb) => Object.entries(entries).forEach(([k, v]) => cb(v, k)) }, activity });

  it('skips the own player, reads emotion and pose, and rejects unknown labels', () => {
    const out = mapRoomState(mapOf({ me: player('Me', 'happy'), a: player('A', 'angry', 2), b: player('B', 'rage') }), 'me', { peers: {}, poses: {} });
    expect(Object.keys(out.peers)).toEqual(['a', 'b']);
    expect(out.ownJoinedAt).toBe(5);
    expect(out.peers.a?.emotion.label).toBe('angry');
    expect(out.peers.b?.emotion.label).toBe('neutral');
    expect(out.poses.a).toEqual({ position: [2, 1.6, 1], quaternion: [0, 0, 0, 1] });
  });

  it('keeps object identity when nothing changed', () => {
    const first = mapRoomState(mapOf({ a: player('A', 'sad') }), null, { peers: {}, poses: {} });
    const again = mapRoomState(mapOf({ a: player('A', 'sad') }), null, first);
    expect(again.peers).toBe(first.peers);
    expect(again.poses).toBe(first.poses);
    const moved = mapRoomState(mapOf({ a: player('A', 'sad', 3) }), null, again);
    expect(moved.peers).toBe(first.peers);
    expect(moved.poses).not.toBe(first.poses);
  });
});
