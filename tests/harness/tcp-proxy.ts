import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a local server, so a test can do to connections what a network does:
 * cut them, delay them, or stall them for a while.
 */
export interface TcpProxy {
  readonly port: number;
  /** Destroys every open connection through the proxy (both sides), without a closing handshake. */
  dropAll(): void;
  /** Delays every byte (and every close) by `ms` in each direction, on open and new connections. */
  setLatency(ms: number): void;
  /**
   * Holds every byte and every close of the connections open now, both ways, for `ms`, then lets
   * them through in order, as a radio link that goes quiet and comes back does. New connections
   * pass. Resolves when the stall ends.
   */
  stallOpen(ms: number): Promise<void>;
  /** Connections open now. */
  openCount(): number;
  close(): Promise<void>;
}

/** One direction of a connection: actions run in order, each no earlier than its due time. */
interface Lane {
  push(action: () => void): void;
  stallUntil(atMs: number): void;
}

function createLane(latencyMs: () => number): Lane {
  const queue: Array<{ dueMs: number; action: () => void }> = [];
  let stalledUntilMs = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = (): void => {
    timer = undefined;
    const now = Date.now();
    while (queue.length > 0 && (queue[0]?.dueMs ?? 0) <= now && stalledUntilMs <= now) queue.shift()?.action();
    const next = queue[0];
    if (next) timer = setTimeout(run, Math.max(next.dueMs, stalledUntilMs) - now);
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    run();
  };
  return {
    push(action) {
      queue.push({ dueMs: Date.now() + latencyMs(), action });
      schedule();
    },
    stallUntil(atMs) {
      stalledUntilMs = Math.max(stalledUntilMs, atMs);
      schedule();
    },
  };
}

/** Starts a proxy on 127.0.0.1 (a free port) forwarding to `targetPort` on 127.0.0.1. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const lanes = new Set<Lane>();
  let latencyMs = 0;
  const track = (socket: Socket): void => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  /** Forwards `from` to `to` through a lane: data as it comes, then the close. */
  const link = (from: Socket, to: Socket): Lane => {
    const lane = createLane(() => latencyMs);
    lanes.add(lane);
    from.on('data', (chunk: Buffer) => lane.push(() => void to.write(chunk)));
    from.on('close', () => lane.push(() => {
      to.destroy();
      lanes.delete(lane);
    }));
    return lane;
  };
  const server = createServer((incoming) => {
    const outgoing = connect(targetPort, '127.0.0.1');
    track(incoming);
    track(outgoing);
    link(incoming, outgoing);
    link(outgoing, incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no port');
  return {
    port: address.port,
    dropAll() {
      for (const socket of open) socket.resetAndDestroy();
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    stallOpen(ms) {
      const until = Date.now() + ms;
      for (const lane of lanes) lane.stallUntil(until);
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
    openCount: () => open.size,
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
