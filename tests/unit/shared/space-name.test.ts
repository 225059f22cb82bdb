import { describe, expect, it } from 'vitest';
import {
  createPrivateSpaceCode, DEFAULT_SPACE, isPrivateSpace, PRIVATE_CODE_ALPHABET, PRIVATE_CODE_LENGTH, SPACE_NAME_MAX_LENGTH,
} from '../../../src/shared/spaces';
import { validateSpaceName } from '../../../src/shared/validate';

const reasonOf = (input: unknown) => {
  const result = validateSpaceName(input);
  return result.ok ? null : result.reason;
};

describe('space names', () => {
  it('accepts public names of letters, digits and inner hyphens, folded to lower case', () => {
    for (const name of ['a', '7', 'team-standup', 'Team-Standup', 'x'.repeat(SPACE_NAME_MAX_LENGTH), DEFAULT_SPACE, 'a-b-c-1']) {
      expect(validateSpaceName(name)).toEqual({ ok: true, value: name.toLowerCase() });
    }
  });

  it('refuses everything else with a sentence naming the rule', () => {
    const rule = /^space must be 1 to 32 letters, digits or '-' \(not first or last\), e\.g\. team-standup$/;
    for (const bad of ['', '-team', 'team-', 'team standup', 'team_standup', 'x'.repeat(SPACE_NAME_MAX_LENGTH + 1), 'café', '../etc', 'a/b', 'a.b', 'a\u0000b', ' lobby']) {
      expect(reasonOf(bad), JSON.stringify(bad)).toMatch(rule);
    }
    for (const bad of [undefined, null, 42, ['lobby'], { space: 'lobby' }]) expect(reasonOf(bad)).toBe('space must be a string');
  });

  it('accepts private codes only in the exact shape it makes them, never as public names', () => {
    const code = createPrivateSpaceCode();
    expect(code).toMatch(new RegExp(`^_[${PRIVATE_CODE_ALPHABET}]{${PRIVATE_CODE_LENGTH}}$`));
    expect(validateSpaceName(code)).toEqual({ ok: true, value: code });
    expect(isPrivateSpace(code)).toBe(true);
    expect(isPrivateSpace('team-standup')).toBe(false);
    for (const bad of ['_', '_short', `${code}a`, code.toUpperCase(), `_${'1'.repeat(PRIVATE_CODE_LENGTH)}`]) {
      expect(reasonOf(bad), bad).toMatch(/private code/);
    }
  });

  it('makes codes of at least 80 bits that do not repeat', () => {
    expect(PRIVATE_CODE_LENGTH * Math.log2(PRIVATE_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(80);
    const codes = new Set(Array.from({ length: 2000 }, () => createPrivateSpaceCode()));
    expect(codes.size).toBe(2000);
    // Every alphabet character appears: the byte → character mapping covers all 32.
    expect(new Set([...codes].join('').replaceAll('_', '')).size).toBe(PRIVATE_CODE_ALPHABET.length);
  });

  it('draws from the random source it is given', () => {
    const zeros = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => array.fill(33) };
    expect(createPrivateSpaceCode(zeros)).toBe(`_${'b'.repeat(PRIVATE_CODE_LENGTH)}`);
  });
});
