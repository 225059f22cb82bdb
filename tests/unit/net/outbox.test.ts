import { describe, expect, it } from 'vitest';
import { createOutbox, mapRoomState, type SendFn } from '../../../src/net';
import { manualEmotion } from '../../../src/shared/emotion-labels';
import type { ClientPayloads } from '../../../src/shared/protocol';
import { createAppStore } from '../../../src/state';

type Sent = { [K in keyof ClientPayloads]: [K, ClientPayloads[K]] }[keyof ClientPayloads];

function setup() {
  let t = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const clock = {
    now: () => t,
    setTimeout: (fn: () => void, ms: number) => timers.push({ at: t + ms, fn }),
    clearTimeout: () => undefined,
  };
  const advance = (ms: number): void => {
    t += ms;
    for (const timer of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (timer.at <= t) timer.fn();
      else timers.push(timer);
    }
  };
  const sent: Sent[] = [];
  const send: SendFn = (type, payload) => sent.push([type, payload] as Sent);
  const store = createAppStore({ self: { name: 'Ann', avatarId: 'sunny' } });
  const outbox = createOutbox(store, send, clock);
  return { store, outbox, sent, advance };
}

describe('createOutbox (store → messages)', () => {
  it('sends everything once on resync, then only changes', () => {
    const { store, outbox, sent, advance } = setup();
    outbox.resync();
    expect(sent.map(([type]) => type).sort()).toEqual(['emotion', 'pose', 'profile', 'speaking']);
    sent.length = 0;
    store.setMuted(true); // speaking is already 0: nothing to send
    advance(1000);
    expect(sent).toEqual([]);
    store.setSelfEmotion(manualEmotion('happy'));
    expect(sent).toEqual([['emotion', manualEmotion('happy')]]);
  });

  it('quantises speaking, sends 0 while muted and keeps emotion at ≤ 4 Hz', () => {
    const { store, outbox, sent, advance } = setup();
    outbox.resync();
    sent.length = 0;
    store.setSpeaking(0.52);
    store.setSpeaking(0.49); // same tenth as 0.52 → rounded to 0.5, already pending
    advance(200);
    store.setMuted(true);
    advance(200);
    expect(sent.filter(([t]) => t === 'speaking').map(([, p]) => p)).toEqual([{ level: 0.5 }, { level: 0 }]);
    for (const label of ['happy', 'sad', 'angry', 'calm', 'sleepy'] as const) {
      store.setSelfEmotion(manualEmotion(label));
      advance(50);
    }
    advance(1000);
    const emotions = sent.filter(([t]) => t === 'emotion').map(([, p]) => (p as ClientPayloads['emotion']).label);
    expect(emotions.length).toBeLessThanOrEqual(3);
    expect(emotions.at(-1)).toBe('sleepy');
  });

  it('stops sending after dispose', () => {
    const { store, outbox, sent } = setup();
    outbox.dispose();
    store.setSelfEmotion(manualEmotion('angry'));
    expect(sent).toEqual([]);
  });
});

describe('mapRoomState (reflected state → store records)', () => {
  const player = (name: string, label: string, px = 0) => ({
    displayName: name, avatarId: 'sunny', speakingLevel: 0.25, drowsiness: 0, joinedAt: 5, connected: true,
    emotion: { label, confidence: 1, arousal: 0.8, valence: -0.7, source: 'manual' },
    head: { px, py: 1.6, pz: 1, qx: 0, qy: 0, qz: 0, qw: 1 },
  });
  const mapOf = (entries: Record<string, unknown>) => ({ players: { forEach: (cb: (p: unknown, k: string) => void) => Object.entries(entries).forEach(([k, v]) => cb(v, k)) } });

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
