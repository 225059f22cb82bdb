/**
 * Voice chat on a player's page, composed: the deployment's ICE settings, the spatial playback,
 * the talk session (store → hearing policy → connections), the chat microphone track from the
 * player's voice, the listener's controls and settings, push-to-talk, and the block list kept on
 * the device. Created once per page by space-runtime.ts; follows joins and leaves by itself.
 */
import type { ChatTrack } from '../audio/chat-track';
import type { IceConfig, IceConfigResult } from '../shared/ice-config';
import { saveBlocked, type AppStore } from '../state';
import {
  createPeerLink, createTalkPeers, createTalkSession, rtcConfiguration, type PeerLinkOptions, type SignalChannel, type TalkSession,
} from '../talk';
import { createChatControls, type ChatControls } from '../talk/chat-controls';
import { loadChatSettings, saveChatSettings, type ChatSettings } from '../talk/chat-settings';
import { createSpatialVoice, type SpatialVoice } from '../talk/spatial-voice';
import { listenPushToTalk, type PushToTalk } from '../ui/push-to-talk';
import type { PlayerVoice } from '../voice/player-voice';

/** Options of {@link createVoiceChat}. */
export interface VoiceChatOptions {
  readonly store: AppStore;
  /** The player's microphone (its chat track is what peers hear). */
  readonly voice: PlayerVoice;
  readonly channel: SignalChannel;
  /** The page's playback context, made (and resumed) in the Join click; null: one is made here. */
  readonly context: AudioContext | null;
  readonly storage: Storage | null;
  readonly fetchIce: () => Promise<IceConfigResult>;
}

/** A player's voice chat. */
export interface VoiceChat {
  readonly spatialVoice: SpatialVoice;
  readonly controls: ChatControls;
  /** The talk session, once the ICE settings arrived (null before). */
  talk(): TalkSession | null;
  /** Every live RTCPeerConnection by peer session id (the test hook reads their stats). */
  readonly connections: ReadonlyMap<string, RTCPeerConnection>;
  /** Changes and remembers the settings; push-to-talk takes the mute over while it is on. */
  setSettings(settings: ChatSettings): void;
  /** The microphone track peers hear (null before the microphone runs). */
  chatTrack(): ChatTrack | null;
  /** Resumes playback (call in the Join and Enter VR clicks). */
  resume(): Promise<void>;
}

/** Creates a player's voice chat over `store`. */
export function createVoiceChat(options: VoiceChatOptions): VoiceChat {
  const { store, voice, storage } = options;
  const spatialVoice = createSpatialVoice(options.context ? { context: options.context } : {});
  const controls = createChatControls(spatialVoice, loadChatSettings(storage));
  const connections = new Map<string, RTCPeerConnection>();
  let talk: TalkSession | null = null;
  let ptt: PushToTalk | null = null;

  const makeLink = (ice: IceConfig) => (linkOptions: PeerLinkOptions) => {
    const pc = new RTCPeerConnection(rtcConfiguration(ice));
    connections.set(linkOptions.peerId, pc);
    const link = createPeerLink(pc, linkOptions);
    return { ...link, close: () => (link.close(), connections.get(linkOptions.peerId) === pc && connections.delete(linkOptions.peerId)) };
  };
  const start = (ice: IceConfig): void => {
    talk = createTalkSession({
      store,
      createPeers: (selfId, accept, source) => createTalkPeers({
        selfId, channel: options.channel, ice, source, accept,
        createLink: makeLink(ice),
        onStatus: controls.setStatus,
        onTrack: (id, track) => (track ? spatialVoice.addPeer(id, new MediaStream([track])) : spatialVoice.removePeer(id)),
      }),
      onMix: (mix) => spatialVoice.setAudible(mix.playing),
    });
    talk.setTrack(voice.chatTrack()?.track ?? null);
  };
  void options.fetchIce().then((result) => {
    if (!result.ok) controls.setIceProblem(result.reason);
    start(result.config);
  });
  voice.subscribeChatTrack((chat) => talk?.setTrack(chat?.track ?? null));

  store.subscribe((state, previous) => {
    if (state.peers !== previous.peers) controls.followPeers(Object.keys(state.peers));
    if (state.blocked !== previous.blocked && storage) saveBlocked(storage, state.blocked);
  });
  const applyPushToTalk = (on: boolean): void => {
    if (on === (ptt !== null)) return;
    ptt?.dispose();
    ptt = on && typeof window !== 'undefined' ? listenPushToTalk(window, (held) => store.setMuted(!held)) : null;
    // Turning it on closes the microphone until the key is held; turning it off opens it again.
    store.setMuted(on);
  };
  applyPushToTalk(controls.getSnapshot().settings.pushToTalk);

  return {
    spatialVoice,
    controls,
    talk: () => talk,
    connections,
    setSettings(settings) {
      controls.setSettings(settings);
      if (storage) saveChatSettings(storage, settings);
      applyPushToTalk(settings.pushToTalk);
    },
    chatTrack: () => voice.chatTrack(),
    resume: () => spatialVoice.resume(),
  };
}
