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

  it('reads and checks the speaker profile section of a model that takes one', () => {
    const outputs = { ...(shipped.outputs as object), band_means: { shape: ['batch', 3] } };
    const speakerProfile = { input: 'speaker_profile', output: 'band_means', size: 3, initial: [0.5, -0.25, 0], priorWindows: 4 };
    const c = parseModelContract({ ...shipped, outputs, speakerProfile });
    expect(c.speakerProfile?.inputName).toBe('speaker_profile');
    expect([...(c.speakerProfile?.initial ?? [])]).toEqual([0.5, -0.25, 0]);
    expect(c.speakerProfile?.priorWindows).toBe(4);
    expect(() => parseModelContract({ ...shipped, outputs, speakerProfile: { ...speakerProfile, initial: [1, 2] } })).toThrow(/3 finite numbers/);
    expect(() => parseModelContract({ ...shipped, outputs, speakerProfile: { ...speakerProfile, initial: [1, null, 2] } })).toThrow(/finite/);
    expect(() => parseModelContract({ ...shipped, outputs, speakerProfile: { ...speakerProfile, priorWindows: 0 } })).toThrow(/priorWindows/);
    const { band_means: _bandMeans, ...withoutBandMeans } = outputs;
    expect(() => parseModelContract({ ...shipped, outputs: withoutBandMeans, speakerProfile })).toThrow(/band_means/);
  });
});
