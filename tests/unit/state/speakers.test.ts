import { describe, expect, it } from 'vitest';
import { manualEmotion } from '../../../src/shared/emotion-labels';
import { loudestSpeaker, SPEAKING_FROM, type PeerState } from '../../../src/state';

const peer = (sessionId: string, speaking: number): PeerState => ({
  sessionId, name: sessionId, avatarId: '', emotion: manualEmotion('neutral'), speaking, drowsiness: 0, engagement: '', joinedAt: 0, connected: true, voiceMuted: false,
});

describe('loudestSpeaker', () => {
  it('picks the loudest player above the speaking threshold, or nobody', () => {
    expect(loudestSpeaker({})).toBeNull();
    expect(loudestSpeaker({ a: peer('a', SPEAKING_FROM), b: peer('b', 0.1) })).toBeNull();
    expect(loudestSpeaker({ a: peer('a', 0.3), b: peer('b', 0.7), c: peer('c', 0.5) })).toBe('b');
  });
});
