/**
 * The microphone track voice chat sends, taken from the same device as the emotion analysis.
 *
 * Chat wants the browser's echo cancellation, noise suppression and gain control ON (others hear
 * the room's voices without their own echo); analysis may run with them off (`?micProcessing=off`).
 * Measured in Chromium 156: a second getUserMedia on the same deviceId with other processing
 * settings gives a second track whose getSettings() show them, while a clone keeps the settings of
 * its original and applyConstraints({ echoCancellation: true, … }) on it resolves without changing
 * them. So: a clone when the analysis track already has the chat settings, else a second capture.
 */

/** How the chat track was made. */
export type ChatTrackOrigin = 'clone' | 'second-capture';

/** The processing voice chat asks for. */
export const CHAT_PROCESSING = { echoCancellation: true, noiseSuppression: true, autoGainControl: true } as const;

/** A chat track and where it came from. */
export interface ChatTrack {
  readonly track: MediaStreamTrack;
  readonly origin: ChatTrackOrigin;
}

/** True when `track` already runs with the processing chat wants. */
export function hasChatProcessing(track: MediaStreamTrack): boolean {
  const s = track.getSettings();
  return s.echoCancellation === true && s.noiseSuppression === true && s.autoGainControl === true;
}

/**
 * Makes the chat track for `analysisTrack` (of the analysis capture). The caller owns the result
 * and stops it when the analysis track goes. Rejects like getUserMedia (the device went away, say).
 */
export async function makeChatTrack(
  analysisTrack: MediaStreamTrack,
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream> = (c) => navigator.mediaDevices.getUserMedia(c),
): Promise<ChatTrack> {
  if (hasChatProcessing(analysisTrack)) return { track: analysisTrack.clone(), origin: 'clone' };
  const deviceId = analysisTrack.getSettings().deviceId;
  const stream = await getUserMedia({ audio: { channelCount: 1, ...CHAT_PROCESSING, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) } });
  const track = stream.getAudioTracks()[0];
  if (!track) throw new Error('the microphone gave no audio track for voice chat');
  return { track, origin: 'second-capture' };
}

/** Keeps a chat track in step with the capture's stream; see {@link createChatTrackFollower}. */
export interface ChatTrackFollower {
  /** The capture's stream changed (null: released). Stops the previous chat track. */
  follow(stream: MediaStream | null): void;
  /** The chat track now, or null (no capture, or it could not be made: see `error`). */
  current(): ChatTrack | null;
  /** Why the last chat track could not be made, or ''. */
  error(): string;
  /** Calls `listener` whenever current() changes; returns the unsubscribe. */
  subscribe(listener: (chat: ChatTrack | null) => void): () => void;
  dispose(): void;
}

/** Follows capture streams with chat tracks made by {@link makeChatTrack}. */
export function createChatTrackFollower(make: (track: MediaStreamTrack) => Promise<ChatTrack> = makeChatTrack): ChatTrackFollower {
  const listeners = new Set<(chat: ChatTrack | null) => void>();
  let chat: ChatTrack | null = null;
  let lastError = '';
  // Each follow() bumps it: a chat track made for a stream already replaced is stopped unused.
  let generation = 0;
  const set = (next: ChatTrack | null): void => {
    chat?.track.stop();
    chat = next;
    for (const listener of [...listeners]) listener(chat);
  };
  return {
    follow(stream) {
      const mine = ++generation;
      const analysisTrack = stream?.getAudioTracks()[0] ?? null;
      if (chat) set(null);
      if (!analysisTrack) return;
      make(analysisTrack).then(
        (made) => (mine === generation ? ((lastError = ''), set(made)) : made.track.stop()),
        (error: unknown) => {
          if (mine === generation) lastError = error instanceof Error ? error.message : String(error);
        },
      );
    },
    current: () => chat,
    error: () => lastError,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispose() {
      generation++;
      if (chat) set(null);
      listeners.clear();
    },
  };
}
