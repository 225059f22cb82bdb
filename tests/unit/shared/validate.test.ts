import { describe, expect, it } from 'vitest';
import { EMOTION_LABELS, manualEmotion } from '../../../src/shared/emotion-labels';
import { ClientMessage } from '../../../src/shared/protocol';
import {
  validateClientMessage, validateDrowsiness, validateEmotion, validateJoinOptions, validatePose,
  validateProfile, validateSpeaking, type Validation,
} from '../../../src/shared/validate';

/** The reason of a failed validation (fails the test if it passed). */
function reasonOf<T>(result: Validation<T>): string {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`);
  return result.reason;
}

const POSE = { position: [0.5, 1.6, -2], quaternion: [0, 0, 0, 1] };

describe('validateEmotion', () => {
  it('accepts every label with in-range figures and returns a clean copy', () => {
    for (const label of EMOTION_LABELS) {
      const input = manualEmotion(label);
      expect(validateEmotion(input)).toEqual({ ok: true, value: input });
    }
    expect(validateEmotion({ label: 'sad', confidence: 0, arousal: -1, valence: 1, source: 'voice' }).ok).toBe(true);
  });

  it.each([
    [{ ...manualEmotion('happy'), label: 'joy' }, /label must be one of/],
    [{ ...manualEmotion('happy'), label: 'HAPPY' }, /label/],
    [{ ...manualEmotion('happy'), confidence: 1.01 }, /confidence/],
    [{ ...manualEmotion('happy'), confidence: NaN }, /confidence/],
    [{ ...manualEmotion('happy'), confidence: '0.5' }, /confidence/],
    [{ ...manualEmotion('happy'), arousal: Infinity }, /arousal/],
    [{ ...manualEmotion('happy'), valence: -1.5 }, /valence/],
    [{ ...manualEmotion('happy'), source: 'telepathy' }, /source/],
    [{ ...manualEmotion('happy'), sessionId: 'someone-else' }, /unknown field\(s\): sessionId/],
    [{ label: 'happy' }, /confidence/],
    [null, /must be an object/],
    [[manualEmotion('happy')], /must be an object/],
    ['happy', /must be an object/],
    [new Date(0), /plain object/],
  ])('rejects %j', (input, reason) => {
    expect(reasonOf(validateEmotion(input))).toMatch(reason);
  });
});

describe('validatePose', () => {
  it('accepts a position and a unit quaternion, keeping the exact values', () => {
    const pose = { position: [1.234567890123, 1.6, -3], quaternion: [0, Math.SQRT1_2, 0, Math.SQRT1_2] };
    expect(validatePose(pose)).toEqual({ ok: true, value: pose });
  });

  it.each([
    [{ ...POSE, position: [0, 0] }, /array of 3/],
    [{ ...POSE, position: [0, 0, NaN] }, /finite/],
    [{ ...POSE, position: [0, '1', 0] }, /finite/],
    [{ ...POSE, position: [0, 0, 101] }, /within ±100/],
    [{ ...POSE, quaternion: [0, 0, 0, 0] }, /unit length/],
    [{ ...POSE, quaternion: [0.5, 0.5, 0.5, 0.4] }, /unit length/],
    [{ ...POSE, quaternion: [0, 0, 0, 1, 0] }, /array of 4/],
    [{ ...POSE, quaternion: { x: 0, y: 0, z: 0, w: 1 } }, /array of 4/],
    [{ ...POSE, velocity: [0, 0, 0] }, /unknown field/],
    [{ position: [0, 0, 0] }, /quaternion/],
  ])('rejects %j', (input, reason) => {
    expect(reasonOf(validatePose(input))).toMatch(reason);
  });
});

describe('level messages', () => {
  it('accept 0..1 and reject everything else', () => {
    for (const validate of [validateSpeaking, validateDrowsiness]) {
      expect(validate({ level: 0 })).toEqual({ ok: true, value: { level: 0 } });
      expect(validate({ level: 1 }).ok).toBe(true);
      for (const bad of [{ level: -0.01 }, { level: 1.5 }, { level: NaN }, { level: '1' }, { level: null }, {}, { level: 0.5, extra: 1 }, 0.5]) {
        expect(validate(bad).ok).toBe(false);
      }
    }
  });
});

describe('validateProfile and join options', () => {
  it('sanitizes display names and rejects invisible ones', () => {
    expect(validateProfile({ displayName: '  Zoë \u0000\u202e ' })).toEqual({ ok: true, value: { displayName: 'Zoë' } });
    expect(validateProfile({ displayName: 'x'.repeat(500) })).toEqual({ ok: true, value: { displayName: 'x'.repeat(32) } });
    expect(reasonOf(validateProfile({ displayName: '\u200b\u0007  ' }))).toMatch(/visible characters/);
    expect(reasonOf(validateProfile({ displayName: 42 }))).toMatch(/must be a string/);
    expect(reasonOf(validateProfile({}))).toMatch(/must set displayName or avatarId/);
  });

  it('accepts shipped and uploaded avatar ids, rejects markup, schemes and long ids', () => {
    expect(validateProfile({ avatarId: 'fox' }).ok).toBe(true);
    expect(validateProfile({ avatarId: `upload:${'f'.repeat(64)}` }).ok).toBe(true);
    expect(validateProfile({ avatarId: '' }).ok).toBe(true);
    for (const bad of ['<img>', 'a b', 'javascript:alert(1)', 'data:text/html,x', '"x"', 'x'.repeat(81)]) {
      expect(validateProfile({ avatarId: bad }).ok, bad).toBe(false);
    }
  });

  it('defaults the role to player and rejects unknown roles and fields', () => {
    expect(validateJoinOptions(undefined)).toEqual({ ok: true, value: { role: 'player', space: 'lobby' } });
    expect(validateJoinOptions({ role: 'spectator', displayName: ' Sam ' })).toEqual({ ok: true, value: { role: 'spectator', space: 'lobby', displayName: 'Sam' } });
    expect(validateJoinOptions({ space: 'Team-Standup' })).toEqual({ ok: true, value: { role: 'player', space: 'team-standup' } });
    expect(reasonOf(validateJoinOptions({ space: 'no spaces' }))).toMatch(/^join options\.space must be 1 to 32/);
    expect(reasonOf(validateJoinOptions({ role: 'admin' }))).toMatch(/role/);
    expect(reasonOf(validateJoinOptions({ role: 'player', isAdmin: true }))).toMatch(/unknown field/);
  });
});

describe('validateClientMessage', () => {
  it('dispatches by type and rejects unknown or inherited type names', () => {
    const result = validateClientMessage(ClientMessage.speaking, { level: 0.25 });
    expect(result).toEqual({ ok: true, value: { type: 'speaking', payload: { level: 0.25 } } });
    for (const type of ['teleport', '__proto__', 'toString', 'constructor', 7, null, undefined, '']) {
      expect(reasonOf(validateClientMessage(type, {}))).toMatch(/unknown message type/);
    }
  });

  it('never throws on hostile input', () => {
    const hostile: unknown[] = [
      Object.create(null), { __proto__: { level: 0.5 } }, new Proxy({}, {}), Symbol('x'), () => 1, 10n,
      { level: { valueOf: () => 0.5 } }, JSON.parse('{"__proto__": {"level": 1}}'), new Array(1e6),
    ];
    for (const type of Object.values(ClientMessage)) {
      for (const payload of hostile) expect(() => validateClientMessage(type, payload)).not.toThrow();
    }
  });
});
