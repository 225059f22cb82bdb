import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualEmotion } from '../../src/shared/emotion-labels';
import { ClientMessage, ErrorCode, ROOM_NAME } from '../../src/shared/protocol';
import { createRandom, junkMessage } from '../fixtures/junk';
import { playerSeenBy, roundTrip, startTestServer, waitFor, type TestRoom, type TestServer } from './helpers';

const SEED = 20261122;

/** Everyone's state as `viewer` sees it, as comparable JSON. */
const snapshot = (viewer: TestRoom) => JSON.stringify(viewer.room.state.toJSON());

describe('malformed traffic', () => {
  let server: TestServer;
  let alice: TestRoom;
  let bob: TestRoom;
  let mallory: TestRoom;
  let spectator: TestRoom;

  beforeAll(async () => {
    // The per-second cap is tested in limits.test.ts; here it would only slow 1,000 messages down.
    // A clock that stands still: the activity started below stays offered however long the junk takes.
    server = await startTestServer({ room: { maxMessagesPerSecond: 100_000, now: () => 1_800_000_000_000 } });
    alice = await server.join({ role: 'player', displayName: 'Alice' });
    bob = await server.join({ role: 'player', displayName: 'Bob' });
    mallory = await server.join({ role: 'player', displayName: 'Mallory' });
    spectator = await server.join({ role: 'spectator' });
    alice.room.send(ClientMessage.emotion, manualEmotion('happy'));
    bob.room.send(ClientMessage.pose, { position: [1, 1.5, -1], quaternion: [0, 0, 0, 1] });
    await waitFor(() => playerSeenBy(spectator, bob.room.sessionId)?.head.px === 1000, 'setup state'); // millimetres on the wire
    await waitFor(() => playerSeenBy(spectator, alice.room.sessionId)?.emotion.label === 'happy', 'setup emotion');
  });
  afterAll(async () => server?.stop());

  it('answers 1,000 random malformed messages with one error each and changes nobody', async () => {
    const before = snapshot(spectator);
    const rnd = createRandom(SEED);
    const senders = [mallory, mallory, mallory, mallory, spectator];
    const sent = new Map<TestRoom, number>();
    for (let i = 0; i < 1000; i++) {
      const sender = senders[i % senders.length] as TestRoom;
      const [type, payload] = junkMessage(rnd);
      sender.room.send(type, payload);
      sent.set(sender, (sent.get(sender) ?? 0) + 1);
    }
    for (const [sender, count] of sent) {
      await waitFor(() => sender.errors.length >= count, `${count} errors`, 10_000);
      expect(sender.errors.length).toBe(count);
    }
    expect(mallory.errors.every((e) => e.code === ErrorCode.invalidPayload || e.code === ErrorCode.unknownMessage)).toBe(true);
    expect(spectator.errors.every((e) => e.code === ErrorCode.forbidden || e.code === ErrorCode.unknownMessage)).toBe(true);
    expect(mallory.errors.every((e) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
    await roundTrip(alice);
    expect(snapshot(spectator)).toBe(before);
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });

  it('changes nothing of a running activity: junk for every message, the new ones included', async () => {
    alice.room.send(ClientMessage.activity, { action: 'start' });
    await waitFor(() => spectator.room.state.activity?.phase === 'offered', 'the activity offered');
    const before = snapshot(spectator);
    const errorsBefore = mallory.errors.length;
    const rnd = createRandom(SEED + 2);
    const types = new Set<string | number>();
    for (let i = 0; i < 400; i++) {
      const [type, payload] = junkMessage(rnd);
      types.add(type);
      mallory.room.send(type, payload);
    }
    await waitFor(() => mallory.errors.length >= errorsBefore + 400, '400 more errors', 10_000);
    expect(mallory.errors.length).toBe(errorsBefore + 400);
    for (const type of [ClientMessage.engagement, ClientMessage.nudge, ClientMessage.activity, ClientMessage.activityScore]) expect(types).toContain(type);
    await roundTrip(alice);
    expect(snapshot(spectator)).toBe(before);
    expect(alice.errors).toEqual([]);
  });

  it('keeps serving after the junk: state still flows and new clients join', async () => {
    alice.room.send(ClientMessage.emotion, manualEmotion('surprised'));
    await waitFor(() => playerSeenBy(bob, alice.room.sessionId)?.emotion.label === 'surprised', 'surprised alice');
    const late = await server.client().joinOrCreate(ROOM_NAME, { role: 'spectator' });
    expect(late.roomId).toBe(alice.room.roomId);
    await late.leave();
  });

  it('disconnects only the sender of an oversized frame or raw garbage', async () => {
    const before = snapshot(spectator);
    const big = await server.join({ role: 'player', displayName: 'Big' });
    const garbage = await server.join({ role: 'player', displayName: 'Garbage' });
    const closed = (r: TestRoom) => new Promise<number>((resolve) => r.room.onLeave((code) => resolve(code)));
    const bigClosed = closed(big);
    const garbageClosed = closed(garbage);
    big.room.send(ClientMessage.profile, { displayName: 'x'.repeat(64 * 1024) });
    const rnd = createRandom(SEED + 1);
    for (let i = 0; i < 50; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256));
      bytes[0] = 13; // ROOM_DATA, followed by bytes that are neither a valid type nor msgpack
      garbage.room.connection.send(bytes);
    }
    expect(await bigClosed).toBe(1009);
    expect(await garbageClosed).toBe(4002);
    // Garbage is a kick (4002): no reconnection window keeps the seat.
    await waitFor(() => !playerSeenBy(spectator, garbage.room.sessionId), 'garbage seat freed');
    // ws cuts an oversized frame's socket, which the room sees as an abnormal close (1006), like
    // a network loss: the seat waits out the window, unused, since the SDK will not reconnect.
    await waitFor(() => playerSeenBy(spectator, big.room.sessionId)?.connected === false, 'big marked disconnected');
    await roundTrip(alice);
    const after = JSON.parse(snapshot(spectator)) as { players: Record<string, unknown> };
    expect(Object.keys(after.players)).not.toContain(garbage.room.sessionId);
    const original = JSON.parse(before) as { players: Record<string, unknown> };
    for (const id of Object.keys(original.players)) expect(after.players[id]).toEqual(original.players[id]);
    const res = await fetch(`${server.baseUrl}/health`);
    expect(res.status).toBe(200);
  });
});
