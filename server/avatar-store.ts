import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  AVATAR_UPLOAD_PATH, UPLOADED_AVATAR_PREFIX, uploadedAvatarUrl, type AvatarUploadResponse,
} from '../src/shared/avatar-upload';
import { LIMITS } from '../src/shared/protocol';
import { inspectVrmGlb } from './glb';
import { lingerThenClose, sendError, sendJson } from './http-util';

/** Upload (POST) and download (GET) of player avatars, stored by sha256 in one directory. */
export interface AvatarStore {
  /** Answers requests under AVATAR_UPLOAD_PATH; returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

const FILE_PATH = new RegExp(`^${AVATAR_UPLOAD_PATH}/([0-9a-f]{64})\\.vrm$`);
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

/** Creates the store; `uploadDir` is created on first use. */
export function createAvatarStore(uploadDir: string, maxBytes: number = LIMITS.avatarUploadMaxBytes): AvatarStore {
  const ready = mkdir(uploadDir, { recursive: true });

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
    const inspection = inspectVrmGlb(body);
    if (!inspection.ok) return sendError(res, 400, inspection.reason);

    const id = createHash('sha256').update(body).digest('hex');
    const target = join(uploadDir, `${id}.vrm`);
    await ready;
    const exists = await stat(target).then(() => true, () => false);
    if (!exists) {
      // Write then rename: a concurrent reader never sees half a file.
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, body);
      await rename(temp, target);
    }
    const answer: AvatarUploadResponse = { id, url: uploadedAvatarUrl(id), avatarId: `${UPLOADED_AVATAR_PREFIX}${id}` };
    sendJson(res, exists ? 200 : 201, answer);
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
