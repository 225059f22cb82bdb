import { describe, expect, it } from 'vitest';
import { manualEmotion } from '../../../src/shared/emotion-labels';
import { createAppStore, type PeerState, type Pose } from '../../../src/state';
import type { PeerStatus, VoiceSource } from '../../../src/talk/peer-types';
import type { TalkPeers } from '../../../src/talk/talk-peers';
import { createTalkSession } from '../../../src/talk/talk-session';
import type { VoiceMix } from '../../../src/talk/hearing-policy';

/** The session's glue between the store, the policy and the connections, with connections that record what they are told. */

interface FakePeers extends TalkPeers {
  readonly selfId: string;
  readonly accept: (peerId: string) => boolean;
  readonly wanted: string[][];
  readonly sources: VoiceSource[];
  readonly statuses: Map<string, PeerStatus>;
  closed: boolean;
}

const peer = (sessionId: string, name = sessionId, extra: Partial<PeerState> = {}): PeerState => ({
  sessionId, name, avatarId: 'sunny', emotion: manualEmotion('neutral'), speaking: 0, drowsiness: 0, engagement: '', joinedAt: 0,
  connected: true, voiceMuted: false, ...extra,
});
const pose = (x: number): Pose => ({ position: [x, 1.6, 0], quaternion: [0, 0, 0, 1] });

function setup() {
  let t = 0;
  const clock = { now: () => t, setTimeout: () => 0, clearTimeout: () => undefined };
  const store = createAppStore({ self: { name: 'Me', avatarId: 'sunny', pose: pose(0) } });
  const made: FakePeers[] = [];
  const mixes: VoiceMix[] = [];
  const session = createTalkSession({
    store, clock,
    onMix: (mix) => mixes.push(mix),
    createPeers: (selfId, accept, source) => {
      const wanted: string[][] = [];
      const statuses = new Map<string, PeerStatus>();
      const fake: FakePeers = {
        selfId, accept, wanted, sources: [source], statuses, closed: false,
        setWanted: (ids) => void wanted.push([...ids]),
        setSource: (s) => void fake.sources.push(s),
        status: (id) => statuses.get(id),
        linkedIds: () => new Set(statuses.keys()),
        coolingDown: () => new Set(),
        liveCount: () => statuses.size,
        close: () => void (fake.closed = true),
      };
      made.push(fake);
      return fake;
    },
  });
  return { store, session, made, mixes, tick: (ms: number) => (t += ms) };
}

describe('createTalkSession', () => {
  it('opens connections for a session id, starts afresh for a new one and closes them when it goes', () => {
    const { store, session, made } = setup();
    expect(session.peers()).toBeNull();
    store.setSessionId('s1');
    expect(made.map((p) => p.selfId)).toEqual(['s1']);
    store.setSessionId('s2');
    expect(made.map((p) => p.selfId)).toEqual(['s1', 's2']);
    expect(made[0]?.closed).toBe(true);
    store.setSessionId(null);
    expect(made[1]?.closed).toBe(true);
    expect(session.peers()).toBeNull();
    session.dispose();
  });

  it('wants the peers in hearing range, never blocked ones, and not ones whose room connection dropped', () => {
    const { store, session, made } = setup();
    store.setSessionId('me');
    store.applyPeers({ a: peer('a'), b: peer('b', 'Bully'), c: peer('c'), d: peer('d', 'd', { connected: false }) });
    store.applyPoses({ a: pose(2), b: pose(3), c: pose(20), d: pose(1) });
    store.setBlocked({ name: 'Bully', avatarId: 'sunny' }, true);
    session.update();
    expect(made[0]?.wanted.at(-1)).toEqual(['a']);
    // Unblocked, Bully is wanted again; the same name with another avatar is someone else.
    store.setBlocked({ name: 'Bully', avatarId: 'other' }, true);
    store.setBlocked({ name: 'Bully', avatarId: 'sunny' }, false);
    session.update();
    expect(made[0]?.wanted.at(-1)).toEqual(['a', 'b']);
    session.dispose();
  });

  it('keeps a call with a peer whose room connection dropped while it is linked', () => {
    const { store, session, made } = setup();
    store.setSessionId('me');
    store.applyPeers({ a: peer('a', 'a', { connected: false }) });
    store.applyPoses({ a: pose(2) });
    made[0]?.statuses.set('a', { kind: 'connected' });
    session.update();
    expect(made[0]?.wanted.at(-1)).toEqual(['a']);
    session.dispose();
  });

  it('answers offers as the policy would keep them: in range, not blocked', () => {
    const { store, session, made } = setup();
    store.setSessionId('me');
    store.applyPeers({ a: peer('a'), far: peer('far'), b: peer('b', 'Bully') });
    store.applyPoses({ a: pose(2), far: pose(16), b: pose(1) });
    store.setBlocked({ name: 'Bully', avatarId: 'sunny' }, true);
    const accept = made[0]?.accept ?? (() => true);
    expect([accept('a'), accept('far'), accept('b'), accept('nobody')]).toEqual([true, false, false, false]);
    session.dispose();
  });

  it('passes the mute and the microphone track to the connections', () => {
    const { store, session, made } = setup();
    store.setSessionId('me');
    store.setMuted(true);
    const track = { kind: 'audio' } as MediaStreamTrack;
    session.setTrack(track);
    expect(made[0]?.sources).toEqual([{ track: null, muted: false }, { track: null, muted: true }, { track, muted: true }]);
    session.dispose();
  });

  it('mixes the voices of connected peers only, louder and nearer first', () => {
    const { store, session, made, mixes, tick } = setup();
    store.setSessionId('me');
    store.applyPeers({ a: peer('a', 'a', { speaking: 0.6 }), b: peer('b', 'b', { speaking: 0.9 }), c: peer('c', 'c', { speaking: 1 }) });
    store.applyPoses({ a: pose(1), b: pose(6), c: pose(2) });
    made[0]?.statuses.set('a', { kind: 'connected' });
    made[0]?.statuses.set('b', { kind: 'connected' });
    made[0]?.statuses.set('c', { kind: 'connecting', attempt: 1 });
    tick(100);
    session.update();
    expect(session.mix().playing).toEqual(['a', 'b']);
    expect(mixes.at(-1)?.playing).toEqual(['a', 'b']);
    const count = mixes.length;
    tick(100);
    session.update();
    expect(mixes).toHaveLength(count); // unchanged mix: no news
    session.dispose();
  });
});
