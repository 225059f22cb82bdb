import { createSeededRandom, type RandomSource } from '../../src/avatar/seeded-random';
import { ClientMessage } from '../../src/shared/protocol';

/**
 * Generator of malformed client messages for the fuzz test. Every message it makes is invalid by
 * construction (unknown type, wrong payload shape, an unknown field, or one broken field), so the
 * server must answer each with exactly one error.
 */

/** Deterministic randomness, so a failure can be replayed from its seed. */
export const createRandom = createSeededRandom;
type Random = RandomSource;
const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;

/**
 * A string of `length` random BMP characters, controls and bidi overrides included. Kept under
 * ~1,200 units so a frame stays within the transport's 4 KB limit (3 UTF-8 bytes per unit).
 * No lone surrogates: the SDK's own string encoder mis-measures them and sends a corrupt frame
 * (the server then drops that client, as the raw-garbage test below checks).
 */
function junkString(rnd: Random, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const code = Math.floor(rnd() * 0xffff);
    s += String.fromCharCode(code >= 0xd800 && code <= 0xdfff ? code - 0x800 : code);
  }
  return s;
}

function nested(depth: number): unknown {
  return depth === 0 ? { end: [NaN, 'x'] } : { a: nested(depth - 1), b: [depth, null] };
}

/** Values that are never a valid number field. */
function junkNumber(rnd: Random): unknown {
  return pick(rnd, [NaN, Infinity, -Infinity, 'NaN', 'Infinity', '0.5', null, true, [], {}, [0.5], 1e300, -5, 7, nested(3), junkString(rnd, 1000), 'x'.repeat(3500)]);
}

/** Values that are never a valid display name or avatar id. */
function junkText(rnd: Random, field: 'displayName' | 'avatarId'): unknown {
  const shared = [null, 42, NaN, true, [], { a: 1 }, ['Bob']];
  const textual = field === 'displayName' ? ['', '   ', '\u0000\u0007\u202e', '\u200b\u200b'] : ['<script>', 'a b', '"quoted"', 'javascript:alert(1)', 'x'.repeat(81)];
  return pick(rnd, [...shared, ...textual]);
}

const VALID: { [K in ClientMessage]: Record<string, unknown> } = {
  emotion: { label: 'happy', confidence: 0.5, arousal: 0.1, valence: 0.2, source: 'manual' },
  pose: { position: [0, 1.6, 0], quaternion: [0, 0, 0, 1] },
  speaking: { level: 0.4 },
  drowsiness: { level: 0.1 },
  profile: { displayName: 'Mallory' },
};

/** One field of a valid payload replaced by junk. */
function brokenField(rnd: Random, type: ClientMessage): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...VALID[type] };
  const field = pick(rnd, Object.keys(payload));
  if (field === 'label') payload.label = pick(rnd, ['ANGRY', 'joy', '', 7, null, 'neutral ', junkString(rnd, 50)]);
  else if (field === 'source') payload.source = pick(rnd, ['telepathy', '', 1, null, ['manual']]);
  else if (field === 'displayName' || field === 'avatarId') payload[field] = junkText(rnd, field);
  else if (field === 'position' || field === 'quaternion') {
    payload[field] = pick(rnd, [[0, 0], [0, 0, 0, 0, 0], [NaN, 0, 0, 1], ['0', 0, 0, 1], [0, 0, 0, 2], [1e9, 0, 0, 1], 'up', null, { x: 0 }]);
  } else payload[field] = junkNumber(rnd);
  return payload;
}

/** One invalid message: [type, payload]. */
export function junkMessage(rnd: Random): [string | number, unknown] {
  // Junk type names stay under 250 UTF-8 bytes: @colyseus/sdk 0.18.4 Room.send packs the header
  // length into 8 bits of msgpackr's options, so longer types make the SDK send a corrupt frame.
  const types = Object.values(ClientMessage);
  const flaw = Math.floor(rnd() * 4);
  if (flaw === 0) {
    const type = pick(rnd, ['teleport', '', '__proto__', 'constructor', 'toString', 'EMOTION', 'emotion ', junkString(rnd, 60), 0, 7, 255]);
    return [type, pick(rnd, [undefined, null, VALID.emotion, nested(8), junkString(rnd, 1000)])];
  }
  const type = pick(rnd, types);
  if (flaw === 1) {
    return [type, pick(rnd, [undefined, null, 0, NaN, 'NaN', 'Infinity', true, [], [VALID[type]], junkString(rnd, 1200), 'y'.repeat(3500), nested(10), new Date(0)])];
  }
  if (flaw === 2) {
    return [type, { ...VALID[type], [pick(rnd, ['sessionId', 'extra', 'player', 'constructor', 'x'.repeat(200)])]: pick(rnd, [1, 'a', null, nested(2)]) }];
  }
  return [type, brokenField(rnd, type)];
}
