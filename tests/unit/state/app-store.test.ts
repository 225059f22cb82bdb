import { describe, expect, it } from 'vitest';
import { manualEmotion, type EmotionState } from '../../../src/shared/emotion-labels';
import { createAppStore, SELF_KEY, type PeerState } from '../../../src/state';

const peer = (sessionId: string, emotion: EmotionState = manualEmotion('neutral')): PeerState => ({
  sessionId, name: sessionId, avatarId: '', emotion, speaking: 0, drowsiness: 0, engagement: '', joinedAt: 0, connected: true, voiceMuted: false,
});

describe('createAppStore', () => {
  it('returns independent stores', () => {
    const a = createAppStore();
    const b = createAppStore();
    a.setMode('desktop');
    expect(a.getState().mode).toBe('desktop');
    expect(b.getState().mode).toBe('landing');
  });

  it('writes self emotion through one action for every source and records it', () => {
    let t = 1000;
    const store = createAppStore({ now: () => t });
    store.setSelfEmotion(manualEmotion('angry'));
    t = 2000;
    store.setSelfEmotion({ label: 'sad', confidence: 0.7, arousal: -0.4, valence: -0.6, source: 'voice' });
    const { self, timelines } = store.getState();
    expect(self.emotion).toMatchObject({ label: 'sad', source: 'voice' });
    expect(timelines[SELF_KEY]?.map((e) => e.label)).toEqual(['neutral', 'angry', 'sad']);
  });

  it('notifies only on real changes', () => {
    const store = createAppStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.setMuted(false);
    store.setProfile({ name: '' });
    expect(calls).toBe(0);
    store.setMuted(true);
    store.setSpeaking(3);
    expect(calls).toBe(2);
    expect(store.getState().self.speaking).toBe(1);
    off();
    store.setMuted(false);
    expect(calls).toBe(2);
  });

  it('tracks peers, records their emotion changes and forgets departed ones', () => {
    let t = 0;
    const store = createAppStore({ now: () => t });
    const a = peer('a');
    store.applyPeers({ a, b: peer('b') });
    t = 500;
    store.applyPeers({ a: peer('a', manualEmotion('happy')) });
    const { peers, timelines } = store.getState();
    expect(Object.keys(peers)).toEqual(['a']);
    expect(timelines.a?.map((e) => e.label)).toEqual(['neutral', 'happy']);
    expect(timelines.b).toBeUndefined();
  });

  it('does not re-record an unchanged peer object', () => {
    const store = createAppStore();
    const a = peer('a');
    store.applyPeers({ a });
    store.applyPeers({ a });
    expect(store.getState().timelines.a).toHaveLength(1);
  });

  it('keeps connection states and server errors', () => {
    const store = createAppStore({ now: () => 42 });
    store.setConnection({ kind: 'reconnecting', attempt: 2, nextDelayMs: 1000, retryAtMs: 1042 });
    store.reportError({ code: 'forbidden', type: 'emotion', message: 'spectators cannot write' });
    expect(store.getState().connection).toMatchObject({ kind: 'reconnecting', attempt: 2 });
    expect(store.getState().lastError).toEqual({ code: 'forbidden', type: 'emotion', message: 'spectators cannot write', atMs: 42 });
  });

  it('prunes timelines older than the window', () => {
    let t = 0;
    const store = createAppStore({ now: () => t, timeline: { windowMs: 1000, capacity: 100 } });
    for (const label of ['happy', 'sad', 'angry'] as const) {
      t += 600;
      store.setSelfEmotion(manualEmotion(label));
    }
    t = 5000;
    store.pruneTimelines();
    expect(store.getState().timelines[SELF_KEY]?.map((e) => e.label)).toEqual(['angry']);
  });

  it('keeps the own drowsiness estimate clamped to 0..1', () => {
    const store = createAppStore();
    expect(store.getState().self.drowsiness).toBe(0);
    store.setEngagement('drowsy', 0.4);
    expect(store.getState().self.drowsiness).toBe(0.4);
    store.setEngagement('drowsy', 7);
    expect(store.getState().self.drowsiness).toBe(1);
    store.setEngagement('drowsy', Number.NaN);
    expect(store.getState().self.drowsiness).toBe(0);
  });
});
