/**
 * Players for the voice chat browser tests: one Chromium per player (a browser has one fake
 * microphone file), each speaking its own espeak-ng sentence, and readers of the page's
 * `__emotone.talk` view. Everything waits on elapsed time and state, never on frame counts.
 */
import type { Page } from 'playwright-core';
import type { TalkLinkStats } from '../../src/app/talk-test-view';
import { launchBrowser, type TestBrowser } from './browser';
import { espeakFakeMic } from './voice-audio';
import { fakeMicFlags, recordSentFrames } from './voice-pages';

/** Size of each player's page. */
export const TALKER_VIEWPORT = { width: 800, height: 480 } as const;

/** Flags WebRTC between headless pages on one machine needs (ENGINEERING_NOTES, voice chat). */
export const LOOPBACK_WEBRTC_FLAGS = ['--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns'];

/** A player in its own browser. */
export interface Talker {
  readonly name: string;
  readonly browser: TestBrowser;
  readonly page: Page;
  /** The player's session id once joined. */
  id: string;
}

/** Launches a browser whose microphone says `text` (between 1 s silences, looped) and opens a page recording its WebSocket frames. */
export async function launchTalker(name: string, text: string, wav: string = espeakFakeMic(text), viewport: { width: number; height: number } = TALKER_VIEWPORT): Promise<Talker> {
  // A small window: three players render the space in software GL at once, and pixels are most of that cost.
  const browser = await launchBrowser({ extraArgs: [...fakeMicFlags(wav), ...LOOPBACK_WEBRTC_FLAGS], viewport });
  const page = await browser.newPage(name);
  await recordSentFrames(page);
  return { name, browser, page, id: '' };
}

/**
 * The query of a player who joins at once with the microphone and voice chat on: the energy VAD and
 * one WASM thread keep three pages' emotion analysis light on a shared 2-core machine.
 */
export const TALK_QUERY = '&voice=on&vad=energy&ortBackend=wasm&ortThreads=1&nudges=off';

/** Opens the space as `talker` and waits until it is in the room; fills in its session id. */
export async function joinTalker(talker: Talker, baseUrl: string, space: string): Promise<void> {
  await talker.page.goto(`${baseUrl}/?space=${space}&join=desktop&name=${encodeURIComponent(talker.name)}${TALK_QUERY}`);
  // Generous: three software-rendered pages and their voice analysis share two cores.
  talker.id = await waitFor(talker.page, `${talker.name} to join`, () => talker.page.evaluate(() => window.__emotone?.sessionId ?? null), 150_000);
}

/**
 * Launches one browser per [name, sentence] at once and joins each to `space` in turn. Every browser
 * is added to `into` as soon as it is up, so the caller's afterAll closes it even if another fails.
 */
export async function launchAndJoin<const P extends ReadonlyArray<readonly [string, string]>>(
  into: Talker[], baseUrl: string, space: string, players: P,
): Promise<{ -readonly [K in keyof P]: Talker }> {
  const launched = await Promise.all(players.map(async ([name, text]) => {
    const t = await launchTalker(name, text);
    into.push(t);
    return t;
  }));
  for (const t of launched) await joinTalker(t, baseUrl, space);
  return launched as { -readonly [K in keyof P]: Talker };
}

/** Closes the players' browsers and the room server, then (always) the TURN server, which would hold its ports. */
export async function closeTalkers(talkers: readonly Talker[], server: { close(): Promise<void> } | undefined, turn?: { close(): Promise<void> }): Promise<void> {
  try {
    await Promise.allSettled(talkers.map((t) => t.browser.close()));
    await server?.close();
  } finally {
    await turn?.close();
  }
}

/** The page's talk view as plain data. */
export function readTalk(page: Page) {
  return page.evaluate(() => {
    const t = window.__emotone!.talk;
    return { states: t.states, liveConnections: t.liveConnections, playing: [...t.playing], nodes: t.nodeCount(), chatTrack: t.chatTrack, iceProblem: t.iceProblem };
  });
}

/** Every live connection's figures, by peer session id. */
export function talkStats(page: Page): Promise<Record<string, TalkLinkStats>> {
  return page.evaluate(() => window.__emotone!.talk.stats());
}

/** Polls `read` every 200 ms until it returns a value other than null/false; throws after `timeoutMs`. */
export async function waitFor<T>(page: Page, what: string, read: () => Promise<T | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | null | false = null;
  while (Date.now() < deadline) {
    last = await read();
    if (last !== null && last !== false) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Waits until `talker` has a connected voice link with each of `peers`; returns the ms it took. */
export async function waitConnected(talker: Talker, peers: readonly Talker[], timeoutMs = 60_000): Promise<number> {
  const startedAt = Date.now();
  await waitFor(talker.page, `${talker.name} connected to ${peers.map((p) => p.name).join(', ')}`, async () => {
    const { states } = await readTalk(talker.page);
    return peers.every((p) => states[p.id] === 'connected');
  }, timeoutMs);
  return Date.now() - startedAt;
}

/**
 * Samples what `listener` receives from `speaker` for `ms`: packets at the start and end, and the
 * loudest receiver level seen (sampled every 100 ms inside the page).
 */
export async function sampleHearing(listener: Page, speakerId: string, ms: number): Promise<{ packets: number; bytes: number; maxLevel: number }> {
  return listener.evaluate(async ([id, duration]) => {
    const t = window.__emotone!.talk;
    const first = (await t.stats())[id];
    let maxLevel = 0;
    const until = Date.now() + duration;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      maxLevel = Math.max(maxLevel, (await t.stats())[id]?.receiverLevel ?? 0);
    }
    const last = (await t.stats())[id];
    return { packets: (last?.packetsReceived ?? 0) - (first?.packetsReceived ?? 0), bytes: (last?.bytesReceived ?? 0) - (first?.bytesReceived ?? 0), maxLevel };
  }, [speakerId, ms] as const);
}
