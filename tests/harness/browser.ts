import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.EMOTONE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags verified on these machines (see shared/ENGINEERING_NOTES.md) plus software WebGL. */
export const BASE_CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
];

/** Options of `launchBrowser`. */
export interface LaunchOptions {
  /** Extra Chromium flags, e.g. ['--use-fake-device-for-media-stream', '--use-file-for-fake-audio-capture=/abs/a.wav']. */
  readonly extraArgs?: readonly string[];
  readonly headless?: boolean;
  readonly viewport?: { width: number; height: number };
  /** Permissions to grant to every page, e.g. ['microphone']. */
  readonly permissions?: readonly string[];
  /**
   * Let V8 recompile WebAssembly with its optimising tier (the browser's default). Off in tests:
   * on every fresh page it recompiles onnxruntime's 28 MB runtime in background threads, traced at
   * 9.4 s of CPU within 6 s of one page joining a second; on a 2-core machine that starves the
   * other pages, the server and the test itself at exactly the moments tests time (joins, first
   * labels). The baseline tier runs the same model code (inference per tick measured 20–65 ms
   * either way on these machines). Benchmarks that report speed turn it on.
   */
  readonly optimizingWasm?: boolean;
}

/** V8 flag that keeps WebAssembly on the baseline compiler (see LaunchOptions.optimizingWasm). */
const BASELINE_WASM_ONLY = '--js-flags=--liftoff-only';

/** A browser with a fresh profile; `close()` removes the profile. */
export interface TestBrowser {
  readonly context: BrowserContext;
  /** The user-data-dir: its path is on the browser process's command line (benchmarks find its processes by it). */
  readonly profile: string;
  /** Requests any page made to a host other than 127.0.0.1/localhost (pages must stay offline). */
  readonly externalRequests: readonly string[];
  /** Opens a page; its console errors and page errors are echoed with `label`. */
  newPage(label: string): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh user-data-dir (a persistent context, so flags apply to it). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'emotone-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: [...BASE_CHROMIUM_FLAGS, ...(options.optimizingWasm ? [] : [BASELINE_WASM_ONLY]), ...(options.extraArgs ?? [])],
    viewport: options.viewport ?? { width: 1024, height: 640 },
    ignoreHTTPSErrors: true,
  });
  if (options.permissions) await context.grantPermissions([...options.permissions]);
  const externalRequests: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && !['127.0.0.1', 'localhost'].includes(url.hostname)) externalRequests.push(url.href);
  });
  return {
    context,
    profile,
    externalRequests,
    async newPage(label) {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[${label}] page error:`, error.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') console.log(`[${label}] ${msg.type()}: ${msg.text()}`);
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
