import { describe, expect, it } from 'vitest';
import { CLIENT_SIGNAL_BURST, createRoomSignals, type SignalRoom } from '../../../src/net';
import { SIGNAL_LIMITS, type SignalMessage } from '../../../src/shared/talk-protocol';

/** The room client's signalling channel over a room that records what it is sent. */
function setup() {
  let t = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const clock = {
    now: () => t,
    setTimeout: (fn: () => void, ms: number) => (timers.push({ at: t + ms, fn, id: ++nextId }), nextId),
    clearTimeout: (id: unknown) => void timers.splice(0, timers.length, ...timers.filter((x) => x.id !== id)),
  };
  const advance = (ms: number): void => {
    const end = t + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      t = next.at;
      next.fn();
    }
    t = end;
  };
  const makeRoom = () => {
    const sent: [string, unknown][] = [];
    const handlers = new Map<string, (payload: unknown) => void>();
    const room: SignalRoom = {
      send: (type, payload) => void sent.push([type, payload]),
      onMessage: (type, callback) => (handlers.set(type, callback), () => void handlers.delete(type)),
    };
    return { room, sent, receive: (payload: unknown) => handlers.get('signal')?.(payload), listening: () => handlers.has('signal') };
  };
  const handle = createRoomSignals(clock);
  return { handle, makeRoom, advance };
}

const bye: SignalMessage = { kind: 'bye' };

describe('createRoomSignals', () => {
  it('sends a signal as the room expects it, and refuses when not joined or when the signal breaks the protocol', () => {
    const { handle, makeRoom } = setup();
    expect(handle.signals.send('peer', bye)).toBe(false);
    const { room, sent } = makeRoom();
    handle.attach(room);
    expect(handle.signals.send('peer', bye)).toBe(true);
    expect(sent).toEqual([['signal', { to: 'peer', kind: 'bye' }]]);
    const huge: SignalMessage = { kind: 'description', description: { type: 'offer', sdp: `v=0\r\n${'a'.repeat(SIGNAL_LIMITS.sdpMaxLength)}` } };
    expect(handle.signals.send('peer', huge)).toBe(false);
    expect(handle.signals.send('not a peer', bye)).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('paces a burst under the room limit: the first ones at once, the rest at the refill rate', () => {
    const { handle, makeRoom, advance } = setup();
    const { room, sent } = makeRoom();
    handle.attach(room);
    for (let i = 0; i < 60; i++) handle.signals.send('peer', bye);
    expect(sent).toHaveLength(CLIENT_SIGNAL_BURST);
    expect(CLIENT_SIGNAL_BURST).toBeLessThan(SIGNAL_LIMITS.burst);
    advance(1000);
    expect(sent).toHaveLength(CLIENT_SIGNAL_BURST + SIGNAL_LIMITS.perSecond);
    advance(1000);
    expect(sent).toHaveLength(60);
  });

  it('delivers valid signals from the room to every listener, and drops malformed ones', () => {
    const { handle, makeRoom } = setup();
    const { room, receive } = makeRoom();
    handle.attach(room);
    const heard: [string, SignalMessage][] = [];
    const off = handle.signals.onSignal((from, message) => heard.push([from, message]));
    receive({ from: 'peer', kind: 'bye' });
    receive({ from: 'peer', kind: 'bye', extra: true });
    receive({ kind: 'bye' });
    off();
    receive({ from: 'peer', kind: 'bye' });
    expect(heard).toEqual([['peer', { kind: 'bye' }]]);
  });

  it('drops what is queued and stops listening when the connection goes; a new room starts clean', () => {
    const { handle, makeRoom, advance } = setup();
    const first = makeRoom();
    handle.attach(first.room);
    for (let i = 0; i < CLIENT_SIGNAL_BURST + 5; i++) handle.signals.send('peer', bye);
    handle.attach(null);
    expect(first.listening()).toBe(false);
    expect(handle.signals.send('peer', bye)).toBe(false);
    const second = makeRoom();
    handle.attach(second.room);
    advance(5000);
    expect(first.sent).toHaveLength(CLIENT_SIGNAL_BURST);
    expect(second.sent).toEqual([]);
    expect(second.listening()).toBe(true);
  });
});
