import { Client, CloseCode, type Room } from '@colyseus/sdk';
import { ClientMessage, ROOM_NAME, Role, ServerMessage, type ClientPayloads, type ErrorPayload, type JoinOptions, type SyncedSpaceState } from '../shared/protocol';
import { IDLE_ACTIVITY, type AppStore } from '../state';
import { backoffDelayMs, classifyJoinError, DEFAULT_BACKOFF, type BackoffPolicy } from './reconnect-policy';
import { createBlockSync, type BlockSync } from './block-sync';
import { createOutbox, type Outbox, type SendFn } from './outbox';
import { createRoomSignals, type RoomSignals } from './signal-channel';
import { systemClock, type SenderClock } from './throttled-sender';
import { mapRoomState, type MappedState } from './state-mapper';

/** Options of `createRoomClient`. */
export interface RoomClientOptions {
  /** Colyseus endpoint, e.g. '/colyseus' in the browser or 'http://127.0.0.1:2567/colyseus'. */
  readonly endpoint: string;
  readonly store: AppStore;
  readonly role: Role;
  /** The space to join (a validated name, see src/shared/validate.ts); absent: the default space. */
  readonly space?: string;
  readonly backoff?: BackoffPolicy;
  /** Clock of the send throttles and of activity phase stamps; a simulator passes a virtual one. */
  readonly clock?: SenderClock;
  /**
   * A connection silent this long (no pong, no patch; real ms) is taken for dead and replaced, as
   * a radio link that went quiet would otherwise hold the socket for minutes. Default
   * {@link SILENCE_MS}: past the server's own cut (two missed 3 s pings), so the seat is held by then.
   */
  readonly silenceMs?: number;
}

/** Default of RoomClientOptions.silenceMs. */
export const SILENCE_MS = 12_000;

/** A connection to the shared room that mirrors it into the store. */
export interface RoomClient {
  /** Joins (or rejoins after a failure). Resolves once joined or the failure is in the store. */
  connect(): Promise<void>;
  /** Leaves for good; cancels a join or reconnection in flight. */
  leave(): Promise<void>;
  /**
   * Sends a one-off command (the group activity's start, decline, score). Returns false when it
   * could not go out (not joined, or a spectator), so the caller can say so.
   */
  command: SendCommand;
  /**
   * Voice chat signalling with the other players (a player's only; a spectator's sends nothing).
   * Signals queued when the connection drops are dropped with it.
   */
  readonly signals: RoomSignals;
}

/** Sends a command message; false when not connected as a player. */
export type SendCommand = <K extends 'activity' | 'activityScore'>(type: K, payload: ClientPayloads[K]) => boolean;

/**
 * Pings `joined` a few times per `silenceMs`; once nothing (pong or patch) was heard for that
 * long, closes it with MAY_TRY_RECONNECT, which the SDK reports at once as a drop.
 */
