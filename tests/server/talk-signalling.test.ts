import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientMessage, ErrorCode, LIMITS, ServerMessage } from '../../src/shared/protocol';
import { SIGNAL_LIMITS, type ServerSignalPayload } from '../../src/shared/talk-protocol';
import { mungeOpus } from '../../src/talk/opus-sdp';
import { playerSeenBy, roundTrip, sleep, startTestServer, waitFor, type TestRoom, type TestServer } from './helpers';

/** Voice chat signalling through the real room: who gets a signal, and what is refused. */

const OFFER_SDP = mungeOpus(readFileSync(resolve(import.meta.dirname, '../fixtures/chromium-156-audio-offer.sdp'), 'utf8'));
const CANDIDATE = { candidate: 'candidate:318523520 1 udp 2122194687 127.0.0.1 47661 typ host generation 0', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'nOmF' };

/** A joined room with every signal it received. */
interface Talker extends TestRoom {
  readonly signals: ServerSignalPayload[];
  readonly id: string;
}

describe('voice chat signalling', () => {
  let server: TestServer;
  let alice: Talker;
  let bob: Talker;
  let carol: Talker;
  let spectator: Talker;
  let elsewhere: Talker;

  const join = async (options: Parameters<TestServer['join']>[0]): Promise<Talker> => {
    const joined = await server.join(options);
    const signals: ServerSignalPayload[] = [];
    joined.room.onMessage(ServerMessage.signal, (payload: ServerSignalPayload) => signals.push(payload));
    return { ...joined, signals, id: joined.room.sessionId };
  };
  const signal = (from: Talker, to: string, body: Record<string, unknown> = { kind: 'candidate', candidate: CANDIDATE }) =>
    from.room.send(ClientMessage.signal, { to, ...body });
  /** After `target` answered a probe, every signal the room had sent it before has arrived. */
  const settled = async (...targets: Talker[]) => {
    for (const target of targets) await roundTrip(target);
  };

  beforeAll(async () => {
    server = await startTestServer();
    alice = await join({ role: 'player', displayName: 'Alice' });
    bob = await join({ role: 'player', displayName: 'Bob' });
    carol = await join({ role: 'player', displayName: 'Carol' });
    spectator = await join({ role: 'spectator' });
    elsewhere = await join({ role: 'player', displayName: 'Dave', space: 'other-space' });
    expect(new Set([alice, bob, carol, spectator].map((t) => t.room.roomId)).size).toBe(1);
    expect(elsewhere.room.roomId).not.toBe(alice.room.roomId);
  });
  afterAll(async () => server?.stop());

  it('relays a signal to the addressee only, stamped with the sender, and the SDP intact', async () => {
    signal(alice, bob.id, { kind: 'description', description: { type: 'offer', sdp: OFFER_SDP } });
    signal(alice, bob.id);
    signal(alice, bob.id, { kind: 'bye' });
    await waitFor(() => bob.signals.length >= 3, 'three signals at bob');
    expect(bob.signals).toEqual([
      { from: alice.id, kind: 'description', description: { type: 'offer', sdp: OFFER_SDP } },
      { from: alice.id, kind: 'candidate', candidate: CANDIDATE },
      { from: alice.id, kind: 'bye' },
    ]);
    await settled(alice, carol, spectator, elsewhere);
    expect([alice, carol, spectator, elsewhere].map((t) => t.signals.length)).toEqual([0, 0, 0, 0]);
    expect(alice.errors).toEqual([]);
    bob.signals.length = 0;
  });

  it('refuses a signal to a player of another space, to oneself and to nobody, telling only the sender', async () => {
    for (const to of [elsewhere.id, alice.id, 'nobody-here']) signal(alice, to);
    await waitFor(() => alice.errors.length >= 3, 'three errors');
    expect(alice.errors.map((e) => [e.code, e.type])).toEqual(Array(3).fill([ErrorCode.peerUnavailable, ClientMessage.signal]));
    await settled(elsewhere, bob, carol);
    expect([elsewhere, bob, carol].map((t) => t.signals.length)).toEqual([0, 0, 0]);
    alice.errors.length = 0;
  });

  it('lets spectators neither signal nor be signalled', async () => {
    signal(spectator, alice.id);
    signal(alice, spectator.id);
    await waitFor(() => spectator.errors.length >= 1 && alice.errors.length >= 1, 'both refused');
    expect(spectator.errors.map((e) => e.code)).toEqual([ErrorCode.forbidden]);
    expect(alice.errors.map((e) => e.code)).toEqual([ErrorCode.peerUnavailable]);
    await settled(alice, spectator);
    expect([alice.signals.length, spectator.signals.length]).toEqual([0, 0]);
    alice.errors.length = 0;
    spectator.errors.length = 0;
  });

  it('stops signalling both ways between a blocker and the blocked, without telling the blocked, until unblocked', async () => {
    bob.room.send(ClientMessage.block, { sessionId: alice.id, blocked: true });
    await roundTrip(bob);
    signal(alice, bob.id); // the blocked: dropped without a word
    signal(bob, alice.id); // the blocker: told why
    signal(carol, bob.id); // anyone else: relayed
    await waitFor(() => bob.errors.length >= 1 && bob.signals.length >= 1, 'bob refused, carol relayed');
    await settled(alice, bob);
    expect(bob.errors.map((e) => e.code)).toEqual([ErrorCode.blocked]);
    expect(bob.signals.map((s) => s.from)).toEqual([carol.id]);
    expect(alice.signals).toEqual([]);
    expect(alice.errors).toEqual([]);

    bob.room.send(ClientMessage.block, { sessionId: alice.id, blocked: false });
    await roundTrip(bob);
    signal(alice, bob.id);
    signal(bob, alice.id);
    await waitFor(() => bob.signals.length >= 2 && alice.signals.length >= 1, 'both ways again');
    expect(alice.errors).toEqual([]);
    bob.signals.length = 0;
    alice.signals.length = 0;
    bob.errors.length = 0;
  });

  it('blocks only players in the room, and a block ends with the session it named', async () => {
    bob.room.send(ClientMessage.block, { sessionId: spectator.id, blocked: true });
    bob.room.send(ClientMessage.block, { sessionId: 'gone-away', blocked: false }); // unblocking a departed session is a no-op
    await roundTrip(bob);
    expect(bob.errors.map((e) => e.code)).toEqual([ErrorCode.peerUnavailable]);
    bob.errors.length = 0;

    const mallory = await join({ role: 'player', displayName: 'Mallory' });
    bob.room.send(ClientMessage.block, { sessionId: mallory.id, blocked: true });
    await roundTrip(bob);
    await mallory.room.leave();
    const again = await join({ role: 'player', displayName: 'Mallory' }); // a new session: bob's client must block it anew
    signal(again, bob.id);
    await waitFor(() => bob.signals.length >= 1, 'the new session relayed');
    expect(bob.signals[0]?.from).toBe(again.id);
    bob.signals.length = 0;
    await again.room.leave();
  });

  it('refuses malformed and oversized signals with an error to the sender, and touches nobody', async () => {
    const bad: Record<string, unknown>[] = [
      { kind: 'description', description: { type: 'offer', sdp: `v=0\r\n${'a'.repeat(SIGNAL_LIMITS.sdpMaxLength)}` } },
      { kind: 'candidate', candidate: { ...CANDIDATE, candidate: 'c'.repeat(SIGNAL_LIMITS.candidateMaxLength + 1) } },
      { kind: 'description', description: { type: 'pranswer', sdp: OFFER_SDP } },
      { kind: 'description', candidate: CANDIDATE },
      { kind: 'bye', candidate: CANDIDATE },
      { kind: 'bye', from: alice.id },
    ];
    for (const body of bad) signal(carol, bob.id, body);
    carol.room.send(ClientMessage.signal, { to: 'not a session id', kind: 'bye' });
    await waitFor(() => carol.errors.length >= bad.length + 1, 'an error for each');
    expect(carol.errors.map((e) => e.code)).toEqual(Array(bad.length + 1).fill(ErrorCode.invalidPayload));
    expect(carol.errors[0]?.message).toMatch(/at most 3500/);
    await settled(bob, alice);
    expect([bob.signals.length, alice.signals.length]).toEqual([0, 0]);
    expect([bob.errors.length, alice.errors.length]).toEqual([0, 0]);
    carol.errors.length = 0;
  });

  it('shows each player\'s voice mute in the roster', async () => {
    alice.room.send(ClientMessage.voice, { muted: true });
    await waitFor(() => playerSeenBy(spectator, alice.id)?.voiceMuted === true, 'alice muted at the spectator');
    expect(playerSeenBy(bob, bob.id)?.voiceMuted).toBe(false);
    alice.room.send(ClientMessage.voice, { muted: false });
    await waitFor(() => playerSeenBy(bob, alice.id)?.voiceMuted === false, 'alice unmuted at bob');
  });

  it(`refuses signals past ${SIGNAL_LIMITS.burst} at once with rate_limited, then lets them through again`, async () => {
    const sent = SIGNAL_LIMITS.burst + 10;
    await sleep(1000 / SIGNAL_LIMITS.perSecond * 2); // carol's earlier signal is paid back: a full bucket
    for (let i = 0; i < sent; i++) signal(carol, alice.id, { kind: 'bye' });
    await waitFor(() => alice.signals.length + carol.errors.length >= sent, 'every signal relayed or refused');
    // A few tokens may come back while the burst is on its way (one per 50 ms on a busy machine).
    expect(alice.signals.length).toBeGreaterThanOrEqual(SIGNAL_LIMITS.burst);
    expect(alice.signals.length).toBeLessThanOrEqual(SIGNAL_LIMITS.burst + 5);
    expect(carol.errors.length).toBe(sent - alice.signals.length);
    expect(new Set(carol.errors.map((e) => e.code))).toEqual(new Set([ErrorCode.rateLimited]));
    expect(carol.room.connection.isOpen).toBe(true);
    await sleep(1000 / SIGNAL_LIMITS.perSecond * 3);
    alice.signals.length = 0;
    carol.errors.length = 0;
    signal(carol, alice.id, { kind: 'bye' });
    await waitFor(() => alice.signals.length >= 1, 'relayed again');
    expect(carol.errors).toEqual([]);
  });

  it(`still closes a client past ${LIMITS.maxMessagesPerSecond} messages a second, signals included`, async () => {
    const flooder = await join({ role: 'player', displayName: 'Flood' });
    const codes: number[] = [];
    flooder.room.onLeave((code) => void codes.push(code));
    for (let i = 0; i < LIMITS.maxMessagesPerSecond * 2; i++) signal(flooder, alice.id, { kind: 'bye' });
    await waitFor(() => codes.length > 0, 'the flooder closed');
    expect(codes[0]).toBe(4002);
    await waitFor(() => !alice.room.state.players.has(flooder.id), 'its seat freed');
  });
});
