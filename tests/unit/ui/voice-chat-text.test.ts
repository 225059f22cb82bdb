import { describe, expect, it } from 'vitest';
import { PeerFailure } from '../../../src/talk/peer-types';
import { describeIceProblem, describePeerVoice, muteButtonText } from '../../../src/ui/voice-chat-text';

describe('voice chat sentences', () => {
  it("says why a peer's voice cannot be reached, and when it is tried again", () => {
    expect(describePeerVoice('Ann', { kind: 'failed', reason: PeerFailure.ice, attempt: 1, retryInMs: 1500 }))
      .toBe("can't reach Ann's voice: no network path between you (different networks need a relay server); trying again in 2 s");
    expect(describePeerVoice('Ann', { kind: 'failed', reason: PeerFailure.timeout, attempt: 6, retryInMs: null }))
      .toBe("can't reach Ann's voice: the connection did not come up in time");
    for (const reason of Object.values(PeerFailure)) {
      expect(describePeerVoice('Bo', { kind: 'failed', reason, attempt: 1, retryInMs: null })).toMatch(/^can't reach Bo's voice: \w/);
    }
  });

  it('says nothing once connected or without a connection, and counts retries while connecting', () => {
    expect(describePeerVoice('Ann', { kind: 'connected' })).toBe('');
    expect(describePeerVoice('Ann', null)).toBe('');
    expect(describePeerVoice('Ann', { kind: 'connecting', attempt: 1 })).toBe("connecting to Ann's voice…");
    expect(describePeerVoice('Ann', { kind: 'connecting', attempt: 3 })).toBe("reconnecting to Ann's voice (try 3)…");
  });

  it('words the mute button and the ICE problem', () => {
    expect(muteButtonText(false, false)).toBe('Mute');
    expect(muteButtonText(true, false)).toBe('Unmute');
    expect(muteButtonText(true, true)).toBe('Hold V to talk');
    expect(describeIceProblem('')).toBe('');
    expect(describeIceProblem('x')).toBe('Voice chat works only on this network for now: x.');
  });
});
