import type { IncomingMessage, ServerResponse } from 'node:http';
import { COLYSEUS_PATH, JoinErrorCode, ROOM_NAME } from '../src/shared/protocol';
import { validateJoinOptions } from '../src/shared/validate';
import { lingerThenClose, sendJson } from './http-util';

/** Matchmaking calls that pick a room by its options (and so by space). */
const JOIN_BY_OPTIONS = new RegExp(`^${COLYSEUS_PATH}/matchmake/(joinOrCreate|join)/${ROOM_NAME}$`);

/** Join options are a few short strings; anything bigger is not a join. */
const MAX_BODY_BYTES = 8 * 1024;

/** Reads a request body up to `limit` bytes; null when it is longer. */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers a refused matchmaking call in Colyseus' own shape, which the SDK turns into a ServerError. */
function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { code: JoinErrorCode.invalidOptions, error: message });
}

/**
 * Validates the options of joinOrCreate/join before Colyseus' matchmaker sees them, and hands it
 * the normalised options (space name folded to lower case, DEFAULT_SPACE when absent). Colyseus'
 * space filter matches any room when the option is missing, so no join may reach it unnamed.
 * Returns true when the request was answered here (refused); false to let Colyseus go on.
 */
export async function gateJoin(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (req.method !== 'POST' || !JOIN_BY_OPTIONS.test(path)) return false;
  const raw = await readBody(req, MAX_BODY_BYTES);
  if (raw === null) {
    refuse(res, 413, `Join options must be under ${MAX_BODY_BYTES} bytes.`);
    lingerThenClose(req);
    return true;
  }
  let parsed: unknown;
  try {
    parsed = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    refuse(res, 400, 'Join options must be JSON.');
    return true;
  }
  const options = validateJoinOptions(parsed);
  if (!options.ok) {
    refuse(res, 400, `Invalid join options: ${options.reason}`);
    return true;
  }
  // Colyseus' router uses an already-read body as it is (see prereadRequestBodies in @colyseus/core).
  (req as IncomingMessage & { body?: unknown }).body = options.value;
  req.headers['content-type'] = 'application/json';
  return false;
}
