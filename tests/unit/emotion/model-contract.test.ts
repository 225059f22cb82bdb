import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelContract, samplesFor } from '../../../src/emotion/model-contract';

const shipped = JSON.parse(readFileSync('models/labels.json', 'utf8')) as Record<string, unknown>;

describe('model contract (models/labels.json)', () => {
  it('parses the shipped file', () => {
    const c = parseModelContract(shipped);
    expect(c.sampleRateHz).toBe(16000);
    expect(c.labels).toContain('neutral');
    expect(samplesFor(c, c.windowMs)).toBe((c.windowMs * 16000) / 1000);
    expect(c.hopMs).toBeLessThanOrEqual(c.windowMs);
  });

  it('rejects labels the app does not know and missing fields', () => {
    expect(() => parseModelContract({ ...shipped, labels: ['neutral', 'bored'] })).toThrow(/bored/);
    expect(() => parseModelContract({ ...shipped, hopMs: 0 })).toThrow(/hopMs/);
    expect(() => parseModelContract({ ...shipped, outputs: {} })).toThrow(/probabilities/);
    expect(() => parseModelContract(null)).toThrow();
  });
});
