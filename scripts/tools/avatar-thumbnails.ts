/**
 * Renders a picture of every shipped avatar (assets/avatars/index.json) for the landing page's
 * cards: each VRM is loaded with the app's own loader and drawn with three.js in headless
 * Chromium (scripts/tools/avatar-thumbnails/), then written as a small WebP to
 * assets/avatars/thumbnails/<id>.webp, with manifest.json recording each VRM's SHA-256 so a
 * test can tell when a picture no longer shows its avatar. Commit the results.
 * Usage: npx tsx scripts/tools/avatar-thumbnails.ts
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchBrowser } from '../../tests/harness/browser';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const AVATARS_DIR = join(ROOT, 'assets', 'avatars');
/** Where the pictures and their manifest go. */
export const THUMBNAILS_DIR = join(AVATARS_DIR, 'thumbnails');
/** Side of a picture, px (cards show 96 CSS px: sharp at 2× density). */
export const THUMBNAIL_SIZE_PX = 192;
const WEBP_QUALITY = 0.82;

/** One picture as the manifest records it. */
export interface ThumbnailRecord {
  readonly id: string;
  readonly file: string;
  /** The VRM the picture shows: assets/avatars/<vrm>, and that file's SHA-256 when it was drawn. */
  readonly vrm: string;
  readonly vrmSha256: string;
  readonly sizePx: number;
}

/** SHA-256 of a file, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function main(): Promise<void> {
  const { avatars } = JSON.parse(readFileSync(join(AVATARS_DIR, 'index.json'), 'utf8')) as { avatars: { id: string; file: string }[] };
  const server = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    optimizeDeps: { entries: ['scripts/tools/avatar-thumbnails/page.html'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the page server has no port');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage('thumbnails');
    await page.goto(`http://127.0.0.1:${address.port}/scripts/tools/avatar-thumbnails/page.html`);
    await page.waitForFunction(() => typeof window.renderAvatar === 'function', undefined, { timeout: 120_000 });
    mkdirSync(THUMBNAILS_DIR, { recursive: true });
    const records: ThumbnailRecord[] = [];
    for (const [i, avatar] of avatars.entries()) {
      process.stdout.write(`[${i + 1}/${avatars.length}] ${avatar.id}… `);
      const dataUrl = await page.evaluate(([url, size, quality]) => window.renderAvatar!(url, size, quality), [`/assets/avatars/${avatar.file}`, THUMBNAIL_SIZE_PX, WEBP_QUALITY] as const);
      const match = /^data:image\/webp;base64,(.+)$/.exec(dataUrl);
      if (!match) throw new Error(`${avatar.id}: the browser did not encode WebP (${dataUrl.slice(0, 30)}…)`);
      const bytes = Buffer.from(match[1] as string, 'base64');
      const file = `${avatar.id}.webp`;
      writeFileSync(join(THUMBNAILS_DIR, file), bytes);
      records.push({ id: avatar.id, file, vrm: avatar.file, vrmSha256: sha256File(join(AVATARS_DIR, avatar.file)), sizePx: THUMBNAIL_SIZE_PX });
      console.log(`${(bytes.length / 1000).toFixed(1)} kB`);
    }
    writeFileSync(join(THUMBNAILS_DIR, 'manifest.json'), `${JSON.stringify({ generator: 'scripts/tools/avatar-thumbnails.ts', thumbnails: records }, null, 2)}\n`);
    console.log(`wrote ${records.length} pictures and manifest.json to ${THUMBNAILS_DIR}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
