import { describe, expect, it } from 'vitest';
import { Decoder, Encoder } from '@colyseus/schema';
import { validateClientMessage } from '../../../src/shared/validate';
import { applyClientMessage, isPlayerMessage } from '../../../server/apply-message';
import { EmotionSchema, HeadPoseSchema, PlayerSchema, SpaceState } from '../../../server/schema';

/** A pose through the room's own validation and apply code. */
function pose(player: PlayerSchema, position: [number, number, number], quaternion: [number, number, number, number]): void {
  const message = validateClientMessage('pose', { position, quaternion });
  if (!message.ok || !isPlayerMessage(message.value)) throw new Error('invalid pose');
  applyClientMessage(player, message.value);
}

describe('patch size of head poses (budget)', () => {
  const state = new SpaceState();
  const players: PlayerSchema[] = [];
  for (let i = 0; i < 16; i++) {
    const player = new PlayerSchema();
    player.sessionId = `s${i}`;
    player.emotion = new EmotionSchema();
    player.head = new HeadPoseSchema();
    state.players.set(player.sessionId, player);
    players.push(player);
  }
  const encoder = new Encoder(state);
  const decoder = new Decoder(new SpaceState());
  decoder.decode(encoder.encodeAll().slice());
  encoder.discardChanges();
  const patch = (): Uint8Array => {
    const bytes = encoder.encode().slice();
    encoder.discardChanges();
    decoder.decode(bytes);
    return bytes;
  };

  it('costs at most 26 bytes a player when every pose component changes, and nothing when the head is still to the millimetre', () => {
    const turn = Math.SQRT1_2;
    players.forEach((p, i) => pose(p, [1 + i * 0.01, 1.5, -2.25], [0, turn, 0, turn]));
    const moved = patch();
    expect(moved.length / players.length).toBeLessThanOrEqual(26);
    players.forEach((p, i) => pose(p, [1 + i * 0.01 + 0.0002, 1.5003, -2.2502], [0, turn, 0, turn]));
    expect(patch().length).toBe(0);
    const seen = decoder.state.players.get('s3');
    expect([seen?.head.px, seen?.head.py, seen?.head.pz, seen?.head.qy]).toEqual([1030, 1500, -2250, 23170]);
  });
});
