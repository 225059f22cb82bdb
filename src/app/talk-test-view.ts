/**
 * Voice chat as the browser tests see it (`window.__emotone.talk`): connection states, what each
 * connection carried, the spatial graph's nodes and ears. Read-only: nothing here changes a call.
 */
import type { StereoLevels } from '../talk/stereo-probe';
import type { VoiceNodeCount } from '../talk/spatial-voice';
import type { VoiceChat } from './voice-chat';

/** One connection's figures, from RTCPeerConnection.getStats() and its receiver. */
export interface TalkLinkStats {
  readonly connectionState: RTCPeerConnectionState;
  /** inbound-rtp audio packetsReceived / bytesReceived (what this page received from the peer). */
  readonly packetsReceived: number;
  readonly bytesReceived: number;
  /** outbound-rtp audio packetsSent (what this page sent to the peer). */
  readonly packetsSent: number;
  /**
   * The receiver's level of the peer's latest packets, 0..1 (getSynchronizationSources; getStats'
   * audioLevel reads 0 while the track plays only through a muted element), null before any packet.
   */
  readonly receiverLevel: number | null;
  /** Mean time received audio waits in the jitter buffer before it plays, ms (inbound-rtp), null before any. */
  readonly jitterBufferMs: number | null;
  /** Local and remote candidate types of the selected pair ('host', 'srflx', 'relay'), or null. */
  readonly candidatePair: { local: string; remote: string } | null;
}

/** The read-only view of a player's voice chat. */
export interface TalkTestView {
  /** Per peer session id: the connection status kind (connecting, connected, failed), as the UI shows it. */
  readonly states: Readonly<Record<string, string>>;
  /** RTCPeerConnections alive now. */
  readonly liveConnections: number;
  /** The voices playing now (the hearing policy's mix). */
  readonly playing: readonly string[];
  /** Why the ICE settings from the server were not used, or ''. */
  readonly iceProblem: string;
  /** The chat microphone track: how it was made ('clone' | 'second-capture') and its processing, or null. */
  readonly chatTrack: { origin: string; enabled: boolean; settings: MediaTrackSettings } | null;
  nodeCount(): VoiceNodeCount;
  /** Left/right RMS of a peer's panned voice (see SpatialVoice.stereoLevels). */
  stereoLevels(sessionId?: string): StereoLevels | null;
  /** The lips' level from a peer's heard voice, or -1. */
  levelOf(sessionId: string): number;
  /** Figures of every live connection, by peer session id. */
  stats(): Promise<Record<string, TalkLinkStats>>;
  /** The audio tracks of the connection with a peer (what this page sends it, what it receives), or null. */
  tracks(sessionId: string): { sent: MediaStreamTrack | null; received: MediaStreamTrack | null } | null;
}

async function linkStats(pc: RTCPeerConnection): Promise<TalkLinkStats> {
  const report = await pc.getStats();
  let packetsReceived = 0;
  let bytesReceived = 0;
  let packetsSent = 0;
  let bufferDelayS = 0;
  let bufferEmitted = 0;
  let pairId: string | null = null;
  const byId = new Map<string, Record<string, unknown>>();
  report.forEach((entry: Record<string, unknown>) => {
    byId.set(entry.id as string, entry);
    if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
      packetsReceived += Number(entry.packetsReceived ?? 0);
      bytesReceived += Number(entry.bytesReceived ?? 0);
      bufferDelayS += Number(entry.jitterBufferDelay ?? 0);
      bufferEmitted += Number(entry.jitterBufferEmittedCount ?? 0);
    }
    if (entry.type === 'outbound-rtp' && entry.kind === 'audio') packetsSent += Number(entry.packetsSent ?? 0);
    if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') pairId = entry.selectedCandidatePairId;
  });
  const pair = pairId ? byId.get(pairId) : undefined;
  const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
  const remote = pair ? byId.get(pair.remoteCandidateId as string) : undefined;
  const receiver = pc.getReceivers().find((r) => r.track.kind === 'audio');
  const source = receiver?.getSynchronizationSources()[0];
  return {
    connectionState: pc.connectionState,
    packetsReceived, bytesReceived, packetsSent,
    receiverLevel: source?.audioLevel ?? null,
    jitterBufferMs: bufferEmitted > 0 ? (bufferDelayS / bufferEmitted) * 1000 : null,
    candidatePair: local && remote ? { local: String(local.candidateType), remote: String(remote.candidateType) } : null,
  };
}

/** The view of `chat` (null on a page without voice chat). */
export function createTalkTestView(chat: () => VoiceChat | null): TalkTestView {
  return Object.freeze({
    get states() {
      const out: Record<string, string> = {};
      for (const [id, peer] of Object.entries(chat()?.controls.getSnapshot().peers ?? {})) if (peer.status) out[id] = peer.status.kind;
      return out;
    },
    get liveConnections() {
      let n = 0;
      for (const pc of chat()?.connections.values() ?? []) if (pc.connectionState !== 'closed') n++;
      return n;
    },
    get playing() { return [...(chat()?.talk()?.mix().playing ?? [])]; },
    get iceProblem() { return chat()?.controls.getSnapshot().iceProblem ?? ''; },
    get chatTrack() { return chatTrackOf(chat()); },
    nodeCount: () => chat()?.spatialVoice.nodeCount() ?? { positionalAudios: 0, analysers: 0, mediaElements: 0 },
    stereoLevels: (id?: string) => chat()?.spatialVoice.stereoLevels(id) ?? null,
    levelOf: (id: string) => chat()?.spatialVoice.levelOf(id) ?? -1,
    async stats() {
      const out: Record<string, TalkLinkStats> = {};
      for (const [id, pc] of chat()?.connections ?? []) out[id] = await linkStats(pc);
      return out;
    },
    tracks(id: string) {
      const pc = chat()?.connections.get(id);
      if (!pc) return null;
      return {
        sent: pc.getSenders().find((s) => s.track?.kind === 'audio')?.track ?? null,
        received: pc.getReceivers().find((r) => r.track.kind === 'audio')?.track ?? null,
      };
    },
  });
}

function chatTrackOf(chat: VoiceChat | null): TalkTestView['chatTrack'] {
  const made = chat?.chatTrack();
  return made ? { origin: made.origin, enabled: made.track.enabled, settings: made.track.getSettings() } : null;
}
