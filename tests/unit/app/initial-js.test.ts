import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INITIAL_JS_BUDGET_GZIP_BYTES, measureInitialJs } from '../../../scripts/bench/initial-js';
import { ensureProductionBuild } from '../../harness/build';

/** Libraries only the space may bring: none of them may be in the landing page's first download. */
const SPACE_ONLY = /^(three|@pixiv\/three-vrm|@react-three\/.*|@pmndrs\/.*|onnxruntime-web|@colyseus\/.*|msgpackr|iwer|@iwer\/.*)$/;

describe('the landing page’s first download (production build)', () => {
  const dist = ensureProductionBuild();
  const report = measureInitialJs(dist);

  it(`stays within ${INITIAL_JS_BUDGET_GZIP_BYTES / 1000} kB of gzipped JavaScript`, () => {
    expect(report.files.length).toBeGreaterThan(0);
    expect(report.gzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_GZIP_BYTES);
  });

  it('holds no three.js, VRM, R3F, XR, room client or ORT code; the build lists those as the space’s parts', () => {
    const owners = report.files.flatMap((f) => f.sources);
    expect(owners).toContain('react-dom'); // the source maps were read
    expect(owners.filter((o) => SPACE_ONLY.test(o))).toEqual([]);
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const list = /<script type="application\/json" id="emotone-space-parts">([^<]+)<\/script>/.exec(html);
    const parts = Object.keys(JSON.parse(list?.[1] ?? '{}') as Record<string, number>);
    expect(parts.some((p) => /^\/assets\/three-[\w-]+\.js$/.test(p))).toBe(true);
    expect(parts.some((p) => /^\/assets\/space-runtime-[\w-]+\.js$/.test(p))).toBe(true);
    expect(parts.filter((p) => report.files.some((f) => f.href === p))).toEqual([]);
  });
});
