import { describe, expect, it } from 'vitest';
import { attachRingBuffer, createRingBuffer } from '../../../src/shared/ring-buffer';

const ramp = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => from + i);

describe('ring buffer', () => {
  it('returns the newest samples oldest first, across the wrap', () => {
    const ring = createRingBuffer(10);
    ring.write(ramp(0, 7));
    ring.write(ramp(7, 7)); // 14 written: 4..13 survive
    const dst = new Float32Array(6);
    expect(ring.readLatest(dst)).toBe(6);
    expect([...dst]).toEqual([8, 9, 10, 11, 12, 13]);
    expect(ring.written()).toBe(14);
  });

  it('zero-fills the start when fewer samples exist than asked', () => {
    const ring = createRingBuffer(8);
    ring.write(ramp(1, 3));
    const dst = new Float32Array(5).fill(99);
    expect(ring.readLatest(dst)).toBe(3);
    expect([...dst]).toEqual([0, 0, 1, 2, 3]);
  });

  it('keeps only the newest capacity samples of a write larger than the ring', () => {
    const ring = createRingBuffer(4);
    ring.write(ramp(0, 10));
    const dst = new Float32Array(4);
    ring.readLatest(dst);
    expect([...dst]).toEqual([6, 7, 8, 9]);
  });

  it('honours an explicit length smaller than the source array', () => {
    const ring = createRingBuffer(4);
    ring.write(ramp(0, 10), 2);
    const dst = new Float32Array(2);
    ring.readLatest(dst);
    expect([...dst]).toEqual([0, 1]);
  });

  it('is shared: a second view over the same SharedArrayBuffer sees the writes', () => {
    const writer = createRingBuffer(16, true);
    expect(writer.buffer).toBeInstanceOf(SharedArrayBuffer);
    const reader = attachRingBuffer(writer.buffer);
    writer.write(ramp(100, 5));
    const dst = new Float32Array(2);
    reader.readLatest(dst);
    expect([...dst]).toEqual([103, 104]);
  });

  it('refuses reads longer than its capacity and bad sizes', () => {
    expect(() => createRingBuffer(0)).toThrow();
    expect(() => createRingBuffer(4).readLatest(new Float32Array(5))).toThrow();
  });
});

describe('ring buffer, read at a stream position', () => {
  it('reads a frame by its position, across the wrap', () => {
    const ring = createRingBuffer(10);
    ring.write(ramp(0, 14)); // 4..13 survive
    const dst = new Float32Array(4);
    expect(ring.readAt(8, dst)).toBe(true);
    expect([...dst]).toEqual([8, 9, 10, 11]);
    expect(ring.readAt(10, dst)).toBe(true);
    expect([...dst]).toEqual([10, 11, 12, 13]);
  });

  it('refuses samples not yet written or already overwritten, and leaves dst alone', () => {
    const ring = createRingBuffer(10);
    ring.write(ramp(0, 14));
    const dst = new Float32Array(4).fill(-1);
    expect(ring.readAt(11, dst)).toBe(false); // 11..14: 14 is not written yet
    expect(ring.readAt(3, dst)).toBe(false); // 3 was overwritten
    expect([...dst]).toEqual([-1, -1, -1, -1]);
    expect(ring.readAt(4, dst)).toBe(true);
    expect([...dst]).toEqual([4, 5, 6, 7]);
  });
});
