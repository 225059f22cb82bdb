import { describe, expect, it } from 'vitest';
import { backoffDelayMs, classifyJoinError, DEFAULT_BACKOFF } from '../../../src/net';
import { quantiseSpeaking } from '../../../src/shared/protocol';

class CodedError extends Error {
  constructor(message: string, readonly code: unknown) {
    super(message);
  }
}

describe('classifyJoinError', () => {
  it('recognises a full room', () => {
    expect(classifyJoinError(new CodedError('room is full (16 players)', 526)).kind).toBe('room_full');
  });
  it('treats network failures and gateway errors as unreachable', () => {
    expect(classifyJoinError(new CodedError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED')).kind).toBe('unreachable');
    expect(classifyJoinError(new TypeError('Failed to fetch')).kind).toBe('unreachable');
    expect(classifyJoinError(new CodedError('Bad Gateway', 502)).kind).toBe('unreachable');
  });
  it('reports other server errors as errors', () => {
    expect(classifyJoinError(new CodedError('invalid display name', 4217))).toEqual({ kind: 'error', message: 'invalid display name' });
    const gone = 'remote room (8vUS) timed out, requesting "checkReconnectionToken with args ["VX6r"]". (2000ms exceeded)';
    expect(classifyJoinError(new CodedError(gone, 523)).kind).toBe('error');
  });
});

describe('backoff and quantisation', () => {
  it('doubles up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelayMs(a));
    expect(delays.slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    expect(Math.max(...delays)).toBe(DEFAULT_BACKOFF.maxDelayMs);
  });
  it('quantises speaking to tenths within 0..1', () => {
    expect([0.04, 0.26, 1.7, -1].map(quantiseSpeaking)).toEqual([0, 0.3, 1, 0]);
  });
});
