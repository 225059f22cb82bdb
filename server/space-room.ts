import { CloseCode, matchMaker, Room, ServerError, type Client } from '@colyseus/core';
import {
  ErrorCode, JoinErrorCode, Role, ServerMessage, type ErrorPayload, type JoinOptions, type RestartingPayload,
} from '../src/shared/protocol';
import type { ActivityTiming } from '../src/shared/engagement';
import { isPrivateSpace } from '../src/shared/spaces';
import { isClientMessageType, validateClientMessage, validateJoinOptions, type ValidClientMessage } from '../src/shared/validate';
import type { RandomSource } from './activity';
import { applyClientMessage, isPlayerMessage } from './apply-message';
import type { EngagementStore } from './engagement-store';
import type { LocalRooms } from './local-rooms';
import { PRIVATE_SPACE_LABEL } from './space-directory';
import { PlayerSchema, SpaceState } from './schema';
import { createSignalRelay } from './signal-relay';
import { createSpaceEngagement, type SpaceEngagement } from './space-engagement';

/**
 * Close codes that mean the server threw the client out: 4002 for malformed frames and the
 * per-second message cap, 1008/1009 should a transport report a policy or size violation (ws
 * itself cuts an oversized frame's socket, which arrives as 1006 and is treated as a drop).
 * No reconnection window for those.
 */
const KICK_CODES: ReadonlySet<number> = new Set([CloseCode.WITH_ERROR, 1008, 1009]);

/** Tunables of a space room; production uses LIMITS and ACTIVITY_TIMING, tests may shorten them. */
export interface SpaceRoomConfig {
  maxPlayers: number;
  maxSpectators: number;
  maxMessagesPerSecond: number;
  reconnectionWindowSec: number;
  /** The room's clock (ms since epoch): every duration of the activity and the figures reads it. */
  now: () => number;
  activityTiming: ActivityTiming;
  /** How often (real ms) the room advances the activity; each step reads `now()`. */
  activityTickMs: number;
  /** Randomness for round targets. */
  random: RandomSource;
  /** How long a seat reserved by matchmaking waits for its WebSocket before it is freed. */
  seatReservationSec: number;
}

/**
 * The room's matchmaking metadata (shared through the driver with every process): `space` is the
 * filter of joinOrCreate, the rest feeds the lobby list and the front door's /health.
 */
export interface SpaceMetadata {
  space: string;
  /** False for private codes: never in the lobby list. */
  listed: boolean;
  players: number;
  spectators: number;
  maxPlayers: number;
}

/** What a room needs of the process that holds it. */
export interface RoomProcessContext {
  /** How long a shutting-down process waits for its clients to leave before it closes them. */
  drainTimeoutMs: number;
  /** This process's rooms, for /health when the shared driver cannot be read. */
  localRooms: LocalRooms;
}

/** What clients read when their process shuts down (they show their own words). */
const RESTARTING_MESSAGE = 'The server is restarting: join the space again.';

/**
 * Builds the "space" room class for one server instance: config and store are captured here
 * rather than passed as room options, which clients could otherwise override when creating a room.
 */
