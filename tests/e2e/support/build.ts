import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT } from './paths';

/** Newest modification time (ms) under `path`, ignoring nothing: inputs are small trees. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

const BUILD_INPUTS = ['src', 'assets', 'models', 'public', 'index.html', 'vite.config.ts', 'package.json'];

/**
 * Makes sure dist/ holds a production build of the current sources: builds with `vite build`
 * unless dist/index.html is newer than every input (so a run of several e2e files builds once,
 * and `npm test`, which builds first, never builds twice). EMOTONE_E2E_BUILD=always forces it.
 */
export function ensureProductionBuild(): void {
  const stamp = join(DIST_DIR, 'index.html');
  const inputsAt = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(REPO_ROOT, p))));
  if (process.env.EMOTONE_E2E_BUILD !== 'always' && existsSync(stamp) && statSync(stamp).mtimeMs > inputsAt) return;
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}
