import { WebSocket as NodeWebSocket } from 'ws';

/**
 * @colyseus/core 0.18 checks `client.readyState !== WebSocket.OPEN` while a client reconnects
 * (Room._onJoin), reading the *global* WebSocket. Node 20 has none (Node 22 does), so without
 * this every reconnection fails with "WebSocket is not defined". Installing ws' class, which
 * shares the standard readyState constants, fixes that; on Node ≥ 22 nothing changes.
 */
export function ensureWebSocketGlobal(): void {
  const scope = globalThis as { WebSocket?: unknown };
  if (typeof scope.WebSocket === 'undefined') scope.WebSocket = NodeWebSocket;
}
