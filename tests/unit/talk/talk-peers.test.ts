import { describe, expect, it } from 'vitest';
import type { SignalMessage } from '../../../src/shared/talk-protocol';
import { NO_ICE_SERVERS } from '../../../src/talk/ice-config';
import type { PeerLink, PeerLinkOptions, PeerStatus, SignalChannel, VoiceSource } from '../../../src/talk/peer-types';
import { DEFAULT_RETRY } from '../../../src/talk/retry-policy';
import { createTalkPeers } from '../../../src/talk/talk-peers';

/**
 * The connection manager's routing and retry logic, with links that implement our own PeerLink
 * interface and record what they are asked. The negotiation inside a real link needs a browser.
 */

interface FakeLink extends PeerLink {
  readonly options: PeerLinkOptions;
  readonly handled: SignalMessage[];
  readonly sources: VoiceSource[];
  restarts: number;
  closed: boolean;
}

const offer: SignalMessage = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } };
const answer: SignalMessage = { kind: 'description', description: { type: 'answer', sdp: 'v=0\r\n' } };
const candidate: SignalMessage = { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null } };
const bye: SignalMessage = { kind: 'bye' };

function setup(selfId = 'm', accept: (peerId: string) => boolean = () => true) {
  let t = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const clock = {
    now: () => t,
    setTimeout: (fn: () => void, ms: number) => (timers.push({ at: t + ms, fn, id: ++nextId }), nextId),
    clearTimeout: (id: unknown) => void timers.splice(0, timers.length, ...timers.filter((x) => x.id !== id)),
  };
  const advance = (ms: number): void => {
    const end = t + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      t = next.at;
      next.fn();
    }
    t = end;
  };
  const sent: [string, SignalMessage][] = [];
  let listener: ((from: string, message: SignalMessage) => void) | null = null;
  const channel: SignalChannel = {
    send: (to, message) => (sent.push([to, message]), true),
    onSignal: (l) => ((listener = l), () => void (listener = null)),
  };
  const links: FakeLink[] = [];
  const statuses: [string, PeerStatus | null][] = [];
  const peers = createTalkPeers({
    selfId, channel, ice: NO_ICE_SERVERS, source: { track: null, muted: false }, accept, clock,
    createLink: (options) => {
      const link: FakeLink = {
        options, handled: [], sources: [], restarts: 0, closed: false,
        handle: (m) => void link.handled.push(m),
        setSource: (s) => void link.sources.push(s),
        restartIce: () => void link.restarts++,
        close: () => void (link.closed = true),
      };
      links.push(link);
      return link;
    },
    onStatus: (peerId, status) => statuses.push([peerId, status]),
  });
  const deliver = (from: string, message: SignalMessage): void => listener?.(from, message);
  const linkTo = (peerId: string): FakeLink | undefined => links.filter((l) => l.options.peerId === peerId && !l.closed).at(-1);
  return { peers, sent, links, statuses, deliver, advance, linkTo, hasListener: () => listener !== null };
}