function watchSilence(joined: Room, silenceMs: number): { heard(): void; stop(): void } {
  let heardAt = Date.now();
  const heard = (): void => void (heardAt = Date.now());
  const timer = setInterval(() => {
    if (Date.now() - heardAt <= silenceMs) return joined.ping(heard);
    clearInterval(timer);
    joined.connection.close(CloseCode.MAY_TRY_RECONNECT, 'no answer from the server');
  }, Math.max(100, silenceMs / 4));
  return { heard, stop: () => clearInterval(timer) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates a room client. Nothing happens until `connect()`; each client owns one SDK Client. */
export function createRoomClient(options: RoomClientOptions): RoomClient {
  const { store, role } = options;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const client = new Client(options.endpoint);
  let room: Room | null = null;
  let token: string | null = null;
  let closed = false;
  /** The server said it is restarting: the next drop is a move, not a loss. */
  let restarting = false;
  let generation = 0;
  let mapped: MappedState = { peers: {}, poses: {}, activity: IDLE_ACTIVITY };

  const send: SendFn = (type, payload) => {
    if (room && role === Role.player) room.send(type, payload);
  };
  const clock = options.clock ?? systemClock;
  const outbox: Outbox | null = role === Role.player ? createOutbox(store, send, clock) : null;
  const blocks: BlockSync | null = role === Role.player ? createBlockSync(store, send) : null;
  const signalling = createRoomSignals(clock);

  const joinOptions = (): JoinOptions => {
    const { self } = store.getState();
    const space = options.space === undefined ? {} : { space: options.space };
    return role === Role.player ? { role, ...space, displayName: self.name, avatarId: self.avatarId } : { role, ...space };
  };

  /** Wires a joined room into the store; resolves once its state is in the store. */
  const attach = (joined: Room): Promise<void> => {
    room = joined;
    token = joined.reconnectionToken;
    joined.reconnection.enabled = false; // our own loop below reports attempts and falls back to a fresh join
    const ownId = role === Role.player ? joined.sessionId : null;
    let synced = false;
    let markSynced: () => void = () => undefined;
    const whenSynced = new Promise<void>((resolve) => (markSynced = resolve));
    const sync = (state: unknown): void => {
      mapped = mapRoomState(state as SyncedSpaceState, ownId, mapped, options.clock ? clock.now() : Date.now());
      store.applyPeers(mapped.peers);
      store.applyPoses(mapped.poses);
      store.applyActivity(mapped.activity);
      // 'connected' (and the own session id) only once the room's full state is here: for a
      // player, once it lists the player itself; the state arrives just after the join resolves.
      if (synced || (ownId !== null && mapped.ownJoinedAt === undefined)) return;
      synced = true;
      store.setSessionId(ownId, mapped.ownJoinedAt ?? null);
      store.setConnection({ kind: 'connected', sessionId: joined.sessionId });
      // Only now are the store's peers this room's sessions, which the blocks are sent for.
      blocks?.resync();
      markSynced();
    };
    const watchdog = watchSilence(joined, options.silenceMs ?? SILENCE_MS);
    joined.onStateChange((state: unknown) => {
      watchdog.heard();
      sync(state);
    });
    joined.onMessage(ServerMessage.error, (payload: ErrorPayload) => {
      if (payload.type === ClientMessage.signal) signalling.refused(payload);
      else store.reportError(payload);
    });
    // The process is going away: its seat goes with it, so leave now and join the space afresh
    // (on a cluster that lands on a live process; on one server it waits for the restart).
    joined.onMessage(ServerMessage.restarting, () => {
      if (room !== joined || closed) return;
      restarting = true;
      token = null;
      void joined.leave(true).catch(() => undefined);
    });
    joined.onLeave((code: number) => {
      watchdog.stop();
      if (room !== joined) return;
      room = null;
      signalling.attach(null);
      if (closed || (code === 4000 && !restarting)) store.setConnection({ kind: 'left' });
      else void reconnectLoop();
    });
    restarting = false;
    outbox?.resync();
    if (role === Role.player) signalling.attach(joined);
    return whenSynced;
  };

  /**
   * Gets back in after a drop: the old seat while the server may still hold it, else a fresh join
   * of the same space (the outbox re-sends this device's state). A refused connection is probed
   * every `probeDelayMs`; a server that answers and refuses is backed off exponentially.
   */
  const reconnectLoop = async (): Promise<void> => {
    const myGeneration = ++generation;
    const droppedAt = Date.now();
    const probeDelayMs = policy.probeDelayMs ?? DEFAULT_BACKOFF.probeDelayMs ?? 500;
    const giveUpAfterMs = policy.giveUpAfterMs ?? DEFAULT_BACKOFF.giveUpAfterMs ?? 120_000;
    let refusals = 0;
    const cause = restarting ? { cause: 'restarting' as const } : {};
    let delay = restarting ? 0 : backoffDelayMs(1, policy);
    for (let attempt = 1; refusals < policy.maxAttempts && Date.now() - droppedAt < giveUpAfterMs; attempt++) {
      store.setConnection({ kind: 'reconnecting', attempt, nextDelayMs: delay, retryAtMs: Date.now() + delay, ...cause });
      await sleep(delay);
      if (closed || myGeneration !== generation) return;
      const withToken = token !== null && Date.now() - droppedAt < policy.seatWindowMs;
      try {
        const joined = withToken && token ? await client.reconnect(token) : await client.joinOrCreate(ROOM_NAME, joinOptions());
        if (closed || myGeneration !== generation) return void joined.leave(true);
        return await attach(joined);
      } catch (error) {
        const failure = classifyJoinError(error);
        if (failure.kind === 'room_full') return store.setConnection(failure);
        if (failure.kind === 'unreachable') {
          delay = probeDelayMs;
        } else if (withToken) {
          // The server is back but the seat is gone (restarted, or its process died): join afresh now.
          token = null;
          delay = 0;
        } else {
          delay = backoffDelayMs(++refusals + 1, policy);
        }
      }
    }
    store.setConnection({ kind: 'unreachable', message: `gave up after ${Math.round((Date.now() - droppedAt) / 1000)} s` });
  };

  return {
    async connect() {
      if (room) return;
      closed = false;
      const myGeneration = ++generation;
      store.setConnection({ kind: 'connecting' });
      try {
        const joined = await client.joinOrCreate(ROOM_NAME, joinOptions());
        if (closed || myGeneration !== generation) return void (await joined.leave(true));
        await attach(joined);
      } catch (error) {
        if (myGeneration === generation && !closed) store.setConnection(classifyJoinError(error));
      }
    },
    command(type, payload) {
      if (!room || role !== Role.player) return false;
      room.send(type, payload);
      return true;
    },
    signals: signalling.signals,
    async leave() {
      closed = true;
      generation++;
      outbox?.dispose();
      blocks?.dispose();
      signalling.dispose();
      const current = room;
      room = null;
      store.setConnection({ kind: 'left' });
      if (current) await current.leave(true).catch(() => undefined);
    },
  };
}
