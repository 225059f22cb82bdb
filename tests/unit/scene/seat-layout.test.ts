import { describe, expect, it } from 'vitest';
import { avatarYawFromHead, headTiltFromQuaternion } from '../../../src/scene/head-pose';
import { chooseFreeSeat, joinRank, SEAT_COUNT, SEAT_RADIUS_M, seatAt } from '../../../src/scene/seat-layout';

describe('seat layout', () => {
  it('puts every seat on the circle, facing the table centre', () => {
    for (let i = 0; i < SEAT_COUNT; i++) {
      const seat = seatAt(i);
      expect(Math.hypot(seat.x, seat.z)).toBeCloseTo(SEAT_RADIUS_M);
      // A +Z-facing avatar turned by yaw looks along (sin yaw, cos yaw): towards the centre.
      expect(Math.sin(seat.yawRad) * -seat.x + Math.cos(seat.yawRad) * -seat.z).toBeCloseTo(SEAT_RADIUS_M);
    }
  });

  it('spreads the first players around the table and uses every seat once', () => {
    const places = Array.from({ length: SEAT_COUNT }, (_, i) => seatAt(i));
    const keys = new Set(places.map((s) => `${s.x.toFixed(3)},${s.z.toFixed(3)}`));
    expect(keys.size).toBe(SEAT_COUNT);
    const [a, b] = places;
    expect(Math.hypot(a!.x - b!.x, a!.z - b!.z)).toBeGreaterThan(SEAT_RADIUS_M * 1.5);
  });

  it('ranks by join time, ties by id', () => {
    const others = [{ sessionId: 'b', joinedAt: 10 }, { sessionId: 'c', joinedAt: 20 }, { sessionId: 'a', joinedAt: 20 }];
    expect(joinRank(5, 'z', others)).toBe(0);
    expect(joinRank(20, 'b2', others)).toBe(2);
    expect(joinRank(20, 'c', others)).toBe(2);
  });

  it('skips seats someone stands at and starts at the join rank', () => {
    const s0 = seatAt(0);
    const s1 = seatAt(1);
    expect(chooseFreeSeat([[s0.x, s0.z]])).toEqual(s1);
    expect(chooseFreeSeat([], 1)).toEqual(s1);
    expect(chooseFreeSeat([[s1.x + 0.1, s1.z]], 1)).toEqual(seatAt(2));
  });

  it('turns a camera quaternion into the avatar yaw that faces the same way', () => {
    for (const yaw of [0, 0.7, -2, Math.PI / 2]) {
      const half = (yaw + Math.PI) / 2; // the camera looks down -Z, the avatar faces +Z
      expect(Math.cos(avatarYawFromHead(0, Math.sin(half), 0, Math.cos(half)) - yaw)).toBeCloseTo(1);
    }
  });

  it('reads head pitch and roll independently of yaw', () => {
    // yaw 0.8, then pitch 0.3 (looking up), then roll -0.2: q = qY * qX * qZ (Euler YXZ).
    const [y, x, z] = [0.8 / 2, 0.3 / 2, -0.2 / 2];
    const [cy, sy, cx, sx, cz, sz] = [Math.cos(y), Math.sin(y), Math.cos(x), Math.sin(x), Math.cos(z), Math.sin(z)];
    const q = [cy * sx * cz + sy * cx * sz, sy * cx * cz - cy * sx * sz, cy * cx * sz - sy * sx * cz, cy * cx * cz + sy * sx * sz] as const;
    const tilt = headTiltFromQuaternion(q[0], q[1], q[2], q[3], { pitchRad: 0, rollRad: 0 });
    expect(tilt.pitchRad).toBeCloseTo(0.3);
    expect(tilt.rollRad).toBeCloseTo(-0.2);
  });
});
