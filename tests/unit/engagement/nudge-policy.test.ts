import { describe, expect, it } from 'vitest';
import { createNudgePolicy, NUDGE_DEFAULTS } from '../../../src/engagement/nudge-policy';
import type { EngagementState } from '../../../src/shared/engagement';

/** Runs the policy every second over a state timeline; returns the changes with their second. */
function drive(policy: ReturnType<typeof createNudgePolicy>, fromS: number, toS: number, state: EngagementState) {
  const out: string[] = [];
  for (let s = fromS; s < toS; s++) for (const c of policy.update(s * 1000, state)) out.push(`${s}:${c.kind}${c.level}`);
  return out;
}

describe('nudge policy', () => {
  it('escalates a drowsy wearer from cue to haptics to invitation at the configured times', () => {
    const policy = createNudgePolicy();
    expect(drive(policy, 0, 200, 'drowsy')).toEqual(['30:shown1', '60:shown2', '90:shown3']);
    expect(policy.current?.level).toBe(3);
  });

  it('lets any answer clear it, then keeps quiet through the cooldown', () => {
    const policy = createNudgePolicy();
    drive(policy, 0, 45, 'drowsy');
    expect(policy.answer(45_000, 'speech')).toEqual([{ kind: 'answered', level: 1, atMs: 45_000 }]);
    expect(policy.current).toBeNull();
    const cooldownS = NUDGE_DEFAULTS.cooldownMs / 1000;
    expect(drive(policy, 46, 45 + cooldownS, 'drowsy')).toEqual([]);
    expect(drive(policy, 45 + cooldownS, 45 + cooldownS + 2, 'drowsy')).toEqual([`${45 + cooldownS}:shown1`]);
  });

  it('never nudges an awake, quiet or away wearer, and withdraws a nudge when the wearer goes away', () => {
    const policy = createNudgePolicy();
    expect(drive(policy, 0, 600, 'engaged')).toEqual([]);
    expect(drive(policy, 600, 1200, 'quiet')).toEqual([]);
    drive(policy, 1200, 1240, 'drowsy');
    expect(drive(policy, 1240, 1242, 'away')).toEqual(['1240:withdrawn1']);
  });

  it('shows at most maxPerHour episodes an hour and nothing after "don\'t remind me"', () => {
    const policy = createNudgePolicy({ cooldownMs: 60_000 });
    let shown = 0;
    for (let s = 0; s < 3600; s++) {
      for (const c of policy.update(s * 1000, 'drowsy')) if (c.kind === 'shown' && c.level === 1) shown++;
      if (policy.current) policy.answer(s * 1000, 'button');
    }
    expect(shown).toBe(NUDGE_DEFAULTS.maxPerHour);
    const quiet = createNudgePolicy();
    drive(quiet, 0, 40, 'drowsy');
    expect(quiet.silence(40_000)).toEqual([{ kind: 'withdrawn', level: 1, atMs: 40_000 }]);
    expect(drive(quiet, 40, 2000, 'drowsy')).toEqual([]);
    expect(drive(createNudgePolicy({}, false), 0, 2000, 'drowsy')).toEqual([]);
  });
});
