import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../harness/browser';
import { ensureProductionBuild } from '../harness/build';
import { joinAsPlayer, openSpectator, waitForHook } from '../harness/hook';
import { startTestServer, type TestServer } from '../harness/server';
import { espeakFakeMic } from '../harness/voice-audio';
import { launchFakeMicBrowser, readVoice, waitForVoiceReady, waitUntil } from '../harness/voice-pages';

/** A violation as the page's `securitypolicyviolation` event reports it. */
interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** Records every CSP violation of the document from before any page script runs. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string; source: string }[] = [];
    (window as unknown as { __csp: typeof seen }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` }));
  });
}
const violations = (page: Page): Promise<Violation[]> => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);

/** What Chromium prints for a violation anywhere, workers included (their events do not reach the document). */
const CSP_CONSOLE = /Content Security Policy|Refused to (load|execute|compile|connect|create|apply|frame)/i;

/**
 * The production build from the real server, with its Content-Security-Policy: a player with the
 * voice pipeline on (fake microphone → AudioWorklet → ORT worker with threaded WASM and the Silero VAD → room
 * socket) and a spectator (avatars with their textures) run without one violation.
 */
describe('Content-Security-Policy of the production app', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const consoleViolations: string[] = [];

  beforeAll(async () => {
    ensureProductionBuild();
    server = await startTestServer();
    browser = await launchFakeMicBrowser(espeakFakeMic('The policy lets the app load only what it needs from here.'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (label: string): Promise<Page> => {
    const page = await browser.newPage(label);
    page.on('console', (msg) => { if (CSP_CONSOLE.test(msg.text())) consoleViolations.push(`[${label}] ${msg.text()}`); });
    await recordViolations(page);
    return page;
  };

  it('is sent with the page and with the worker scripts, and allows only this origin', async () => {
    const page = await fetch(`${server.url}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    console.log(`Content-Security-Policy: ${policy}`);
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;| )/);
    expect(policy).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} wss://127.0.0.1:${server.port} blob:`);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
    const html = await page.text();
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const script = await fetch(`${server.url}${entry}`);
    const worker = /\/assets\/worker-entry-[^"`']+\.js/.exec(await script.text())?.[0];
    expect(worker, 'the classifier worker is referenced by the entry').toBeDefined();
    expect((await fetch(`${server.url}${worker}`)).headers.get('content-security-policy')).toBe(policy);
  });

  it('a player with the voice pipeline on and a spectator run with zero violations', async () => {
    const spectator = await open('spectator');
    const player = await open('player');
    const playerResponse = await player.goto(`${server.url}/`);
    expect(playerResponse?.headers()['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    await openSpectator(spectator, server.url);
    await joinAsPlayer(player, server.url, 'Cleo', '&voice=on&micProcessing=off&ortThreads=2');
    const ready = await waitForVoiceReady(player);
    expect(ready.status.model).toBe('ready');
    expect(ready.status.vad.active).toBe('silero'); // the Silero model and its ORT session load under the policy too
    await waitUntil(player, 'three classified windows', async () => ((await readVoice(player))?.inferences ?? 0) >= 3, 60_000);
    await waitForHook(spectator, (h) => 'Cleo' in h.peerLabels && h.avatarCount >= 1 && h.placeholderCount === 0, 60_000, 'Cleo’s avatar loaded in the spectator');
    console.log(`violations: player ${(await violations(player)).length}, spectator ${(await violations(spectator)).length}, console ${consoleViolations.length}`);
    expect(await violations(player)).toEqual([]);
    expect(await violations(spectator)).toEqual([]);
    expect(consoleViolations).toEqual([]);
  });

  it('does catch a violation: an injected inline script is refused and recorded', async () => {
    const page = await open('probe');
    await page.goto(`${server.url}/?spectate`);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await waitUntil(page, 'the violation event', async () => (await violations(page)).length > 0, 5_000);
    expect((await violations(page))[0]?.directive).toMatch(/^script-src/);
    await waitUntil(page, 'the console report', async () => consoleViolations.some((m) => m.startsWith('[probe]')), 5_000);
  });
});
