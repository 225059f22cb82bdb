/** How a failed join or reconnection should be reported and handled. */
export type JoinFailure =
  | { readonly kind: 'room_full' }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

const GATEWAY_STATUSES = new Set([0, 502, 503, 504]);

/**
 * Classifies an error thrown by the SDK's matchmaking calls. Network failures carry a string code
 * (ECONNREFUSED), none at all (browser fetch TypeError), or a proxy's gateway status.
 */
export function classifyJoinError(error: unknown): JoinFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (/\bfull\b|maxClients|max(imum)? (players|clients|spectators)/i.test(message)) return { kind: 'room_full' };
  if (typeof code !== 'number' || GATEWAY_STATUSES.has(code) || /fetch|network|ECONN|socket/i.test(message)) {
    return { kind: 'unreachable', message: message || 'server unreachable' };
  }
  return { kind: 'error', message };
}
