import { describe, expect, it } from 'vitest';
import { createOutbox, type SendFn } from '../../../src/net';
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
    expect(sent.map(([type]) => type).sort()).toEqual(['emotion', 'engagement', 'pose', 'profile', 'speaking', 'voice']);
    sent.length = 0;
    store.setMuted(true); // speaking is already 0: only the voice chat state changes
    advance(1000);
    expect(sent).toEqual([['voice', { muted: true }]]);
    sent.length = 0;
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

  it('keeps the drowsiness value on the device unless the wearer shares it, and shares only what they chose of the state', () => {
    const { store, outbox, sent, advance } = setup();
    outbox.resync();
    store.setEngagement('drowsy', 0.9);
    advance(1100);
    store.setEngagement('drowsy', 0.2);
    advance(1100);
    expect(sent.map(([type]) => type)).not.toContain('drowsiness');
    expect(sent.filter(([type]) => type === 'engagement').at(-1)).toEqual(['engagement', { state: 'drowsy', share: 'away' }]);
    store.setEngagementSettings({ ...store.getState().engagementSettings, shareValue: true, share: 'state' });
    advance(1100);
    expect(sent.filter(([type]) => type === 'drowsiness').at(-1)).toEqual(['drowsiness', { level: 0.2 }]);
    store.setEngagementSettings({ ...store.getState().engagementSettings, shareValue: false });
    store.setEngagement('drowsy', 0.8);
    advance(1100);
    expect(sent.filter(([type]) => type === 'drowsiness').at(-1)).toEqual(['drowsiness', { level: 0 }]);
  });

  it('reports nudges as they appear, escalate and are answered, and nothing else about them', () => {
    const { store, outbox, sent } = setup();
    outbox.resync();
    sent.length = 0;
    store.setNudge({ level: 1, sinceMs: 10 });
    store.setNudge({ level: 2, sinceMs: 40 });
    store.setNudge(null);
    store.noteNudgeAnswered(2, 50);
    expect(sent).toEqual([
      ['nudge', { level: 1, event: 'shown' }],
      ['nudge', { level: 2, event: 'shown' }],
      ['nudge', { level: 2, event: 'answered' }],
    ]);
  });

  it('stops sending after dispose', () => {
    const { store, outbox, sent } = setup();
    outbox.dispose();
    store.setSelfEmotion(manualEmotion('angry'));
    expect(sent).toEqual([]);
  });
});
