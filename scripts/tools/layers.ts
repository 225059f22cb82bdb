/**
 * The source tree's shape: files and lines per folder of src/, the folder import graph, and every
 * import that runs against the layer order (upward or sideways) or closes a folder loop.
 * Usage: npx tsx scripts/tools/layers.ts [srcDir]   (exit code 1 when any import breaks the order)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Folders from the bottom up; a folder may import only folders of a lower rank. Folders of one
 * rank are siblings and may not import each other.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['shared'],
  ['audio', 'emotion', 'engagement', 'state'],
  ['voice', 'net', 'avatar', 'talk'],
  ['ui', 'scene'],
  ['xr', 'spectator'],
  ['app'],
  ['main.tsx'],
];

/** One import between two folders of src/. */
export interface FolderImport {
  readonly fromFile: string;
  readonly from: string;
  readonly to: string;
}

/** What {@link analyseLayers} found. */
export interface LayerReport {
  readonly folders: Readonly<Record<string, { files: number; lines: number }>>;
  /** Distinct folder → folder arrows with how many imports each carries. */
  readonly arrows: Readonly<Record<string, number>>;
  /** Imports against the order: to a higher or same-rank folder, or to a folder not in LAYERS. */
  readonly violations: readonly FolderImport[];
}

const rankOf = new Map<string, number>(LAYERS.flatMap((names, rank) => names.map((n) => [n, rank] as const)));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The top folder of a file under src/ ('main.tsx' for the root file itself). */
function folderOf(srcDir: string, path: string): string | null {
  const rel = relative(srcDir, path);
  if (rel.startsWith('..')) return null;
  const [first] = rel.split(sep);
  return first ?? null;
}

const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Reads every .ts/.tsx file under `srcDir` and checks its relative imports against {@link LAYERS}. */
export function analyseLayers(srcDir: string): LayerReport {
  const folders: Record<string, { files: number; lines: number }> = {};
  const arrows: Record<string, number> = {};
  const violations: FolderImport[] = [];
  for (const file of listFiles(srcDir)) {
    const from = folderOf(srcDir, file) as string;
    const text = readFileSync(file, 'utf8');
    const entry = (folders[from] ??= { files: 0, lines: 0 });
    entry.files++;
    entry.lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    for (const match of text.matchAll(IMPORT)) {
      const to = folderOf(srcDir, resolve(dirname(file), match[1] as string));
      if (to === null || to === from) continue; // outside src (models/, assets/) or within the folder
      arrows[`${from} → ${to}`] = (arrows[`${from} → ${to}`] ?? 0) + 1;
      const fromRank = rankOf.get(from);
      const toRank = rankOf.get(to);
      if (fromRank === undefined || toRank === undefined || toRank >= fromRank) {
        violations.push({ fromFile: relative(srcDir, file), from, to });
      }
    }
  }
  return { folders, arrows, violations };
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const srcDir = resolve(process.argv[2] ?? join(root, 'src'));
  const report = analyseLayers(srcDir);
  let files = 0;
  let lines = 0;
  console.log('folder        files  lines');
  for (const [name, f] of Object.entries(report.folders).sort()) {
    files += f.files;
    lines += f.lines;
    console.log(`${name.padEnd(13)} ${String(f.files).padStart(5)} ${String(f.lines).padStart(6)}`);
  }
  console.log(`${'all'.padEnd(13)} ${String(files).padStart(5)} ${String(lines).padStart(6)}  (${Object.keys(report.folders).length} folders)`);
  console.log(`\nfolder arrows: ${Object.keys(report.arrows).length}`);
  for (const [arrow, n] of Object.entries(report.arrows).sort()) console.log(`  ${arrow}  (${n})`);
  console.log(`\nimports against the layer order: ${report.violations.length}`);
  for (const v of report.violations) console.log(`  ${v.fromFile} → ${v.to}/`);
  process.exitCode = report.violations.length > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