export function createSpaceRoomType(config: SpaceRoomConfig, store: EngagementStore, host: RoomProcessContext) {
  return class SpaceRoom extends Room<{ state: SpaceState; metadata: SpaceMetadata }> {
    override state = new SpaceState();
    // Headroom over the two role limits: a join past a full role must reach onJoin and get a clear
    // "room full" refusal; at exactly maxClients Colyseus would lock the room and quietly open
    // a second room of the same space instead.
    override maxClients = config.maxPlayers + config.maxSpectators + 16;
    override maxMessagesPerSecond = config.maxMessagesPerSecond;
    // Reserved seats count against maxClients: ones never used must not hold the room for long.
    override seatReservationTimeout = config.seatReservationSec;
    /** Role of every seated session, including those inside their reconnection window. */
    private roles = new Map<string, Role>();
    private guestNumber = 0;
    /** Seats held for dropped clients, so a shutdown can free them. */
    private held = new Map<string, ReturnType<Room['allowReconnection']>>();
    private engagement!: SpaceEngagement;
    /** Voice chat signalling between this room's players, and their blocks. */
    private relay = createSignalRelay();
    /** The space this room is (validated and normalised by the HTTP layer before matchmaking). */
    private space = '';

    override onCreate(rawOptions: unknown): void {
      const options = validateJoinOptions(rawOptions);
      // Matchmaking only reaches here with options the HTTP layer validated; anything else is a bug.
      if (!options.ok) throw new ServerError(JoinErrorCode.invalidOptions, `Invalid join options: ${options.reason}`);
      this.space = options.value.space;
      void this.publishCounts();
      this.engagement = createSpaceEngagement({
        space: this.space, state: this.state, store, timing: config.activityTiming, now: config.now, random: config.random,
      });
      this.clock.setInterval(() => this.engagement.tick(), config.activityTickMs);
      this.onMessage('*', (client: Client, type: string | number, payload: unknown) => {
        this.handleMessage(client, type, payload);
      });
    }

    /** Seats a player or spectator; refuses with a JoinErrorCode when invalid or full. */
    override onJoin(client: Client, rawOptions: unknown): void {
      const options = validateJoinOptions(rawOptions);
      if (!options.ok) throw new ServerError(JoinErrorCode.invalidOptions, `Invalid join options: ${options.reason}`);
      // joinById skips the space filter: a join must name this space when it is private (the code
      // is the only key; /health shows room ids), and may not name another one.
      const named = (rawOptions as { space?: unknown } | undefined)?.space !== undefined;
      if (!named && isPrivateSpace(this.space)) {
        throw new ServerError(JoinErrorCode.invalidOptions, 'This space is private: join it with its code.');
      }
      if (named && options.value.space !== this.space) {
        const which = isPrivateSpace(this.space) ? 'a private space' : `the space '${this.space}'`;
        throw new ServerError(JoinErrorCode.invalidOptions, `This room is ${which}, not '${options.value.space}'.`);
      }
      if (options.value.role === Role.spectator) {
        if (this.countRole(Role.spectator) >= config.maxSpectators) {
          throw new ServerError(JoinErrorCode.spectatorsFull, `Room full: all ${config.maxSpectators} spectator places are taken.`);
        }
        this.roles.set(client.sessionId, Role.spectator);
        void this.publishCounts();
        return;
      }
      if (this.state.players.size >= config.maxPlayers) {
        throw new ServerError(JoinErrorCode.playersFull, `Room full: all ${config.maxPlayers} player places are taken. You can still join as a spectator.`);
      }
      this.roles.set(client.sessionId, Role.player);
      this.state.players.set(client.sessionId, this.newPlayer(client.sessionId, options.value));
      this.engagement.join(client.sessionId);
      void this.publishCounts();
    }

    /** A lost connection keeps the seat for the reconnection window; a kick does not. */
    override onDrop(client: Client, code?: number): void {
      if (!this.roles.has(client.sessionId)) return;
      if (code !== undefined && KICK_CODES.has(code)) {
        this.unseat(client.sessionId);
        return;
      }
      const player = this.state.players.get(client.sessionId);
      if (player) player.connected = false;
      // Rejection (window elapsed, or a shutdown) is answered by Colyseus calling onLeave.
      const seat = this.allowReconnection(client, config.reconnectionWindowSec);
      this.held.set(client.sessionId, seat);
      seat.then(() => this.held.delete(client.sessionId), () => this.held.delete(client.sessionId));
    }

    override onReconnect(client: Client): void {
      const player = this.state.players.get(client.sessionId);
      if (player) player.connected = true;
    }

    override onLeave(client: Client): void {
      this.unseat(client.sessionId);
    }

    override onDispose(): void {
      host.localRooms.delete(this.roomId);
      this.engagement.dispose();
    }

    /**
     * The process is shutting down (Colyseus locked this room already): tell every client to join
     * the space again, which lands elsewhere, and free the seats of dropped ones, whose
     * reconnection would come back here. The room disposes once the last client has left; the
     * server closes whoever is still here after `drainTimeoutMs`.
     */
    override onBeforeShutdown(): void {
      const payload: RestartingPayload = { message: RESTARTING_MESSAGE, closesInMs: host.drainTimeoutMs };
      this.broadcast(ServerMessage.restarting, payload);
      for (const seat of this.held.values()) seat.reject(new Error('the server is restarting'));
    }

    override onUncaughtException(error: Error, methodName: string): void {
      // Refused joins are expected (room full, bad options); the client already got the reason.
      if (error.cause instanceof ServerError) return;
      console.error(`[space ${this.roomId}] ${methodName} failed: ${error.message}`, error.cause ?? '');
    }

    /** Validates and applies one message to the sender's own player; rejects with an error to the sender only. */
    private handleMessage(client: Client, type: string | number, payload: unknown): void {
      const typeName = String(type).slice(0, 64);
      if (!isClientMessageType(type)) {
        this.reject(client, ErrorCode.unknownMessage, typeName, `Unknown message type '${typeName}'.`);
        return;
      }
      const player = this.roles.get(client.sessionId) === Role.player ? this.state.players.get(client.sessionId) : undefined;
      if (!player) {
        this.reject(client, ErrorCode.forbidden, typeName, 'Spectators cannot change the room state.');
        return;
      }
      const result = validateClientMessage(type, payload);
      if (!result.ok) {
        this.reject(client, ErrorCode.invalidPayload, typeName, result.reason);
        return;
      }
      const message = result.value;
      if (message.type === 'signal' || message.type === 'block') {
        this.handleTalk(client, message);
        return;
      }
      if (isPlayerMessage(message)) {
        applyClientMessage(player, message);
        return;
      }
      const refusal = this.engagement.handle(client.sessionId, message);
      if (refusal) this.reject(client, refusal.code, typeName, refusal.message);
    }

    /**
     * Relays a signal to the one player it names, or applies a block. Only seated players with a
     * live connection can be signalled: a spectator has no seat and a dropped player no socket.
     */
    private handleTalk(client: Client, message: Extract<ValidClientMessage, { type: 'signal' | 'block' }>): void {
      const isPlayer = (id: string): boolean => this.roles.get(id) === Role.player && this.state.players.has(id);
      if (message.type === 'block') {
        const refusal = this.relay.block(client.sessionId, message.payload, isPlayer);
        if (refusal) this.reject(client, refusal.code, message.type, refusal.message);
        return;
      }
      const decision = this.relay.signal(client.sessionId, message.payload, (id) => isPlayer(id) && this.clients.get(id) !== undefined);
      if (decision.kind === 'deliver') this.clients.get(decision.to)?.send(ServerMessage.signal, decision.payload);
      else if (decision.kind === 'refuse') this.reject(client, decision.code, message.type, decision.message);
    }

    private reject(client: Client, code: ErrorPayload['code'], type: string, message: string): void {
      const payload: ErrorPayload = { code, type, message };
      client.send(ServerMessage.error, payload);
    }

    private newPlayer(sessionId: string, options: JoinOptions): PlayerSchema {
      const player = new PlayerSchema();
      player.sessionId = sessionId;
      player.displayName = options.displayName ?? `Guest ${++this.guestNumber}`;
      player.avatarId = options.avatarId ?? '';
      player.joinedAt = config.now();
      return player;
    }

    private unseat(sessionId: string): void {
      if (this.roles.get(sessionId) === Role.player) this.engagement.leave(sessionId);
      this.relay.forget(sessionId);
      this.roles.delete(sessionId);
      this.state.players.delete(sessionId);
      void this.publishCounts();
    }

    /** Puts the space and its counts into the matchmaking metadata (lobby list, cluster /health). */
    private publishCounts(): Promise<void> {
      const metadata: SpaceMetadata = {
        space: this.space,
        listed: !isPrivateSpace(this.space),
        players: this.state.players.size,
        spectators: this.countRole(Role.spectator),
        maxPlayers: config.maxPlayers,
      };
      host.localRooms.set({
        roomId: this.roomId, processId: matchMaker.processId, space: metadata.listed ? this.space : PRIVATE_SPACE_LABEL,
        players: metadata.players, spectators: metadata.spectators,
      });
      return this.setMetadata(metadata).catch((error: unknown) => {
        console.error(`[space ${this.roomId}] could not publish its counts:`, error);
      });
    }

    private countRole(role: Role): number {
      let n = 0;
      for (const r of this.roles.values()) if (r === role) n++;
      return n;
    }
  };
}
