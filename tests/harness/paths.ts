import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The production build the browser tests run against. */
export const DIST_DIR = resolve(REPO_ROOT, 'dist');
/** Where screenshots and other artifacts go (gitignored). */
export const RESULTS_DIR = resolve(REPO_ROOT, 'test-results');

/** ../shared next to the repo (or $EMOTONE_SHARED), or null when absent. */
export function sharedDir(): string | null {
  const dir = process.env.EMOTONE_SHARED ? resolve(process.env.EMOTONE_SHARED) : resolve(REPO_ROOT, '..', 'shared');
  return existsSync(dir) ? dir : null;
}
