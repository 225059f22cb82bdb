import { describe, expect, it } from 'vitest';
import { createChatControls, type ChatControlsSink } from '../../../src/talk/chat-controls';
import { CHAT_SETTINGS_KEY, DEFAULT_CHAT_SETTINGS, loadChatSettings, saveChatSettings } from '../../../src/talk/chat-settings';
import { PeerFailure } from '../../../src/talk/peer-types';

/** Records what the controls apply, as the spatial voice would receive it. */
function recordingSink() {
  const calls: string[] = [];
  const sink: ChatControlsSink = {
    setPeerVolume: (id, v) => void calls.push(`volume ${id} ${v}`),
    setPeerMuted: (id, m) => void calls.push(`muted ${id} ${m}`),
  };
  return { sink, calls };
}

describe('chat controls', () => {
  it('applies volume (clamped to 0..2) and mute to the sink and shows them in a new snapshot', () => {
    const { sink, calls } = recordingSink();
    const controls = createChatControls(sink);
    let notified = 0;
    controls.subscribe(() => notified++);
    const before = controls.getSnapshot();
    controls.setVolume('a', 5);
    controls.setVolume('b', Number.NaN);
    controls.setMuted('a', true);
    expect(calls).toEqual(['volume a 2', 'volume b 1', 'muted a true']);
    expect(controls.getSnapshot().peers.a).toEqual({ volume: 2, muted: true, status: null });
    expect(controls.getSnapshot()).not.toBe(before);
    expect(notified).toBe(3);
  });

  it('new peers start muted only when the setting says so; departed peers are forgotten', () => {
    const { sink, calls } = recordingSink();
    const controls = createChatControls(sink, { pushToTalk: false, startOthersMuted: true });
    controls.followPeers(['a', 'b']);
    expect(calls).toEqual(['muted a true', 'muted b true']);
    controls.setMuted('a', false);
    controls.followPeers(['a']);
    expect(Object.keys(controls.getSnapshot().peers)).toEqual(['a']);
    expect(controls.getSnapshot().peers.a?.muted).toBe(false);
    controls.setSettings(DEFAULT_CHAT_SETTINGS);
    controls.followPeers(['a', 'c']);
    expect(controls.getSnapshot().peers.c?.muted).toBe(false);
  });

  it('keeps statuses, ignores a closing status of an unknown peer, and reports ICE problems once', () => {
    const controls = createChatControls(recordingSink().sink);
    let notified = 0;
    controls.subscribe(() => notified++);
    const failed = { kind: 'failed', reason: PeerFailure.ice, attempt: 2, retryInMs: 2000 } as const;
    controls.setStatus('a', failed);
    controls.setStatus('a', failed);
    controls.setStatus('gone', null);
    controls.setIceProblem('EMOTONE_ICE_SERVERS is not JSON');
    controls.setIceProblem('EMOTONE_ICE_SERVERS is not JSON');
    expect(controls.getSnapshot().peers.a?.status).toBe(failed);
    expect('gone' in controls.getSnapshot().peers).toBe(false);
    expect(notified).toBe(2);
  });
});

describe('chat settings in localStorage', () => {
  const memory = () => {
    const map = new Map<string, string>();
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
  };

  it('round-trips, and reads missing or damaged values as the defaults', () => {
    const storage = memory();
    expect(loadChatSettings(storage)).toEqual(DEFAULT_CHAT_SETTINGS);
    expect(saveChatSettings(storage, { pushToTalk: true, startOthersMuted: false })).toBe(true);
    expect(loadChatSettings(storage)).toEqual({ pushToTalk: true, startOthersMuted: false });
    storage.map.set(CHAT_SETTINGS_KEY, '{"pushToTalk":"yes","startOthersMuted":true}');
    expect(loadChatSettings(storage)).toEqual({ pushToTalk: false, startOthersMuted: true });
    storage.map.set(CHAT_SETTINGS_KEY, 'not json');
    expect(loadChatSettings(storage)).toEqual(DEFAULT_CHAT_SETTINGS);
    expect(loadChatSettings(null)).toEqual(DEFAULT_CHAT_SETTINGS);
  });

  it('says when storage refuses', () => {
    expect(saveChatSettings({ setItem: () => { throw new Error('QuotaExceededError'); } }, DEFAULT_CHAT_SETTINGS)).toBe(false);
  });
});
