import type { SignalCandidate, SignalDescription, SignalMessage } from '../shared/talk-protocol';
import { mungeOpus, VOICE_MAX_BITRATE_BPS } from './opus-sdp';
import { PeerFailure, type PeerLink, type PeerLinkOptions, type VoiceSource } from './peer-types';

/**
 * One peer's voice connection over an RTCPeerConnection, negotiated with the "perfect
 * negotiation" pattern (W3C webrtc-pc §10.7; MDN "Establishing a connection: the perfect
 * negotiation pattern"): either side may renegotiate at any time (an ICE restart, say); when
 * offers cross, the polite side's setRemoteDescription rolls its own offer back implicitly and
 * the impolite side ignores the other's. The first offer always comes from the offerer, which
 * alone adds the audio transceiver: the answerer sends on the transceiver that offer creates, so
 * a connection never grows a second audio m-line (and its SDP stays inside the room's limit).
 */

/** Candidates held until a remote description exists; beyond this they are stale or junk. */
const MAX_PENDING_CANDIDATES = 64;

const toInit = (c: SignalCandidate): RTCIceCandidateInit => ({
  candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment,
});

/** Creates a link over `pc` (made with the voice RTCConfiguration); nothing is sent until the offerer's first offer. */
export function createPeerLink(pc: RTCPeerConnection, options: PeerLinkOptions): PeerLink {
  const { polite, events } = options;
  let source: VoiceSource = options.source;
  let transceiver: RTCRtpTransceiver | null = null;
  let makingOffer = false;
  let closed = false;
  let bitrateCapped = false;
  const pending: RTCIceCandidateInit[] = [];
  /** Incoming signals, one at a time, in arrival order (a candidate must wait for its description). */
  let inbox: Promise<void> = Promise.resolve();

  const send = (message: SignalMessage): void => {
    if (!closed && !options.send(message)) events.onFailure(PeerFailure.signalling);
  };
  const sendLocalDescription = (): void => {
    const local = pc.localDescription;
    if (!local) return;
    // What this side writes in its SDP is what it asks the other's encoder for (RFC 7587).
    send({ kind: 'description', description: { type: local.type as SignalDescription['type'], sdp: mungeOpus(local.sdp) } });
  };
  /** Mute sends no packets at all: the track is disabled and taken off the sender. */
  const applySource = async (): Promise<void> => {
    if (source.track) source.track.enabled = !source.muted;
    if (transceiver && !closed) await transceiver.sender.replaceTrack(source.muted ? null : source.track);
  };
  /** The answerer's sender only exists after the first offer; cap it as the offerer's was at creation. */
  const capBitrate = async (): Promise<void> => {
    if (bitrateCapped || !transceiver || closed) return;
    const parameters = transceiver.sender.getParameters();
    const first = parameters.encodings[0];
    if (!first) return;
    first.maxBitrate = VOICE_MAX_BITRATE_BPS;
    bitrateCapped = true;
    await transceiver.sender.setParameters(parameters);
  };

  if (options.offerer) {
    transceiver = pc.addTransceiver('audio', { direction: 'sendrecv', sendEncodings: [{ maxBitrate: VOICE_MAX_BITRATE_BPS }] });
    bitrateCapped = true;
    void applySource().catch(() => undefined);
  }

  pc.onnegotiationneeded = async () => {
    try {
      makingOffer = true;
      await pc.setLocalDescription(); // an offer, or an answer if an offer arrived meanwhile
      sendLocalDescription();
    } catch {
      if (!closed) events.onFailure(PeerFailure.negotiation);
    } finally {
      makingOffer = false;
    }
  };
  pc.onicecandidate = ({ candidate }) => {
    // null ends gathering and needs no message; '' (end of a generation) is forwarded as it is.
    if (!candidate) return;
    const c = candidate.toJSON();
    send({ kind: 'candidate', candidate: { candidate: c.candidate ?? '', sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null, usernameFragment: c.usernameFragment ?? null } });
  };
  pc.onconnectionstatechange = () => events.onState(pc.connectionState);
  pc.ontrack = ({ track }) => events.onTrack(track);

  const onDescription = async (description: SignalDescription): Promise<void> => {
    const collision = description.type === 'offer' && (makingOffer || pc.signalingState !== 'stable');
    if (collision && !polite) return; // impolite: ignore theirs, ours stands
    await pc.setRemoteDescription(description); // rolls a colliding own offer back (polite side)
    if (description.type === 'offer') {
      if (!transceiver) {
        transceiver = pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio') ?? null;
        if (transceiver) transceiver.direction = 'sendrecv';
        await applySource();
      }
      await pc.setLocalDescription();
      sendLocalDescription();
    }
    for (const candidate of pending.splice(0)) await pc.addIceCandidate(candidate).catch(() => undefined);
    await capBitrate().catch(() => undefined);
  };
  const onCandidate = async (candidate: SignalCandidate): Promise<void> => {
    if (!pc.remoteDescription) {
      if (pending.length < MAX_PENDING_CANDIDATES) pending.push(toInit(candidate));
      return;
    }
    // A candidate that fails to apply costs one path, not the connection: those of an offer this
    // side ignored always fail, stale ones after an ICE restart may. The connect timeout is the
    // judge of whether any path works.
    await pc.addIceCandidate(toInit(candidate)).catch(() => undefined);
  };

  return {
    handle(message) {
      if (closed || message.kind === 'bye') return;
      inbox = inbox.then(async () => {
        if (closed) return;
        try {
          if (message.kind === 'description') await onDescription(message.description);
          else await onCandidate(message.candidate);
        } catch {
          if (!closed) events.onFailure(PeerFailure.negotiation);
        }
      });
    },
    setSource(next) {
      source = next;
      void applySource().catch(() => undefined);
    },
    restartIce() {
      if (!closed) pc.restartIce();
    },
    close() {
      if (closed) return;
      closed = true;
      pc.onnegotiationneeded = null;
      pc.onicecandidate = null;
      pc.onconnectionstatechange = null;
      pc.ontrack = null;
      pc.close();
    },
  };
}
