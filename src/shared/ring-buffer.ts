/**
 * A single-writer ring buffer of float samples whose storage can live in a SharedArrayBuffer,
 * so the AudioWorklet writes and the main thread (or a worker) reads without messages.
 * Writes and reads copy into caller-owned arrays: nothing is allocated per block.
 */

/** Header slots (Int32) before the samples. */
const HEADER_INTS = 4;
const SLOT_WRITTEN = 0; // total samples ever written, mod 2^32

/** A ring of mono samples at one rate. */
export interface RingBuffer {
  readonly capacity: number;
  /** The backing store, to hand to another thread with {@link attachRingBuffer}. */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** Total samples written since creation (wraps after 2^32). */
  written(): number;
  /** Appends `length` samples of `src` (oldest are overwritten). */
  write(src: Float32Array, length?: number): void;
  /**
   * Copies the newest `length` samples into `dst[0..length)`, oldest first.
   * Returns how many were really available (missing ones at the start are zero-filled).
   */
  readLatest(dst: Float32Array, length?: number): number;
  /**
   * Copies the `length` samples that start at stream position `start` (a value of `written()`)
   * into `dst[0..length)`. Returns false, copying nothing, unless all of them are in the ring
   * (written already, and not yet overwritten): a reader that keeps its own position uses this.
   */
  readAt(start: number, dst: Float32Array, length?: number): boolean;
}

/** Bytes a ring of `capacity` samples needs. */
export function ringBufferBytes(capacity: number): number {
  return HEADER_INTS * 4 + capacity * 4;
}

/** Creates a ring of `capacity` samples; shared across threads when SharedArrayBuffer exists. */
export function createRingBuffer(capacity: number, shared = typeof SharedArrayBuffer !== 'undefined'): RingBuffer {
  if (!Number.isInteger(capacity) || capacity <= 0) throw new Error(`capacity must be a positive integer: ${capacity}`);
  const bytes = ringBufferBytes(capacity);
  return attachRingBuffer(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** Views an existing backing store (e.g. one created on another thread) as a ring buffer. */
export function attachRingBuffer(buffer: ArrayBuffer | SharedArrayBuffer): RingBuffer {
  const capacity = (buffer.byteLength - HEADER_INTS * 4) / 4;
  if (!Number.isInteger(capacity) || capacity <= 0) throw new Error('buffer is not a ring buffer');
  const header = new Int32Array(buffer, 0, HEADER_INTS);
  const samples = new Float32Array(buffer, HEADER_INTS * 4, capacity);
  const written = (): number => Atomics.load(header, SLOT_WRITTEN) >>> 0;
  const copyFrom = (index: number, dst: Float32Array, from: number, to: number): void => {
    for (let j = from; j < to; j++) {
      dst[j] = samples[index]!;
      index = index + 1 === capacity ? 0 : index + 1;
    }
  };

  return {
    capacity,
    buffer,
    written,
    write(src, length = src.length) {
      const total = written();
      const skip = Math.max(0, length - capacity); // only the newest `capacity` samples survive
      let index = (total + skip) % capacity;
      for (let j = skip; j < length; j++) {
        samples[index] = src[j]!;
        index = index + 1 === capacity ? 0 : index + 1;
      }
      // Publish after the samples are in place, so a reader never sees a count ahead of the data.
      Atomics.store(header, SLOT_WRITTEN, (total + length) | 0);
    },
    readLatest(dst, length = dst.length) {
      if (length > capacity) throw new Error(`cannot read ${length} samples from a ring of ${capacity}`);
      const total = written();
      const available = Math.min(length, total, capacity);
      const missing = length - available;
      dst.fill(0, 0, missing);
      copyFrom((((total - available) % capacity) + capacity) % capacity, dst, missing, length);
      return available;
    },
    readAt(start, dst, length = dst.length) {
      const total = written();
      const behind = (total - start) >>> 0; // samples from `start` to now, across the 2^32 wrap
      if (behind < length || behind > capacity) return false;
      copyFrom((((total - behind) % capacity) + capacity) % capacity, dst, 0, length);
      return true;
    },
  };
}
