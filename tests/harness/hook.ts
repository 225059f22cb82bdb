import type { Page } from 'playwright-core';
import type { EmotoneTestHook } from '../../src/app/test-hook';

/** A plain-data snapshot of the page's read-only test hook (the voice part: see voice-pages.ts). */
export type HookSnapshot = Omit<EmotoneTestHook, 'expressionWeight' | 'isPlaceholder' | 'peerPosition' | 'voice' | 'engagement' | 'ownPose' | 'frameIntervalsMs' | 'captureGallery' | 'talk'>;

/** Reads the hook's getters (null while the page has not installed it yet). */
export function readHook(page: Page): Promise<HookSnapshot | null> {
  return page.evaluate(() => {
    const h = window.__emotone;
    if (!h) return null;
    return {
      mode: h.mode, connection: h.connection, sessionId: h.sessionId, peerLabels: h.peerLabels,
      avatarCount: h.avatarCount, placeholderCount: h.placeholderCount, frameCount: h.frameCount, galleryTiles: h.galleryTiles,
      xrSessionMode: h.xrSessionMode, xrViewCount: h.xrViewCount, wristMenu: h.wristMenu, render: h.render,
    };
  });
}

/** Weight of `preset` on the avatar of `who` (session id, display name or 'self'). */
export function expressionWeight(page: Page, who: string, preset: string): Promise<number | null> {
  return page.evaluate(([w, p]) => window.__emotone?.expressionWeight(w, p) ?? null, [who, preset] as const);
}

/** Whether the avatar of `who` is still a placeholder (null when there is no such avatar). */
export function isPlaceholder(page: Page, who: string): Promise<boolean | null> {
  return page.evaluate((w) => window.__emotone?.isPlaceholder(w) ?? null, who);
}

/** Last head position the page received for another player. */
export function peerPosition(page: Page, who: string): Promise<[number, number, number] | null> {
  return page.evaluate((w) => window.__emotone?.peerPosition(w) ?? null, who);
}

/** Polls `predicate` over hook snapshots until it holds; returns the snapshot. */
export async function waitForHook(page: Page, predicate: (h: HookSnapshot) => boolean, timeoutMs = 30_000, what = 'condition'): Promise<HookSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: HookSnapshot | null = null;
  while (Date.now() < deadline) {
    last = await readHook(page);
    if (last && predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last hook state: ${JSON.stringify(last)}`);
}

/** Opens the app as a desktop player named `name` (auto-joins via the URL flags). */
export async function joinAsPlayer(page: Page, baseUrl: string, name: string, extraQuery = ''): Promise<HookSnapshot> {
  await page.goto(`${baseUrl}/?join=desktop&name=${encodeURIComponent(name)}${extraQuery}`);
  return waitForHook(page, (h) => h.connection === 'connected', 30_000, `${name} to connect`);
}

/** Opens the spectator view and waits until it is connected. */
export async function openSpectator(page: Page, baseUrl: string): Promise<HookSnapshot> {
  await page.goto(`${baseUrl}/?spectate`);
  return waitForHook(page, (h) => h.connection === 'connected', 30_000, 'spectator to connect');
}
