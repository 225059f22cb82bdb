import type { SignalMessage } from '../shared/talk-protocol';
import { systemClock, type TimerClock } from '../shared/timer-clock';
import { isOfferer } from './hearing-policy';
import { rtcConfiguration, type IceConfig } from './ice-config';
import { createPeerLink } from './peer-link';
import {
  PeerFailure,
  type LinkState, type PeerLink, type PeerLinkOptions, type PeerStatus, type SignalChannel, type VoiceSource,
} from './peer-types';
import { createCooldowns, DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './retry-policy';

/**
 * The own player's voice connections: one link per peer the hearing policy wants, opened by the
 * side with the lower session id, answered by the other; signals routed to their link; failures
 * retried with backoff (ICE restart first, then a fresh connection); everything closed on leave.
 */

/** Options of {@link createTalkPeers}. */
export interface TalkPeersOptions {
  /** The own session id (a new session needs a new TalkPeers). */
  readonly selfId: string;
  readonly channel: SignalChannel;
  readonly ice: IceConfig;
  readonly source: VoiceSource;
  /** Whether to answer an offer from a peer this side holds no link with (see mayAccept). */
  readonly accept: (peerId: string) => boolean;
  /** Makes a connection; the browser's RTCPeerConnection by default. */
  readonly createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
  /** Makes a link; by default a perfect-negotiation link over createPeerConnection. */
  readonly createLink?: (options: PeerLinkOptions) => PeerLink;
  readonly clock?: TimerClock;
  readonly retry?: RetryPolicy;
  /** A peer's status changed (null: no connection any more). */
  readonly onStatus?: (peerId: string, status: PeerStatus | null) => void;
  /** A peer's voice arrived (null: its link closed). */
  readonly onTrack?: (peerId: string, track: MediaStreamTrack | null) => void;
}

/** The own player's voice connections. */
export interface TalkPeers {
  /** Opens links this side offers to wanted peers and closes links to everyone else. */
  setWanted(peerIds: Iterable<string>): void;
  /** The microphone for every link (null: listen only). */
  setSource(source: VoiceSource): void;
  status(peerId: string): PeerStatus | undefined;
  /** Peers with a live link (connecting, connected or retrying): the policy's "connected". */
  linkedIds(): Set<string>;
  /** Peers that declined or could not be reached lately: the policy leaves them out for now. */
  coolingDown(): Set<string>;
  /** Live RTCPeerConnections. */
  liveCount(): number;
  /** Closes every link (telling each peer) and stops listening. */
  close(): void;
}

interface Entry {
  /** Null only while a new link is being made. */
  link: PeerLink | null;
  readonly offerer: boolean;
  /** Failures since the last time it was connected. */
  attempt: number;
  status: PeerStatus;
  timer: unknown;
}

/** Creates the voice connections of one session. */
export function createTalkPeers(options: TalkPeersOptions): TalkPeers {
  const { selfId, channel } = options;
  const clock = options.clock ?? systemClock;
  const retry = options.retry ?? DEFAULT_RETRY;
  const entries = new Map<string, Entry>();
  const cooldowns = createCooldowns(clock, retry);
  /** The last status of peers this side gave up on, until they are tried again or leave. */
  const gaveUp = new Map<string, PeerStatus>();
  /**
   * On the answering side, how many of a peer's offers in a row ended without connecting: each
   * retry of the offerer is a fresh link here, and the people list should say it is a retry.
   */
  const unmet = new Map<string, number>();
  let source = options.source;
  let closed = false;

  const makePc = options.createPeerConnection ?? ((configuration: RTCConfiguration) => new RTCPeerConnection(configuration));
  const makeLink = options.createLink ?? ((linkOptions: PeerLinkOptions) => createPeerLink(makePc(rtcConfiguration(options.ice)), linkOptions));

  const setStatus = (peerId: string, entry: Entry, status: PeerStatus): void => {
    entry.status = status;
    options.onStatus?.(peerId, status);
  };
  const schedule = (entry: Entry, ms: number | null, fn: () => void): void => {
    if (entry.timer !== null) clock.clearTimeout(entry.timer);
    entry.timer = ms === null ? null : clock.setTimeout(fn, ms);
  };

  /** Ends a peer's link; `bye` tells the peer (not when it was the peer that said bye). */
  const drop = (peerId: string, bye: boolean): void => {
    const entry = entries.get(peerId);
    if (!entry) return;
    schedule(entry, null, () => undefined);
    entries.delete(peerId);
    if (entry.link) {
      entry.link.close();
      if (bye) channel.send(peerId, { kind: 'bye' });
      options.onTrack?.(peerId, null);
    }
    options.onStatus?.(peerId, null);
  };

  const startLink = (peerId: string, entry: Entry): void => {
    let link: PeerLink | null = null;
    // A replaced or closed link's late events must not touch its successor.
    const current = (): boolean => link !== null && entry.link === link && entries.get(peerId) === entry;
    entry.link = null;
    link = makeLink({
      peerId,
      offerer: entry.offerer,
      polite: !isOfferer(selfId, peerId),
      send: (message: SignalMessage) => channel.send(peerId, message),
      source,
      events: {
        onState: (state) => current() && onState(peerId, entry, state),
        onTrack: (track) => current() && options.onTrack?.(peerId, track),
        onFailure: (reason) => current() && fail(peerId, entry, reason),
      },
    });
    entry.link = link;
    setStatus(peerId, entry, { kind: 'connecting', attempt: entry.attempt + 1 });
    // The answering side does not retry (the offerer does, or says bye); it only closes a link
    // that never comes up.
    const limit = entry.offerer ? retry.connectTimeoutMs : retry.answerTimeoutMs;
    schedule(entry, limit, () => (entry.offerer ? fail(peerId, entry, PeerFailure.timeout) : drop(peerId, true)));
  };

  const onState = (peerId: string, entry: Entry, state: LinkState): void => {
    if (state === 'connected') {
      entry.attempt = 0;
      unmet.delete(peerId);
      cooldowns.delete(peerId);
      schedule(entry, null, () => undefined);
      setStatus(peerId, entry, { kind: 'connected' });
    } else if (state === 'disconnected') {
      // Often a blip (Wi-Fi roaming) that ICE recovers from by itself.
      schedule(entry, retry.disconnectGraceMs, () => fail(peerId, entry, PeerFailure.ice));
    } else if (state === 'failed') {
      fail(peerId, entry, PeerFailure.ice);
    }
  };

  const fail = (peerId: string, entry: Entry, reason: PeerFailure): void => {
    entry.attempt += 1;
    if (!entry.offerer) {
      // Mending is the offerer's job; a link it never mends is closed after a while.
      setStatus(peerId, entry, { kind: 'failed', reason, attempt: entry.attempt, retryInMs: null });
      schedule(entry, retry.answerTimeoutMs, () => drop(peerId, true));
      return;
    }
    if (entry.attempt > retry.maxAttempts) {
      const status: PeerStatus = { kind: 'failed', reason, attempt: entry.attempt, retryInMs: null };
      cooldowns.start(peerId, retry.giveUpCooldownMs);
      drop(peerId, true);
      gaveUp.set(peerId, status);
      options.onStatus?.(peerId, status);
      return;
    }
    const delayMs = retryDelayMs(entry.attempt, retry);
    setStatus(peerId, entry, { kind: 'failed', reason, attempt: entry.attempt, retryInMs: delayMs });
    schedule(entry, delayMs, () => {
      // An ICE failure on a negotiated connection is mended in place; anything else (no answer,
      // a refused description) starts over: bye closes the peer's side, a new offer follows it.
      if (reason === PeerFailure.ice && entry.attempt <= retry.iceRestarts && entry.link) {
        entry.link.restartIce();
        setStatus(peerId, entry, { kind: 'connecting', attempt: entry.attempt + 1 });
        schedule(entry, retry.connectTimeoutMs, () => fail(peerId, entry, PeerFailure.timeout));
        return;
      }
      entry.link?.close();
      channel.send(peerId, { kind: 'bye' });
      startLink(peerId, entry);
    });
  };

  const open = (peerId: string, offerer: boolean): Entry => {
    gaveUp.delete(peerId);
    const attempt = offerer ? 0 : unmet.get(peerId) ?? 0;
    const entry: Entry = { link: null, offerer, attempt, status: { kind: 'connecting', attempt: attempt + 1 }, timer: null };
    entries.set(peerId, entry);
    startLink(peerId, entry);
    return entry;
  };

  const onSignal = (from: string, message: SignalMessage): void => {
    if (closed || from === selfId) return;
    if (message.kind === 'bye') {
      const ended = entries.get(from);
      if (!ended) return;
      if (!ended.offerer && ended.status.kind !== 'connected') unmet.set(from, (unmet.get(from) ?? 0) + 1);
      drop(from, false);
      cooldowns.start(from, retry.byeCooldownMs);
      return;
    }
    const entry = entries.get(from);
    if (entry) return entry.link?.handle(message);
    // Only an offer opens a link; a late answer or candidate of a closed one is dropped.
    if (message.kind !== 'description' || message.description.type !== 'offer') return;
    if (!options.accept(from)) return void channel.send(from, { kind: 'bye' });
    cooldowns.delete(from);
    open(from, false).link?.handle(message);
  };
  const unsubscribe = channel.onSignal(onSignal);

  return {
    setWanted(peerIds) {
      if (closed) return;
      const wanted = new Set(peerIds);
      for (const peerId of [...entries.keys()]) if (!wanted.has(peerId)) drop(peerId, true);
      for (const peerId of [...gaveUp.keys()]) if (!wanted.has(peerId)) gaveUp.delete(peerId);
      // A peer that just said bye is left out while it cools down, yet its retry is on its way.
      for (const peerId of [...unmet.keys()]) if (!wanted.has(peerId) && !cooldowns.active(peerId)) unmet.delete(peerId);
      for (const peerId of wanted) {
        if (peerId === selfId || entries.has(peerId) || !isOfferer(selfId, peerId) || cooldowns.active(peerId)) continue;
        open(peerId, true);
      }
    },
    setSource(next) {
      source = next;
      for (const entry of entries.values()) entry.link?.setSource(next);
    },
    status: (peerId) => entries.get(peerId)?.status ?? gaveUp.get(peerId),
    linkedIds: () => new Set(entries.keys()),
    coolingDown: () => cooldowns.activeIds(),
    liveCount: () => entries.size,
    close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      unmet.clear();
      for (const peerId of [...entries.keys()]) drop(peerId, true);
    },
  };
}
