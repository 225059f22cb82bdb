import { describe, expect, it } from 'vitest';
import { createChatTrackFollower, hasChatProcessing, makeChatTrack, type ChatTrack } from '../../../src/audio/chat-track';

/** The parts of a MediaStreamTrack chat-track.ts uses. */
function track(settings: MediaTrackSettings, label = 't') {
  const t = { label, stopped: false, settings, getSettings: () => settings, stop() { t.stopped = true; }, clone: () => track(settings, `${label}-clone`) };
  return t;
}
const asTrack = (t: ReturnType<typeof track>) => t as unknown as MediaStreamTrack;
const streamOf = (t: ReturnType<typeof track>) => ({ getAudioTracks: () => [asTrack(t)] }) as unknown as MediaStream;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('chat track', () => {
  it('clones a track that already has the processing, and opens the same device again otherwise', async () => {
    const processed = track({ echoCancellation: true, noiseSuppression: true, autoGainControl: true, deviceId: 'd1' });
    expect(hasChatProcessing(asTrack(processed))).toBe(true);
    const cloned = await makeChatTrack(asTrack(processed), async () => { throw new Error('not asked'); });
    expect(cloned.origin).toBe('clone');
    const raw = track({ echoCancellation: false, noiseSuppression: false, autoGainControl: false, deviceId: 'd1' });
    let asked: MediaStreamConstraints | null = null;
    const second = await makeChatTrack(asTrack(raw), async (c) => ((asked = c), streamOf(track({}, 'second'))));
    expect(second.origin).toBe('second-capture');
    expect(asked).toEqual({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true, deviceId: { exact: 'd1' } } });
    await expect(makeChatTrack(asTrack(raw), async () => ({ getAudioTracks: () => [] }) as unknown as MediaStream)).rejects.toThrow(/no audio track/);
  });

  it('follows the capture: stops the old chat track, drops one made for a replaced stream, reports failures', async () => {
    const pending: ((t: ChatTrack) => void)[] = [];
    const follower = createChatTrackFollower((t) => new Promise((resolve) => pending.push(() => resolve({ track: t, origin: 'clone' }))));
    const seen: (string | null)[] = [];
    follower.subscribe((c) => seen.push(c ? (c.track as unknown as { label: string }).label : null));
    const a = track({}, 'a');
    const b = track({}, 'b');
    follower.follow(streamOf(a));
    follower.follow(streamOf(b)); // re-acquired before a's chat track was made
    pending[0]!({} as ChatTrack);
    pending[1]!({} as ChatTrack);
    await flush();
    expect(a.stopped).toBe(true); // made too late: stopped unused
    expect(seen).toEqual(['b']);
    follower.follow(null);
    expect(b.stopped).toBe(true);
    expect(follower.current()).toBeNull();
    const failing = createChatTrackFollower(async () => { throw new Error('NotReadableError: device in use'); });
    failing.follow(streamOf(track({})));
    await flush();
    expect(failing.error()).toBe('NotReadableError: device in use');
  });
});
