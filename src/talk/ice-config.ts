/**
 * The RTCConfiguration of voice connections. The ICE servers themselves are the deployment's
 * (src/shared/ice-config.ts reads them; the server passes them to pages at VOICE_CONFIG_PATH).
 */
import type { IceConfig } from '../shared/ice-config';

export { NO_ICE_SERVERS, parseIceConfig, type IceConfig, type IceConfigResult } from '../shared/ice-config';

/** The RTCConfiguration of every voice connection. */
export function rtcConfiguration(ice: IceConfig): RTCConfiguration {
  // One BUNDLEd transport and RTCP multiplexed on it: one port per peer, fewer candidates to trickle.
  return { iceServers: [...ice.iceServers], iceTransportPolicy: ice.iceTransportPolicy, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' };
}
