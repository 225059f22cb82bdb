import { describe, expect, it } from 'vitest';
import { createSessionSignals } from '../../../src/app/session-signals';
import type { RoomSignals } from '../../../src/net';
import type { SignalMessage } from '../../../src/shared/talk-protocol';

/** A room client's signals, as a test double of our own interface. */
function fakeRoomSignals() {
  const sent: { to: string; message: SignalMessage }[] = [];
  const listeners = new Set<(from: string, message: SignalMessage) => void>();
  const signals: RoomSignals = {
    send: (to, message) => (sent.push({ to, message }), true),
    onSignal: (l) => (listeners.add(l), () => void listeners.delete(l)),
    onRefused: () => () => undefined,
  };
  return { signals, sent, deliver: (from: string, m: SignalMessage) => listeners.forEach((l) => l(from, m)), listeners };
}

describe('session signals', () => {
  it('forwards to the current room client and moves its subscription on each join', () => {
    const forward = createSessionSignals();
    const heard: string[] = [];
    forward.channel.onSignal((from) => heard.push(from));
    expect(forward.channel.send('x', { kind: 'bye' })).toBe(false); // not joined yet
    const first = fakeRoomSignals();
    forward.use(first.signals);
    expect(forward.channel.send('x', { kind: 'bye' })).toBe(true);
    first.deliver('a', { kind: 'bye' });
    const second = fakeRoomSignals();
    forward.use(second.signals);
    expect(first.listeners.size).toBe(0);
    first.deliver('stale', { kind: 'bye' });
    second.deliver('b', { kind: 'bye' });
    forward.use(null);
    expect(second.listeners.size).toBe(0);
    expect(heard).toEqual(['a', 'b']);
    expect(first.sent).toEqual([{ to: 'x', message: { kind: 'bye' } }]);
  });
});
