import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT } from './paths';

/** Newest modification time (ms) under `path`: inputs are small trees. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

const BUILD_INPUTS = ['src', 'assets', 'models', 'public', 'index.html', 'vite.config.ts', 'package.json'];
/** Private copies of the build, one per state of the sources (.tmp/ is gitignored). */
const SNAPSHOTS_DIR = join(REPO_ROOT, '.tmp', 'e2e-dist');
const KEEP_SNAPSHOTS = 3;

/**
 * Returns a directory holding a production build of the current sources, for the test server.
 * It is a private snapshot under .tmp/e2e-dist/<sources stamp>, never dist/ itself, so a
 * colleague's `vite build` (which empties dist/) cannot pull files from under a running test.
 * A fresh dist/ (as `npm test` builds first) is copied; otherwise `vite build` writes the
 * snapshot. Several test files with unchanged sources share one snapshot.
 */
export function ensureProductionBuild(): string {
  const inputsAt = Math.floor(Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(REPO_ROOT, p)))));
  const snapshot = join(SNAPSHOTS_DIR, String(inputsAt));
  if (existsSync(join(snapshot, 'index.html'))) return snapshot;
  mkdirSync(SNAPSHOTS_DIR, { recursive: true });
  const staging = `${snapshot}.${process.pid}.tmp`;
  const distStamp = join(DIST_DIR, 'index.html');
  if (existsSync(distStamp) && statSync(distStamp).mtimeMs > inputsAt) {
    cpSync(DIST_DIR, staging, { recursive: true });
  } else {
    // Vitest sets NODE_ENV=test, which the build would inherit and bundle React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', staging, '--emptyOutDir'], { cwd: REPO_ROOT, stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
  }
  if (existsSync(join(snapshot, 'index.html'))) rmSync(staging, { recursive: true, force: true }); // another process won
  else renameSync(staging, snapshot);
  pruneSnapshots();
  return snapshot;
}

/** Keeps the newest few snapshots (names are source stamps, so they sort by age). */
function pruneSnapshots(): void {
  const stamps = readdirSync(SNAPSHOTS_DIR).filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(b) - Number(a));
  for (const old of stamps.slice(KEEP_SNAPSHOTS)) rmSync(join(SNAPSHOTS_DIR, old), { recursive: true, force: true });
}
