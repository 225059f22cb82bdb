import { request } from 'node:http';
import WebSocket from 'ws';
import { COLYSEUS_PATH, ROOM_NAME } from '../../src/shared/protocol';

/**
 * Requests sent from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo), so a
 * test can be several clients at once; plus headers a browser would send (Origin).
 */

/** What came back. */
export interface FromResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Options of {@link httpFrom}. */
export interface FromOptions {
  method?: string;
  /** Local address to send from, e.g. 127.0.0.2 (default 127.0.0.1). */
  from?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** One HTTP request; the body is parsed as JSON when it is JSON. */
export function httpFrom(url: string, options: FromOptions = {}): Promise<FromResponse> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = request(url, {
      method: options.method ?? 'GET',
      localAddress: options.from ?? '127.0.0.1',
      headers: { ...(body ? { 'Content-Length': String(body.length) } : {}), ...options.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POST joinOrCreate of the space room (a seat reservation) without ever connecting to it. */
export function reserveSeat(baseUrl: string, joinOptions: object, options: Omit<FromOptions, 'method' | 'body'> = {}): Promise<FromResponse> {
  return httpFrom(`${baseUrl}${COLYSEUS_PATH}/matchmake/joinOrCreate/${ROOM_NAME}`, {
    ...options, method: 'POST', headers: { 'Content-Type': 'application/json', ...options.headers }, body: JSON.stringify(joinOptions),
  });
}

/** The seat reservation's room WebSocket URL (`ws://host/colyseus/<processId>/<roomId>?sessionId=…`). */
export function seatSocketUrl(baseUrl: string, seat: { processId: string; roomId: string; sessionId: string }): string {
  return `${baseUrl.replace(/^http/, 'ws')}${COLYSEUS_PATH}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`;
}

/** Opens a WebSocket with `origin`; resolves 'open', or the HTTP status and body that refused the upgrade. */
export function openSocket(url: string, origin?: string): Promise<{ opened: true; socket: WebSocket } | { opened: false; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.once('open', () => resolve({ opened: true, socket }));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body }));
    });
    socket.once('error', (error) => reject(error));
  });
}
