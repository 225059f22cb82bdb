import { describe, expect, it } from 'vitest';
import { mapRoomState } from '../../../src/net';
import { IDLE_ACTIVITY } from '../../../src/state';
import type { SyncedActivity, SyncedActivityEntry, SyncedPlayer, SyncedSpaceState } from '../../../src/shared/protocol';

const list = <T,>(values: Record<string, T>) => ({ forEach: (cb: (v: T, k: string) => void) => Object.entries(values).forEach(([k, v]) => cb(v, k)) });
const scores = (values: number[]) => ({ length: values.length, forEach: (cb: (v: number, i: number) => void) => values.forEach(cb) });
const idle: SyncedActivity = { phase: 'idle', kind: '', round: 0, rounds: 0, target: '', phaseMs: 0, reason: '', entries: list<SyncedActivityEntry>({}) };

describe('mapRoomState (reflected state → store records)', () => {
  const player = (name: string, label: string, px = 0): SyncedPlayer => ({
    sessionId: name, displayName: name, engagement: 'present', avatarId: 'sunny', speakingLevel: 0.25, drowsiness: 0, joinedAt: 5, connected: true, voiceMuted: false,
    emotion: { label, confidence: 1, arousal: 0.8, valence: -0.7, source: 'manual' },
    head: { px: px * 1000, py: 1600, pz: 1000, qx: 0, qy: 0, qz: 0, qw: 32767 },
  });
  const mapOf = (entries: Record<string, SyncedPlayer>, activity: SyncedActivity = idle): SyncedSpaceState => ({ players: { forEach: (cb) => Object.entries(entries).forEach(([k, v]) => cb(v, k)) }, activity });

  it('skips the own player, reads emotion and pose, and rejects unknown labels', () => {
    const out = mapRoomState(mapOf({ me: player('Me', 'happy'), a: player('A', 'angry', 2), b: player('B', 'rage') }), 'me', { peers: {}, poses: {}, activity: IDLE_ACTIVITY });
    expect(Object.keys(out.peers)).toEqual(['a', 'b']);
    expect(out.ownJoinedAt).toBe(5);
    expect(out.peers.a?.emotion.label).toBe('angry');
    expect(out.peers.b?.emotion.label).toBe('neutral');
    expect(out.poses.a).toEqual({ position: [2, 1.6, 1], quaternion: [0, 0, 0, 1] });
  });

  it('keeps object identity when nothing changed', () => {
    const first = mapRoomState(mapOf({ a: player('A', 'sad') }), null, { peers: {}, poses: {}, activity: IDLE_ACTIVITY });
    const again = mapRoomState(mapOf({ a: player('A', 'sad') }), null, first);
    expect(again.peers).toBe(first.peers);
    expect(again.poses).toBe(first.poses);
    const moved = mapRoomState(mapOf({ a: player('A', 'sad', 3) }), null, again);
    expect(moved.peers).toBe(first.peers);
    expect(moved.poses).not.toBe(first.poses);
  });

  it('reads shared engagement and drops values the protocol does not know', () => {
    const a = { ...player('A', 'sad'), engagement: 'drowsy' };
    const b = { ...player('B', 'sad'), engagement: 'asleep!' };
    const out = mapRoomState(mapOf({ a, b }), null, { peers: {}, poses: {}, activity: IDLE_ACTIVITY });
    expect(out.peers.a?.engagement).toBe('drowsy');
    expect(out.peers.b?.engagement).toBe('');
  });

  it('maps the activity, stamps a new phase with the local time and keeps identity otherwise', () => {
    const round = (n: number, entries: Record<string, SyncedActivityEntry>): SyncedActivity => ({
      phase: 'round', kind: 'emotion-echo', round: n, rounds: 3, target: 'happy', phaseMs: 10_000, reason: 'menu', entries: list(entries),
    });
    const first = mapRoomState(mapOf({}, round(1, { a: { declined: false, total: 0, scores: scores([]) } })), null, { peers: {}, poses: {}, activity: IDLE_ACTIVITY }, 1000);
    expect(first.activity).toMatchObject({ phase: 'round', round: 1, target: 'happy', phaseSeenAtMs: 1000, entries: { a: { declined: false, total: 0, scores: [] } } });
    const same = mapRoomState(mapOf({}, round(1, { a: { declined: false, total: 0, scores: scores([]) } })), null, first, 2000);
    expect(same.activity).toBe(first.activity);
    const scored = mapRoomState(mapOf({}, round(2, { a: { declined: false, total: 0.7, scores: scores([0.7]) } })), null, same, 3000);
    expect(scored.activity).toMatchObject({ round: 2, phaseSeenAtMs: 3000, entries: { a: { total: 0.7, scores: [0.7] } } });
    expect(mapRoomState(mapOf({}), null, scored, 4000).activity).toBe(IDLE_ACTIVITY);
  });
});
