/**
 * The sentences of voice chat: what the people list, the spectator view and the privacy notes
 * say. The talk layer reports codes (PeerStatus, PeerFailure); these words say what they mean
 * and what might help. Pure.
 */
import { PeerFailure, type PeerStatus } from '../talk/peer-types';

const FAILURE_TEXT: Readonly<Record<PeerFailure, string>> = {
  [PeerFailure.ice]: 'no network path between you (different networks need a relay server)',
  [PeerFailure.timeout]: 'the connection did not come up in time',
  [PeerFailure.signalling]: 'the room could not pass the call on',
  [PeerFailure.negotiation]: 'your browsers could not agree on the call',
};

/** "can't reach Ann's voice: <reason>", "connecting to Ann's voice…", or '' when connected or idle. */
export function describePeerVoice(name: string, status: PeerStatus | null): string {
  if (!status || status.kind === 'connected') return '';
  if (status.kind === 'connecting') return status.attempt > 1 ? `reconnecting to ${name}'s voice (try ${status.attempt})…` : `connecting to ${name}'s voice…`;
  const retry = status.retryInMs === null ? '' : `; trying again in ${Math.ceil(status.retryInMs / 1000)} s`;
  return `can't reach ${name}'s voice: ${FAILURE_TEXT[status.reason]}${retry}`;
}

/** Why a spectator hears nobody. */
export const SPECTATOR_VOICE_NOTE =
  'Voice chat goes directly between players, so spectators hear nobody: the space would need a relay server to carry voices to 32 spectators.';

/** The privacy promise, as the landing page and the people list say it. */
export const VOICE_PRIVACY_NOTE =
  'Emotion is analysed on your device and no server ever receives your voice. Your voice goes only to the people in this space within hearing range, encrypted end to end (WebRTC), and to nobody while you are muted.';

/** The ICE settings could not be used (voice still works on one network). */
export function describeIceProblem(reason: string): string {
  return reason ? `Voice chat works only on this network for now: ${reason}.` : '';
}

/** The mute button's words for a state; push-to-talk says which key talks. */
export function muteButtonText(muted: boolean, pushToTalk: boolean): string {
  if (pushToTalk) return muted ? 'Hold V to talk' : 'Talking…';
  return muted ? 'Unmute' : 'Mute';
}
