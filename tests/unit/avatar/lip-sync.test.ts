import { describe, expect, it } from 'vitest';
import { createLipSync } from '../../../src/avatar';
import { createSeededRandom } from '../../fixtures/seeded-random';

const FRAME = 1 / 72;

function openness(w: { aa: number; oh: number }): number {
  return w.aa + w.oh;
}

describe('lip sync', () => {
  it('keeps the mouth closed in silence', () => {
    const lips = createLipSync({ random: createSeededRandom(1) });
    for (let i = 0; i < 200; i++) lips.update(FRAME, 0);
    for (const v of Object.values(lips.weights)) expect(v).toBe(0);
  });

  it('opens the mouth with the speaking level, mixing aa and oh over time', () => {
    const lips = createLipSync({ random: createSeededRandom(2) });
    const samples: { aa: number; oh: number }[] = [];
    for (let i = 0; i < 144; i++) {
      lips.update(FRAME, 0.9);
      samples.push({ aa: lips.weights.aa, oh: lips.weights.oh });
    }
    const late = samples.slice(36);
    const mean = late.reduce((s, w) => s + openness(w), 0) / late.length;
    expect(mean).toBeGreaterThan(0.4);
    // Syllables: the opening goes up and down instead of holding.
    const values = late.map(openness);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.25);
    // Vowel colour varies: the aa share is not constant.
    const shares = late.map((w) => w.aa / (w.aa + w.oh));
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.15);
    expect(late.some((w) => w.aa > 0.3)).toBe(true);
    expect(late.some((w) => w.oh > 0.2)).toBe(true);
  });

  it('opens wider for a louder level', () => {
    const mean = (level: number): number => {
      const lips = createLipSync({ random: createSeededRandom(5) });
      let sum = 0;
      for (let i = 0; i < 288; i++) {
        lips.update(FRAME, level);
        if (i >= 72) sum += openness(lips.weights);
      }
      return sum / 216;
    };
    expect(mean(1)).toBeGreaterThan(mean(0.3) * 2);
  });

  it('closes within ~150 ms after speech stops and keeps weights within 0..1', () => {
    const lips = createLipSync({ random: createSeededRandom(3) });
    for (let i = 0; i < 100; i++) {
      lips.update(FRAME, 5); // out of range input is clamped
      for (const v of Object.values(lips.weights)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    for (let i = 0; i < Math.round(0.15 * 72); i++) lips.update(FRAME, 0);
    expect(openness(lips.weights)).toBeLessThan(0.1);
  });
});
