import { describe, expect, it } from 'vitest';
import { createBlockSync, type SendFn } from '../../../src/net';
import { manualEmotion } from '../../../src/shared/emotion-labels';
import type { ClientPayloads } from '../../../src/shared/protocol';
import { createAppStore, type PeerState } from '../../../src/state';

const peer = (sessionId: string, name: string, avatarId = 'sunny'): PeerState => ({
  sessionId, name, avatarId, emotion: manualEmotion('neutral'), speaking: 0, drowsiness: 0, engagement: '', joinedAt: 0, connected: true, voiceMuted: false,
});

function setup() {
  const store = createAppStore({ blocked: [{ name: 'Mallory', avatarId: 'sunny' }] });
  const sent: ClientPayloads['block'][] = [];
  const send: SendFn = (type, payload) => void (type === 'block' && sent.push(payload as ClientPayloads['block']));
  const sync = createBlockSync(store, send);
  return { store, sent, sync };
}

describe('createBlockSync', () => {
  it('blocks each session that matches the list as it appears, once', () => {
    const { store, sent } = setup();
    store.applyPeers({ s1: peer('s1', 'Mallory'), s2: peer('s2', 'Bob'), s3: peer('s3', 'Mallory', 'other') });
    store.applyPeers({ s1: peer('s1', 'Mallory'), s2: peer('s2', 'Bob') });
    expect(sent).toEqual([{ sessionId: 's1', blocked: true }]);
    store.applyPeers({ s1: peer('s1', 'Mallory'), s4: peer('s4', 'Mallory') }); // rejoined under a new session
    expect(sent.at(-1)).toEqual({ sessionId: 's4', blocked: true });
  });

  it('unblocks a present session when the list lets it go, and says nothing for one that left', () => {
    const { store, sent } = setup();
    store.applyPeers({ s1: peer('s1', 'Mallory') });
    store.setBlocked({ name: 'Mallory', avatarId: 'sunny' }, false);
    expect(sent).toEqual([{ sessionId: 's1', blocked: true }, { sessionId: 's1', blocked: false }]);
    store.setBlocked({ name: 'Bob', avatarId: 'sunny' }, true);
    store.applyPeers({ s2: peer('s2', 'Bob') });
    store.applyPeers({});
    store.setBlocked({ name: 'Bob', avatarId: 'sunny' }, false);
    expect(sent.slice(2)).toEqual([{ sessionId: 's2', blocked: true }]);
  });

  it('tells a new room everything again on resync, and nothing after dispose', () => {
    const { store, sent, sync } = setup();
    store.applyPeers({ s1: peer('s1', 'Mallory') });
    sync.resync();
    expect(sent).toEqual([{ sessionId: 's1', blocked: true }, { sessionId: 's1', blocked: true }]);
    sync.dispose();
    store.applyPeers({ s1: peer('s1', 'Mallory'), s2: peer('s2', 'Mallory') });
    expect(sent).toHaveLength(2);
  });
});
