import { describe, expect, it } from 'vitest';
import { createSpaceEntry } from '../../../src/app/space-entry';
import { createSpaceLoader, type SpaceLoadState } from '../../../src/app/space-loader';

/** A download the test finishes by hand, reporting fractions on the way. */
function manualDownload() {
  let finish: (() => void) | null = null;
  let fail: ((error: Error) => void) | null = null;
  let report: ((fraction: number) => void) | null = null;
  let calls = 0;
  return {
    get calls() { return calls; },
    download(onFraction: (fraction: number) => void): Promise<string> {
      calls++;
      report = onFraction;
      return new Promise<string>((resolve, reject) => {
        finish = () => resolve('code');
        fail = reject;
      });
    },
    progress: (f: number) => report?.(f),
    finish: () => finish?.(),
    fail: (message: string) => fail?.(new Error(message)),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('space loader', () => {
  it('goes idle → downloading with a percentage → starting → ready, once, however often it is asked', async () => {
    const d = manualDownload();
    const seen: SpaceLoadState[] = [];
    const loader = createSpaceLoader({ download: d.download, start: (code: string) => ({ code }) });
    loader.subscribe(() => seen.push(loader.getState()));
    expect(loader.getState()).toEqual({ kind: 'idle' });
    const first = loader.load();
    const second = loader.load();
    d.progress(0.004);
    d.progress(0.005); // same whole percent: no repaint
    d.progress(0.42);
    d.progress(1.7);
    d.finish();
    expect(await first).toEqual({ code: 'code' });
    expect(await second).toBe(await first);
    expect(await loader.load()).toBe(await first);
    expect(d.calls).toBe(1);
    expect(seen).toEqual([
      { kind: 'loading', step: 1, fraction: null },
      { kind: 'loading', step: 1, fraction: 0.004 },
      { kind: 'loading', step: 1, fraction: 0.42 },
      { kind: 'loading', step: 1, fraction: 1 },
      { kind: 'loading', step: 2, fraction: 1 },
      { kind: 'ready' },
    ]);
    expect(loader.runtime).toEqual({ code: 'code' });
  });

  it('reports a failed download or start in a sentence, and loads again when asked', async () => {
    const d = manualDownload();
    let starts = 0;
    const loader = createSpaceLoader({
      download: d.download,
      start: () => {
        starts++;
        if (starts === 1) throw new Error('no WebGL');
        return 'space';
      },
    });
    const attempt1 = loader.load();
    d.fail('Failed to fetch dynamically imported module');
    expect(await attempt1).toBeNull();
    expect(loader.getState()).toEqual({ kind: 'failed', attempts: 1, message: 'part of the app could not be downloaded (Failed to fetch dynamically imported module)' });
    const attempt2 = loader.load();
    d.finish();
    expect(await attempt2).toBeNull();
    expect(loader.getState()).toEqual({ kind: 'failed', attempts: 2, message: 'the space could not start (no WebGL)' });
    loader.reset();
    expect(loader.getState()).toEqual({ kind: 'idle' });
    const attempt3 = loader.load();
    d.finish();
    expect(await attempt3).toBe('space');
    expect(loader.getState()).toEqual({ kind: 'ready' });
  });
});

describe('space entry', () => {
  it('starts the session after loading, retries the same request, and drops it on Back', async () => {
    const d = manualDownload();
    const started: string[] = [];
    const joined: string[] = [];
    const loader = createSpaceLoader({ download: d.download, start: () => ({ session: { start: (mode: string, space: string) => void started.push(`${mode}@${space}`) } }) });
    const entry = createSpaceEntry({ loader, linkSpace: null, beforeJoin: (mode) => void joined.push(mode) });
    expect(entry.space()).toBe('lobby');

    entry.start('desktop', 'team-standup');
    expect(entry.space()).toBe('team-standup');
    d.fail('network down');
    await tick();
    expect(started).toEqual([]);
    entry.retry();
    d.finish();
    await tick();
    await tick();
    expect(started).toEqual(['desktop@team-standup']);
    expect(joined).toEqual(['desktop']);

    entry.start('spectator', 'lobby');
    await tick();
    expect(started).toEqual(['desktop@team-standup', 'spectator@lobby']);
    entry.retry(); // nothing pending: nothing happens
    await tick();
    expect(started).toHaveLength(2);
  });

  it('does not join after the visitor went back', async () => {
    const d = manualDownload();
    const started: string[] = [];
    const loader = createSpaceLoader({ download: d.download, start: () => ({ session: { start: (mode: string) => void started.push(mode) } }) });
    const entry = createSpaceEntry({ loader, linkSpace: 'book-club' });
    expect(entry.space()).toBe('book-club');
    entry.start('desktop', 'book-club');
    entry.cancel();
    d.finish();
    await tick();
    await tick();
    expect(started).toEqual([]);
    expect(loader.getState()).toEqual({ kind: 'ready' });
  });
});
