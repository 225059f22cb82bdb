import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MODEL_PATH } from '../fixtures/model';

/** The scenario runner (npm run sim:engagement) against the real server, as CI checks it. */
describe.skipIf(!MODEL_PATH)('engagement scenarios on a virtual clock', () => {
  it('nudges only the dozing wearer, privately, and records it for the operator', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/sim/engagement.ts', '--json'], { encoding: 'utf8', timeout: 240_000 });
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    console.log(last);
    const r = JSON.parse(last) as Record<string, unknown> & { operator: Record<string, unknown> & { nudgesShown: Record<string, number> } };
    expect(r).toMatchObject({ awakeNudges: 0, listenerNudges: 0, awayNudges: 0, reengaged: true, nudgesSeenByOthers: 0, awayVisibleToRoom: true });
    expect(r.drowsyFirstNudgeS).toBeTypeOf('number');
    expect(r.drowsyNudgeLevels).toEqual([1, 2]);
    expect(r.operator.nudgesShown).toEqual({ 1: 1, 2: 1, 3: 0 });
    expect(r.operator).toMatchObject({ activityRuns: 1, roundsCompleted: 3 });
    expect(run.status).toBe(0);
  }, 300_000);
});
