import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, type LaunchOptions, type TestBrowser } from './browser';
import { ensureProductionBuild } from './build';
import { startTestServer, type TestServer } from './server';

/** The server and browser of one e2e test file. */
export interface E2eEnvironment {
  readonly server: TestServer;
  readonly browser: TestBrowser;
}

/**
 * Registers beforeAll/afterAll that build the app (once), start the real server on a free port
 * (with `serverOptions`) and launch Chromium (with `launch.extraArgs`, e.g. a fake microphone;
 * a function is called in beforeAll, so a fake-microphone file can be made there), and close
 * both after. Call at the top of a `describe`. Accessing the environment before beforeAll throws.
 */
export function setupE2e(
  launch: LaunchOptions | (() => LaunchOptions) = {},
  serverOptions: Omit<NonNullable<Parameters<typeof startTestServer>[0]>, 'staticDir'> = {},
): E2eEnvironment {
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    server = await startTestServer({ staticDir: ensureProductionBuild(), ...serverOptions });
    browser = await launchBrowser(typeof launch === 'function' ? launch() : launch);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('e2e server not started (use inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('e2e browser not launched (use inside a test)');
      return browser;
    },
  };
}

/** Adds a test (run last in its describe) asserting that no page contacted another host. */
export function itStayedOffline(env: E2eEnvironment): void {
  it('made no request outside 127.0.0.1', () => {
    expect(env.browser.externalRequests).toEqual([]);
  });
}
