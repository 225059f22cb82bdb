import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWirePose } from '../../src/shared/pose-wire';
import { manualEmotion } from '../../src/shared/emotion-labels';
import { ClientMessage, ErrorCode, ROOM_NAME } from '../../src/shared/protocol';
import { playerSeenBy, roundTrip, startTestServer, waitFor, type TestRoom, type TestServer } from './helpers';

/** Three players and a spectator in one real room: propagation, ownership, spectator rules. */
describe('space room', () => {
  let server: TestServer;
  let alice: TestRoom;
  let bob: TestRoom;
  let carol: TestRoom;
  let spectator: TestRoom;

  beforeAll(async () => {
    server = await startTestServer();
    alice = await server.join({ role: 'player', displayName: '  Alice\u202e\u0007  ', avatarId: 'fox' });
    bob = await server.join({ role: 'player', displayName: 'Bob' });
    carol = await server.join({ role: 'player' });
    spectator = await server.join({ role: 'spectator', displayName: 'Watcher' });
  });
  afterAll(async () => server?.stop());

  it('puts everyone in one room and lists players only', async () => {
    const rooms = [alice, bob, carol, spectator].map((r) => r.room.roomId);
    expect(new Set(rooms).size).toBe(1);
    await waitFor(() => spectator.room.state.players?.size === 3, 'three players in the spectator state');
    const ids = [...spectator.room.state.players.keys()].sort();
    expect(ids).toEqual([alice, bob, carol].map((r) => r.room.sessionId).sort());
    expect(ids).not.toContain(spectator.room.sessionId);
  });

  it('stores sanitized names, avatar ids, defaults and join time', async () => {
    const a = await waitFor(() => playerSeenBy(bob, alice.room.sessionId), 'alice in bob state');
    expect(a.displayName).toBe('Alice');
    expect(a.avatarId).toBe('fox');
    expect(a.connected).toBe(true);
    expect(a.joinedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(a.emotion.label).toBe('neutral');
    const c = await waitFor(() => playerSeenBy(bob, carol.room.sessionId), 'carol in bob state');
    expect(c.displayName).toMatch(/^Guest \d+$/);
  });

  it('propagates emotion to other players and spectators', async () => {
    alice.room.send(ClientMessage.emotion, { ...manualEmotion('angry'), confidence: 0.75, source: 'voice' });
    for (const viewer of [bob, carol, spectator]) {
      const seen = await waitFor(() => {
        const p = playerSeenBy(viewer, alice.room.sessionId);
        return p?.emotion.label === 'angry' ? p : undefined;
      }, 'angry alice');
      expect(seen.emotion.confidence).toBeCloseTo(0.75, 6);
      expect(seen.emotion.arousal).toBeCloseTo(0.8, 6);
      expect(seen.emotion.valence).toBeCloseTo(-0.7, 6);
      expect(seen.emotion.source).toBe('voice');
    }
    expect(alice.errors).toEqual([]);
  });

  it('propagates head pose (mm and 1/32767 steps), speaking, drowsiness and profile', async () => {
    const position: [number, number, number] = [1.234567890123, 1.6180339887, -2.718281828459];
    const quaternion: [number, number, number, number] = [0, Math.SQRT1_2, 0, Math.SQRT1_2];
    bob.room.send(ClientMessage.pose, { position, quaternion });
    bob.room.send(ClientMessage.speaking, { level: 0.5 });
    bob.room.send(ClientMessage.drowsiness, { level: 0.25 });
    bob.room.send(ClientMessage.profile, { displayName: 'Robert', avatarId: `upload:${'a'.repeat(64)}` });
    const seen = await waitFor(() => {
      const p = playerSeenBy(spectator, bob.room.sessionId);
      return p?.displayName === 'Robert' && p.head.px !== 0 ? p : undefined;
    }, 'bob update at the spectator');
    expect([seen.head.px, seen.head.py, seen.head.pz]).toEqual([1235, 1618, -2718]);
    expect([seen.head.qx, seen.head.qy, seen.head.qz, seen.head.qw]).toEqual([0, 23170, 0, 23170]);
    const read = readWirePose(seen.head);
    read.position.forEach((v, i) => expect(Math.abs(v - (position[i] as number))).toBeLessThanOrEqual(0.0005));
    read.quaternion.forEach((v, i) => expect(Math.abs(v - (quaternion[i] as number))).toBeLessThan(1e-6));
    expect(seen.speakingLevel).toBe(0.5);
    expect(seen.drowsiness).toBe(0.25);
    expect(seen.avatarId).toBe(`upload:${'a'.repeat(64)}`);
  });

  it('rejects every state-changing message from a spectator with a forbidden error', async () => {
    const before = JSON.stringify(alice.room.state.toJSON());
    const messages: Array<[string, unknown]> = [
      [ClientMessage.emotion, manualEmotion('happy')],
      [ClientMessage.pose, { position: [0, 0, 0], quaternion: [0, 0, 0, 1] }],
      [ClientMessage.speaking, { level: 1 }],
      [ClientMessage.drowsiness, { level: 1 }],
      [ClientMessage.profile, { displayName: 'Intruder' }],
      [ClientMessage.engagement, { state: 'drowsy', share: 'state' }],
      [ClientMessage.nudge, { level: 1, event: 'shown' }],
      [ClientMessage.activity, { action: 'start' }],
      [ClientMessage.activityScore, { round: 1, score: 0.5 }],
    ];
    for (const [type, payload] of messages) spectator.room.send(type, payload);
    await waitFor(() => spectator.errors.length >= messages.length, 'an error to the spectator for each');
    expect(spectator.errors.map((e) => [e.code, e.type])).toEqual(messages.map(([type]) => [ErrorCode.forbidden, type]));
    expect(spectator.room.state.players.has(spectator.room.sessionId)).toBe(false);
    await roundTrip(alice);
    expect(JSON.stringify(alice.room.state.toJSON())).toBe(before);
  });

  it('never lets a client change another player: payloads naming others are rejected', async () => {
    const bobBefore = JSON.stringify(playerSeenBy(alice, bob.room.sessionId)?.toJSON());
    carol.room.send(ClientMessage.emotion, { ...manualEmotion('sad'), sessionId: bob.room.sessionId });
    carol.room.send(ClientMessage.profile, { displayName: 'Hacked', sessionId: bob.room.sessionId });
    carol.room.send(ClientMessage.profile, { displayName: 'Carol' });
    await waitFor(() => playerSeenBy(alice, carol.room.sessionId)?.displayName === 'Carol', 'carol renamed');
    expect(carol.errors.map((e) => e.code)).toEqual([ErrorCode.invalidPayload, ErrorCode.invalidPayload]);
    expect(carol.errors[0]?.message).toMatch(/unknown field/);
    expect(JSON.stringify(playerSeenBy(alice, bob.room.sessionId)?.toJSON())).toBe(bobBefore);
    expect(playerSeenBy(alice, carol.room.sessionId)?.emotion.label).toBe('neutral');
  });

  it('answers invalid and unknown messages with an error to the sender only', async () => {
    const othersBefore = [alice, bob, spectator].map((r) => r.errors.length);
    carol.room.send(ClientMessage.emotion, { ...manualEmotion('happy'), confidence: 2 });
    carol.room.send('teleport', { to: 'moon' });
    await waitFor(() => carol.errors.length >= 4, 'two more errors to carol');
    expect(carol.errors.slice(2).map((e) => e.code)).toEqual([ErrorCode.invalidPayload, ErrorCode.unknownMessage]);
    expect(carol.errors[2]?.message).toMatch(/confidence/);
    await roundTrip(alice);
    expect([alice, bob, spectator].map((r) => r.errors.length)).toEqual(othersBefore);
  });

  it('refuses invalid join options with a clear error', async () => {
    await expect(server.client().joinOrCreate(ROOM_NAME, { role: 'admin' })).rejects.toThrow(/role/);
    await expect(server.client().joinOrCreate(ROOM_NAME, { role: 'player', avatarId: '<script>' })).rejects.toThrow(/avatarId/);
  });
});
