/**
 * Prints how much JavaScript the landing page loads before the visitor chooses anything: the
 * entry scripts and module preloads that the production build's index.html references, raw and
 * gzipped (level 9), and which packages those files carry (from their source maps).
 * Usage: npx tsx scripts/bench/initial-js.ts [distDir]   (default dist/; builds it when missing)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The landing page's budget of initial JavaScript, gzipped bytes (150 kB). */
export const INITIAL_JS_BUDGET_GZIP_BYTES = 150_000;

/** One initial script file. */
export interface InitialFile {
  /** Path as index.html names it, e.g. /assets/index-abc.js. */
  readonly href: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  /** Packages (node_modules names) and src/ folders whose code the file holds. */
  readonly sources: readonly string[];
}

/** What {@link measureInitialJs} found. */
export interface InitialJsReport {
  readonly files: readonly InitialFile[];
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

const SCRIPT_SRC = /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g;
const PRELOAD_HREF = /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g;

/** The entry scripts and module preloads of a built index.html, in order, without repeats. */
export function initialScripts(indexHtml: string): string[] {
  const found = [...indexHtml.matchAll(SCRIPT_SRC), ...indexHtml.matchAll(PRELOAD_HREF)].map((m) => m[1] as string);
  return [...new Set(found)];
}

/** Packages and src/ folders named by a source map's `sources` (empty when there is no map). */
function sourceOwners(mapPath: string): string[] {
  if (!existsSync(mapPath)) return [];
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources?: string[] };
  const owners = new Set<string>();
  for (const source of map.sources ?? []) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
    const own = /(?:^|\/)src\/([^/]+)/.exec(source);
    owners.add(pkg ? (pkg[1] as string) : own ? `src/${own[1] as string}` : (source.split("/").pop() ?? source).replace(/\?.*$/, ""));
  }
  return [...owners].sort();
}

/** Measures the initial JavaScript of the build in `distDir`. */
export function measureInitialJs(distDir: string): InitialJsReport {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: build first (npx vite build)`);
  const files = initialScripts(readFileSync(indexPath, 'utf8')).map((href): InitialFile => {
    const path = join(distDir, href.replace(/^\//, ''));
    if (!existsSync(path)) throw new Error(`index.html names ${href}, which is not in ${distDir}`);
    const bytes = readFileSync(path);
    return { href, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, sources: sourceOwners(`${path}.map`) };
  });
  const sum = (pick: (f: InitialFile) => number) => files.reduce((total, f) => total + pick(f), 0);
  return { files, rawBytes: sum((f) => f.rawBytes), gzipBytes: sum((f) => f.gzipBytes) };
}

function main(): void {
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const distDir = resolve(process.argv[2] ?? join(root, 'dist'));
  if (!process.argv[2] && !existsSync(join(distDir, 'index.html'))) {
    console.log('no dist/: building (npx vite build)…');
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
  }
  const report = measureInitialJs(distDir);
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  for (const f of report.files) {
    console.log(`${f.href}  raw ${kB(f.rawBytes)}  gzip ${kB(f.gzipBytes)}`);
    if (f.sources.length) console.log(`  holds: ${f.sources.join(', ')}`);
  }
  const verdict = report.gzipBytes <= INITIAL_JS_BUDGET_GZIP_BYTES ? 'within' : 'OVER';
  console.log(`initial JS: ${report.files.length} files, raw ${kB(report.rawBytes)}, gzip ${kB(report.gzipBytes)} (${report.gzipBytes} B; ${verdict} the ${kB(INITIAL_JS_BUDGET_GZIP_BYTES)} budget)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
