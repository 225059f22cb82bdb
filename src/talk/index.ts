/** Voice chat between players: who hears whom, the peer connections, and their signalling. */
export {
  chooseConnections, distanceGain, distanceM, HEARING, isOfferer, mayAccept, selectVoices, SILENT_MIX,
  type ConnectionInput, type HearingConfig, type PeerPlace, type Vec3, type VoiceCandidate, type VoiceMix,
} from './hearing-policy';
export { NO_ICE_SERVERS, parseIceConfig, rtcConfiguration, type IceConfig, type IceConfigResult } from './ice-config';
export { mungeOpus, OPUS_VOICE_PARAMS, VOICE_MAX_BITRATE_BPS } from './opus-sdp';
export { createPeerLink } from './peer-link';
export {
  PeerFailure,
  type LinkState, type PeerLink, type PeerLinkEvents, type PeerLinkOptions, type PeerStatus, type SignalChannel, type VoiceSource,
} from './peer-types';
export { createCooldowns, DEFAULT_RETRY, retryDelayMs, type Cooldowns, type RetryPolicy } from './retry-policy';
export { createTalkPeers, type TalkPeers, type TalkPeersOptions } from './talk-peers';
export { connectionInput, createTalkSession, TALK_UPDATE_MS, type TalkSession, type TalkSessionOptions } from './talk-session';
