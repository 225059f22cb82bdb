import { describe, expect, it } from 'vitest';
import { createRunQueue } from '../../../src/emotion/emotion-classifier';

describe('run queue', () => {
  it('never overlaps jobs and keeps their order', async () => {
    const queue = createRunQueue();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    const job = (id: number, ms: number) => () =>
      new Promise<number>((resolve) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        setTimeout(() => (running--, order.push(id), resolve(id)), ms);
      });
    const results = await Promise.all([queue(job(1, 20)), queue(job(2, 1)), queue(job(3, 5))]);
    expect(results).toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(maxRunning).toBe(1);
  });

  it('a failing job does not block the next one', async () => {
    const queue = createRunQueue();
    const failed = queue(() => Promise.reject(new Error('boom')));
    await expect(failed).rejects.toThrow('boom');
    await expect(queue(() => Promise.resolve(5))).resolves.toBe(5);
  });
});