describe('createTalkPeers: who opens, who answers', () => {
  it('offers only to wanted peers with a higher session id; the lower one offers to us', () => {
    const { peers, links, linkTo } = setup('m');
    peers.setWanted(['a', 'x', 'z']);
    expect(links.map((l) => l.options.peerId)).toEqual(['x', 'z']);
    expect(linkTo('x')?.options).toMatchObject({ offerer: true, polite: false });
    expect(peers.status('x')).toEqual({ kind: 'connecting', attempt: 1 });
    expect(peers.status('a')).toBeUndefined();
    expect(peers.liveCount()).toBe(2);
    linkTo('x')?.options.events.onState('connected');
    expect(peers.status('x')).toEqual({ kind: 'connected' });
  });

  it('answers an offer it accepts on a new polite link, and says bye to one it does not', () => {
    const { peers, deliver, sent, linkTo } = setup('m', (peerId) => peerId === 'a');
    deliver('a', offer);
    expect(linkTo('a')?.options).toMatchObject({ offerer: false, polite: true });
    expect(linkTo('a')?.handled).toEqual([offer]);
    deliver('b', offer);
    expect(linkTo('b')).toBeUndefined();
    expect(sent).toEqual([['b', bye]]);
    expect(peers.liveCount()).toBe(1);
  });

  it("routes answers and candidates to their peer's link only, and drops those of unknown peers", () => {
    const { peers, deliver, sent, linkTo } = setup('m');
    peers.setWanted(['x', 'y']);
    deliver('x', answer);
    deliver('x', candidate);
    deliver('q', candidate);
    deliver('q', answer);
    deliver('m', offer); // our own id: never a peer
    expect(linkTo('x')?.handled).toEqual([answer, candidate]);
    expect(linkTo('y')?.handled).toEqual([]);
    expect(linkTo('q')).toBeUndefined();
    expect(linkTo('m')).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('closes on bye without answering it, and does not offer again until the cooldown passes', () => {
    const { peers, deliver, sent, links, advance, linkTo } = setup('m');
    peers.setWanted(['x']);
    deliver('x', bye);
    expect(links[0]?.closed).toBe(true);
    expect(peers.liveCount()).toBe(0);
    expect(peers.status('x')).toBeUndefined();
    expect(sent).toEqual([]);
    expect(peers.coolingDown()).toEqual(new Set(['x']));
    peers.setWanted(['x']);
    expect(linkTo('x')).toBeUndefined();
    advance(DEFAULT_RETRY.byeCooldownMs);
    expect(peers.coolingDown()).toEqual(new Set());
    peers.setWanted(['x']);
    expect(linkTo('x')).toBeDefined();
    // A second bye doubles the wait.
    deliver('x', bye);
    advance(DEFAULT_RETRY.byeCooldownMs);
    expect(peers.coolingDown()).toEqual(new Set(['x']));
  });

  it('closes links to peers no longer wanted, telling them, and passes the microphone to every link', () => {
    const { peers, sent, linkTo, links } = setup('m');
    peers.setWanted(['x', 'y']);
    const source = { track: null, muted: true };
    peers.setSource(source);
    expect(links.map((l) => l.sources)).toEqual([[source], [source]]);
    peers.setWanted(['y']);
    expect(links[0]?.closed).toBe(true);
    expect(sent).toEqual([['x', bye]]);
    expect(linkTo('y')?.closed).toBe(false);
    expect(peers.linkedIds()).toEqual(new Set(['y']));
  });

  it('closes everything on close, says bye to each, and hears no more signals', () => {
    const { peers, sent, links, deliver, hasListener } = setup('m');
    peers.setWanted(['x', 'y']);
    deliver('a', offer);
    peers.close();
    expect(links.every((l) => l.closed)).toBe(true);
    expect(sent.map(([to, m]) => `${to}:${m.kind}`).sort()).toEqual(['a:bye', 'x:bye', 'y:bye']);
    expect(peers.liveCount()).toBe(0);
    expect(hasListener()).toBe(false);
  });
});

describe('createTalkPeers: failures and retries', () => {
  it('mends ICE failures in place twice, then starts over with a new connection, then gives up', () => {
    const { peers, sent, links, advance, statuses } = setup('m');
    peers.setWanted(['x']);
    const first = links[0] as FakeLink;
    first.options.events.onState('failed');
    expect(peers.status('x')).toEqual({ kind: 'failed', reason: 'ice-failed', attempt: 1, retryInMs: 1000 });
    advance(1000);
    expect(first.restarts).toBe(1);
    expect(peers.status('x')).toEqual({ kind: 'connecting', attempt: 2 });
    first.options.events.onState('failed');
    advance(2000);
    expect(first.restarts).toBe(2);
    first.options.events.onState('failed');
    advance(4000); // third failure: a fresh connection, announced by bye
    expect(first.closed).toBe(true);
    expect(sent).toEqual([['x', bye]]);
    expect(links).toHaveLength(2);
    const second = links[1] as FakeLink;
    first.options.events.onState('connected'); // a late event of the old link changes nothing
    expect(peers.status('x')).toEqual({ kind: 'connecting', attempt: 4 });
    second.options.events.onState('failed');
    advance(8000);
    links.at(-1)?.options.events.onState('failed');
    advance(16000);
    links.at(-1)?.options.events.onState('failed');
    expect(peers.status('x')).toMatchObject({ kind: 'failed', attempt: 6, retryInMs: null });
    expect(peers.liveCount()).toBe(0);
    expect(peers.coolingDown()).toEqual(new Set(['x']));
    expect(statuses.filter(([, s]) => s?.kind === 'failed').map(([, s]) => s && 'retryInMs' in s && s.retryInMs)).toEqual([1000, 2000, 4000, 8000, 16000, null]);
  });

  it('starts over after the connect timeout, and resets the count once connected', () => {
    const { peers, links, advance } = setup('m');
    peers.setWanted(['x']);
    advance(DEFAULT_RETRY.connectTimeoutMs);
    expect(peers.status('x')).toMatchObject({ kind: 'failed', reason: 'timeout', attempt: 1 });
    advance(1000);
    expect(links).toHaveLength(2); // no answer is not mended with an ICE restart
    expect(links[0]?.restarts).toBe(0);
    links[1]?.options.events.onState('connected');
    links[1]?.options.events.onState('failed');
    expect(peers.status('x')).toMatchObject({ attempt: 1, retryInMs: 1000 });
  });

  it('gives a disconnected connection a grace period to come back by itself', () => {
    const { peers, links, advance } = setup('m');
    peers.setWanted(['x']);
    const link = links[0] as FakeLink;
    link.options.events.onState('connected');
    link.options.events.onState('disconnected');
    advance(DEFAULT_RETRY.disconnectGraceMs - 1);
    link.options.events.onState('connected');
    advance(60_000);
    expect(peers.status('x')).toEqual({ kind: 'connected' });
    link.options.events.onState('disconnected');
    advance(DEFAULT_RETRY.disconnectGraceMs);
    expect(peers.status('x')).toMatchObject({ kind: 'failed', reason: 'ice-failed' });
  });

  it('leaves mending to the offerer when answering, and closes a link it never mends', () => {
    const { peers, deliver, sent, links, advance } = setup('m');
    deliver('a', offer);
    links[0]?.options.events.onFailure('negotiation');
    expect(peers.status('a')).toEqual({ kind: 'failed', reason: 'negotiation', attempt: 1, retryInMs: null });
    advance(DEFAULT_RETRY.answerTimeoutMs - 1);
    expect(links).toHaveLength(1);
    expect(links[0]?.restarts).toBe(0);
    advance(1);
    expect(links[0]?.closed).toBe(true);
    expect(sent).toEqual([['a', bye]]);
  });

  it("counts the offerer's retries on the answering side, so its people list says it is a retry", () => {
    const { peers, deliver, links, advance } = setup('m');
    peers.setWanted(['a']);
    deliver('a', offer);
    expect(peers.status('a')).toEqual({ kind: 'connecting', attempt: 1 });
    deliver('a', bye); // the offerer timed out and starts over
    peers.setWanted([]); // the hearing policy leaves a peer out while it cools down after a bye
    deliver('a', offer);
    expect(peers.status('a')).toEqual({ kind: 'connecting', attempt: 2 });
    deliver('a', bye);
    deliver('a', offer);
    expect(peers.status('a')).toEqual({ kind: 'connecting', attempt: 3 });
    links.at(-1)?.options.events.onState('connected');
    deliver('a', bye); // a connected call that ends is not a failed try
    deliver('a', offer);
    expect(peers.status('a')).toEqual({ kind: 'connecting', attempt: 1 });
    deliver('a', bye);
    advance(DEFAULT_RETRY.byeCooldownMs);
    peers.setWanted([]); // out of range once the cooldown is over: the count is forgotten
    peers.setWanted(['a']);
    deliver('a', offer);
    expect(peers.status('a')).toEqual({ kind: 'connecting', attempt: 1 });
  });
});
