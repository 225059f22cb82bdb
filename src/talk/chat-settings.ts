/**
 * The listener's voice chat settings, remembered on this device (localStorage), never sent.
 */

/** Where the settings live in localStorage. */
export const CHAT_SETTINGS_KEY = 'emotone.voiceChat';

/** What a player chooses about voice chat. */
export interface ChatSettings {
  /** The microphone is open only while the push-to-talk key (V) is held. */
  readonly pushToTalk: boolean;
  /** Everyone new starts muted here until unmuted one by one (big rooms, streamers). */
  readonly startOthersMuted: boolean;
}

/** Open microphone, everyone heard. */
export const DEFAULT_CHAT_SETTINGS: ChatSettings = Object.freeze({ pushToTalk: false, startOthersMuted: false });

/** Reads the remembered settings; anything missing or malformed reads as the default. */
export function loadChatSettings(storage: Pick<Storage, 'getItem'> | null): ChatSettings {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(storage?.getItem(CHAT_SETTINGS_KEY) ?? 'null');
  } catch {
    parsed = null;
  }
  const v = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  return {
    pushToTalk: typeof v.pushToTalk === 'boolean' ? v.pushToTalk : DEFAULT_CHAT_SETTINGS.pushToTalk,
    startOthersMuted: typeof v.startOthersMuted === 'boolean' ? v.startOthersMuted : DEFAULT_CHAT_SETTINGS.startOthersMuted,
  };
}

/** Remembers the settings; false when storage refused (full, private mode). */
export function saveChatSettings(storage: Pick<Storage, 'setItem'>, settings: ChatSettings): boolean {
  try {
    storage.setItem(CHAT_SETTINGS_KEY, JSON.stringify({ pushToTalk: settings.pushToTalk, startOthersMuted: settings.startOthersMuted }));
    return true;
  } catch {
    return false;
  }
}
