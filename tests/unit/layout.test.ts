import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseLayers, LAYERS } from '../../scripts/tools/layers';

const srcDir = resolve(import.meta.dirname, '../../src');

describe('source layout', () => {
  const report = analyseLayers(srcDir);

  it('has every folder of src/ in the layer order', () => {
    const known = new Set(LAYERS.flat());
    expect(Object.keys(report.folders).filter((f) => !known.has(f))).toEqual([]);
  });

  it('imports only downward: no upward, sideways or looping folder imports', () => {
    expect(report.violations.map((v) => `${v.fromFile} → ${v.to}/`)).toEqual([]);
  });
});
