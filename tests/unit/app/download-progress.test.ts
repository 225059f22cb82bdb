import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefetchParts, readSpaceParts, SPACE_PARTS_ELEMENT_ID } from '../../../src/app/download-progress';

/** A real HTTP server: /a.js and /b.js answer in pieces, /gone.js is missing. */
let server: Server;
let base = '';
const FILES: Record<string, number> = { '/a.js': 300_000, '/b.js': 100_000 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const size = FILES[req.url ?? ''];
    if (!size) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    const piece = Buffer.alloc(50_000, 0x20);
    let sent = 0;
    const next = (): void => {
      if (sent >= size) return void res.end();
      sent += piece.length;
      res.write(piece, () => setTimeout(next, 2));
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** fetch against the test server, as a page's relative fetch would go to its origin. */
const fetchHere: typeof fetch = (input, init) => fetch(`${base}${String(input)}`, init);

describe('prefetchParts', () => {
  it('reports the share of bytes arrived, rising to 1', async () => {
    const seen: number[] = [];
    await prefetchParts(FILES, (f) => seen.push(f), fetchHere);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(seen.some((f) => f > 0 && f < 1)).toBe(true);
    expect(seen.every((f, i) => i === 0 || f >= (seen[i - 1] as number))).toBe(true);
  });

  it('names the part that could not be downloaded', async () => {
    await expect(prefetchParts({ '/a.js': 300_000, '/gone.js': 10 }, () => undefined, fetchHere)).rejects.toThrow('/gone.js: HTTP 404');
    const refused: typeof fetch = (input) => fetch(`http://127.0.0.1:1${String(input)}`);
    await expect(prefetchParts({ '/a.js': 1 }, () => undefined, refused)).rejects.toThrow(/^\/a\.js: fetch failed/);
  });
});

describe('readSpaceParts', () => {
  const page = (text: string | null) => ({ getElementById: (id: string) => (id === SPACE_PARTS_ELEMENT_ID && text !== null ? ({ textContent: text } as HTMLElement) : null) });
  it('reads the build’s list and ignores a missing or damaged one', () => {
    expect(readSpaceParts(page('{"/assets/three-x.js":837282,"/bad":"x","/zero":0}'))).toEqual({ '/assets/three-x.js': 837282 });
    expect(readSpaceParts(page(null))).toBeNull();
    expect(readSpaceParts(page('{oops'))).toBeNull();
    expect(readSpaceParts(page('{}'))).toBeNull();
  });
});
