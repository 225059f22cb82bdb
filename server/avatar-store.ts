import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, readdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  AVATAR_UPLOAD_PATH, UPLOADED_AVATAR_PREFIX, uploadedAvatarUrl, type AvatarUploadResponse,
} from '../src/shared/avatar-upload';
import { LIMITS } from '../src/shared/protocol';
import { createVrmInspector } from './glb';
import { lingerThenClose, sendError, sendJson } from './http-util';

/**
 * Upload (POST) and download (GET) of player avatars, stored by sha256 in one directory. The id is
 * the hash of the bytes, never chosen by the client: an upload can only create the file of its own
 * content, so nothing another player uploaded can be replaced (and a file is never rewritten).
 */
export interface AvatarStore {
  /** Answers requests under AVATAR_UPLOAD_PATH; returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  /** Stops the upload check's worker thread. */
  close(): Promise<void>;
}

const FILE_PATH = new RegExp(`^${AVATAR_UPLOAD_PATH}/([0-9a-f]{64})\\.vrm$`);
const FILE_NAME = /^[0-9a-f]{64}\.vrm$/;
const MAX_MB = LIMITS.avatarUploadMaxBytes / (1024 * 1024);
const TOO_LARGE = `The avatar file is larger than ${MAX_MB} MB.`;

/** Reads the body unless it exceeds `maxBytes`; then stops reading and resolves null. */
function readBodyUpTo(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks, total)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('upload aborted by the client'));
    });
  });
}

/** Options of {@link createAvatarStore}. */
export interface AvatarStoreOptions {
  /** Largest upload, bytes (default LIMITS.avatarUploadMaxBytes). */
  maxBytes?: number;
  /** Disk all uploads may take, bytes (default 1 GiB). */
  quotaBytes?: number;
  /** Files used (uploaded or downloaded) this recently are never evicted (default 10 min). */
  protectRecentMs?: number;
  /** Clock (ms). */
  now?: () => number;
}

/** An uploaded file and when it was last used (its mtime, touched on every use). */
interface StoredFile {
  name: string;
  bytes: number;
  usedMs: number;
}

/** Creates the store; `uploadDir` is created on first use. */
export function createAvatarStore(uploadDir: string, options: AvatarStoreOptions = {}): AvatarStore {
  const maxBytes = options.maxBytes ?? LIMITS.avatarUploadMaxBytes;
  const quotaBytes = options.quotaBytes ?? 1024 * 1024 * 1024;
  const protectRecentMs = options.protectRecentMs ?? 10 * 60 * 1000;
  const now = options.now ?? Date.now;
  const ready = mkdir(uploadDir, { recursive: true });
  const inspector = createVrmInspector();
  // One upload at a time makes room and writes: two could otherwise both count the same free space.
  let writing: Promise<unknown> = Promise.resolve();

  /** Marks a file as used now (the eviction order survives restarts and is shared by a cluster's processes). */
  const touch = (file: string) => utimes(file, new Date(now()), new Date(now())).catch(() => undefined);

  /** Every stored upload (read afresh: other processes of a cluster may share the directory). */
  async function storedFiles(): Promise<StoredFile[]> {
    const names = (await readdir(uploadDir)).filter((name) => FILE_NAME.test(name));
    const files = await Promise.all(names.map(async (name) => {
      const info = await stat(join(uploadDir, name)).catch(() => null);
      return info ? { name, bytes: info.size, usedMs: info.mtimeMs } : null;
    }));
    return files.filter((f): f is StoredFile => f !== null);
  }

  /**
   * Evicts the least recently used uploads until `incoming` bytes fit under the quota. False
   * when they cannot: everything left was used within protectRecentMs.
   */
  async function makeRoom(incoming: number): Promise<boolean> {
    const files = await storedFiles();
    let used = files.reduce((sum, f) => sum + f.bytes, 0);
    const oldestFirst = files.filter((f) => now() - f.usedMs >= protectRecentMs).sort((a, b) => a.usedMs - b.usedMs);
    for (const file of oldestFirst) {
      if (used + incoming <= quotaBytes) break;
      await unlink(join(uploadDir, file.name)).catch(() => undefined);
      used -= file.bytes;
    }
    return used + incoming <= quotaBytes;
  }

  /** Stores `body` as `<id>.vrm` unless it exists; never replaces a file. 'full' when the quota cannot make room. */
  async function store(id: string, body: Buffer): Promise<'created' | 'exists' | 'full'> {
    const target = join(uploadDir, `${id}.vrm`);
    await ready;
    if (await stat(target).then(() => true, () => false)) {
      await touch(target);
      return 'exists';
    }
    if (!(await makeRoom(body.length))) return 'full';
    // Write aside, then link into place: a reader never sees half a file, and link() fails
    // rather than replace a file that appeared meanwhile (rename would overwrite it).
    const temp = join(uploadDir, `.${randomUUID()}.tmp`);
    await writeFile(temp, body, { flag: 'wx' });
    try {
      await link(temp, target);
      return 'created';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      sendError(res, 413, TOO_LARGE);
      lingerThenClose(req);
      return;
    }
    const body = await readBodyUpTo(req, maxBytes);
    if (body === null) {
      sendError(res, 413, TOO_LARGE);
      lingerThenClose(req);
      return;
    }
    if (body.length === 0) return sendError(res, 400, 'The upload is empty: send the .vrm file as the request body.');
    const inspection = await inspector.inspect(body);
    if (!inspection.ok) return sendError(res, 400, inspection.reason);

    const id = createHash('sha256').update(body).digest('hex');
    const stored = writing.then(() => store(id, body));
    writing = stored.catch(() => undefined);
    const outcome = await stored;
    if (outcome === 'full') {
      return sendError(res, 507, 'The server has no room for more avatars right now (every stored one is in use): try again later, or pick a shipped avatar.');
    }
    const answer: AvatarUploadResponse = { id, url: uploadedAvatarUrl(id), avatarId: `${UPLOADED_AVATAR_PREFIX}${id}` };
    sendJson(res, outcome === 'exists' ? 200 : 201, answer);
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const file = join(uploadDir, `${id}.vrm`);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return sendError(res, 404, 'No avatar with this id.');
    const etag = `"${id}"`;
    const headers = {
      'Content-Type': 'model/gltf-binary',
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: etag,
    };
    void touch(file);
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': info.size });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  return {
    close: () => inspector.close(),
    async handle(req, res, path) {
      if (path === AVATAR_UPLOAD_PATH || path === `${AVATAR_UPLOAD_PATH}/`) {
        if (req.method === 'POST') await upload(req, res);
        else sendError(res, 405, 'Upload avatars with POST.', { Allow: 'POST' });
        return true;
      }
      const match = FILE_PATH.exec(path);
      if (!path.startsWith(`${AVATAR_UPLOAD_PATH}/`)) return false;
      if (!match?.[1]) {
        sendError(res, 404, 'Avatar URLs look like /api/avatars/<64 hex characters>.vrm.');
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        await download(req, res, match[1]);
      } else {
        sendError(res, 405, 'Avatars are read with GET.', { Allow: 'GET, HEAD' });
      }
      return true;
    },
  };
}
