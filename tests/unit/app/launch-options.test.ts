import { describe, expect, it } from 'vitest';
import { parseLaunchOptions } from '../../../src/app/launch-options';

describe('parseLaunchOptions', () => {
  it('reads the spectator, emulator and auto-join flags', () => {
    expect(parseLaunchOptions('?spectate')).toMatchObject({ spectate: true, xrEmulate: null, autoJoin: null });
    expect(parseLaunchOptions('?xremulate=quest3&join=desktop&name=Ann&avatar=luna')).toEqual({
      spectate: false, operator: false, xrEmulate: 'quest3', name: 'Ann', avatar: 'luna', autoJoin: 'desktop', engagementTimeScale: 1, space: null,
    });
    expect(parseLaunchOptions('?space=team-standup&spectate')).toMatchObject({ spectate: true, space: 'team-standup' });
    expect(parseLaunchOptions('?xremulate=vision&join=now')).toMatchObject({ xrEmulate: null, autoJoin: null });
    expect(parseLaunchOptions('?engagementTiming=fast').engagementTimeScale).toBe(0.1);
    expect(parseLaunchOptions('?spectate&operator')).toMatchObject({ spectate: true, operator: true });
    expect(parseLaunchOptions('?operator')).toMatchObject({ spectate: false, operator: false });
  });
});
