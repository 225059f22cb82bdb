import { describe, expect, it } from 'vitest';
import { BODY_SETTLED_RAD, BODY_TURN_FROM_RAD, createBodyTurn, NECK_YAW_LIMIT_RAD, stepBodyTurn } from '../../../src/scene/body-turn';
import { wrapAngle } from '../../../src/shared/angle';

/** Runs `seconds` of frames at 60 Hz with the head held at `headYaw`. */
function hold(turn: ReturnType<typeof createBodyTurn>, headYaw: number, seconds: number) {
  for (let t = 0; t < seconds * 60; t++) stepBodyTurn(turn, headYaw, 1 / 60);
  return turn;
}

describe('body turn', () => {
  it('keeps the body still while the head looks around within the comfortable range', () => {
    const turn = createBodyTurn(0);
    for (const yaw of [0.3, -0.4, BODY_TURN_FROM_RAD - 0.01, -0.2]) {
      hold(turn, yaw, 2);
      expect(turn.bodyYawRad).toBe(0);
      expect(turn.neckYawRad).toBeCloseTo(yaw, 10);
      expect(turn.turning).toBe(false);
    }
  });

  it('turns the body under a look held past the range, until the head is nearly straight again', () => {
    const turn = hold(createBodyTurn(0), 1.2, 0.05);
    expect(turn.turning).toBe(true);
    expect(turn.bodyYawRad).toBeGreaterThan(0);
    hold(turn, 1.2, 3);
    expect(turn.turning).toBe(false);
    expect(Math.abs(turn.neckYawRad)).toBeLessThanOrEqual(BODY_SETTLED_RAD);
    expect(turn.bodyYawRad + turn.neckYawRad).toBeCloseTo(1.2, 10); // the head stays where it looks
  });

  it('turns the short way round across ±π', () => {
    const turn = hold(createBodyTurn(3.0), -3.0, 3); // 0.28 rad apart through π
    expect(turn.bodyYawRad).toBe(3.0);
    hold(turn, -2.0, 3); // 1.28 rad the short way
    expect(Math.abs(wrapAngle(turn.bodyYawRad - -2.0))).toBeLessThanOrEqual(BODY_SETTLED_RAD);
  });

  it('never lets the neck turn past its limit, and snaps to a first pose', () => {
    const turn = createBodyTurn(0);
    stepBodyTurn(turn, 2.8, 1 / 60);
    expect(Math.abs(turn.neckYawRad)).toBeLessThanOrEqual(NECK_YAW_LIMIT_RAD + 1e-9);
    stepBodyTurn(turn, -1, 1 / 60, true);
    expect(turn.bodyYawRad).toBe(-1);
    expect(turn.neckYawRad).toBe(0);
  });
});
