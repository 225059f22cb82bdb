import type { Page, Request } from 'playwright-core';

/** The performance mark the app sets when the landing page is first ready for input (app/Shell.tsx). */
export const LANDING_INTERACTIVE_MARK = 'emotone:landing-interactive';

/** The space's files as the build lists them in the page (what the loading screen downloads). */
export function spacePartPaths(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(JSON.parse(document.getElementById('emotone-space-parts')?.textContent ?? '{}') as Record<string, number>));
}

/**
 * Whether a request is more than the landing page needs: any script other than index.html's own
 * (`initial`: its entry scripts and module preloads), and any runtime, model or avatar file.
 */
export function isBeyondLanding(url: string, initial: readonly string[]): boolean {
  const path = new URL(url).pathname;
  return (/\.m?js$/.test(path) && !initial.includes(path)) || /\.(wasm|onnx|vrm)$/.test(path);
}

/** Every request a page makes, in order, from now on. */
export function recordRequests(page: Page): { readonly urls: string[]; clear(): void } {
  const urls: string[] = [];
  page.on('request', (request: Request) => void urls.push(request.url()));
  return { urls, clear: () => void urls.splice(0) };
}

/** Timings of one landing page load, ms from navigation start (the page's own performance timeline). */
export interface LandingTiming {
  /** The landing page rendered with its handlers attached (the app's mark). */
  readonly interactiveMs: number;
  readonly domContentLoadedMs: number;
  /** Scripts fetched up to the mark, and their transferred bytes (0 when served from the cache). */
  readonly scripts: number;
  readonly scriptTransferBytes: number;
}

/**
 * Opens `url` and reads when the landing page became interactive: the app's mark, and then a real
 * check that the page answers input (typing a name enables Join).
 */
export async function measureLanding(page: Page, url: string): Promise<LandingTiming> {
  await page.goto(url);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, LANDING_INTERACTIVE_MARK, { timeout: 30_000 });
  return page.evaluate((mark) => {
    const interactive = performance.getEntriesByName(mark)[0]!.startTime;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link' || /\.js$/.test(e.name)).filter((e) => e.responseEnd <= interactive);
    return {
      interactiveMs: interactive,
      domContentLoadedMs: nav?.domContentLoadedEventEnd ?? Number.NaN,
      scripts: scripts.length,
      scriptTransferBytes: scripts.reduce((sum, e) => sum + e.transferSize, 0),
    };
  }, LANDING_INTERACTIVE_MARK);
}
