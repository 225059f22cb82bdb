import { matchMaker } from '@colyseus/core';
import { ROOM_NAME } from '../src/shared/protocol';
import { DEFAULT_SPACE, SPACE_LIST_MAX, type SpaceSummary } from '../src/shared/spaces';
import type { LocalRooms } from './local-rooms';
import type { SpaceMetadata } from './space-room';

/** How /health names a private space: its code is the only key to it, so it is never shown. */
export const PRIVATE_SPACE_LABEL = '(private)';

/** One room as /health lists it. */
export interface HealthRoom {
  roomId: string;
  processId: string;
  space: string;
  players: number;
  spectators: number;
}

/**
 * Every live space room, read from Colyseus' matchmaking driver: the local driver knows this
 * process's rooms, the Redis driver every process's, so one answer covers a whole cluster.
 */
export interface SpaceDirectory {
  /**
   * Every room (private ones included) for /health, with the clients they hold. When the driver
   * does not answer within `timeoutMs` (Redis away), this process's own rooms, marked `local`.
   */
  rooms(timeoutMs?: number): Promise<{ rooms: HealthRoom[]; clients: number; local?: true }>;
  /** Public spaces for the lobby: the fullest first, the default space always present. */
  publicSpaces(maxPlayers: number): Promise<SpaceSummary[]>;
}

/** How long /health waits for the shared driver before it answers with this process's rooms. */
const DRIVER_TIMEOUT_MS = 500;

/** Reads the driver's room listings; `local` is what this process knows without it. */
export function createSpaceDirectory(local: LocalRooms): SpaceDirectory {
  const listings = async () => {
    const found = await matchMaker.query({ name: ROOM_NAME });
    return found.flatMap((room) => {
      const metadata = room.metadata as Partial<SpaceMetadata> | undefined;
      return typeof metadata?.space === 'string' ? [{ room, metadata: metadata as SpaceMetadata }] : [];
    });
  };
  return {
    async rooms(timeoutMs = DRIVER_TIMEOUT_MS) {
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref());
      const all = await Promise.race([listings(), timeout]).catch(() => null);
      if (all === null) {
        const rooms = local.list();
        return { rooms, clients: rooms.reduce((sum, r) => sum + r.players + r.spectators, 0), local: true };
      }
      return {
        rooms: all.map(({ room, metadata }) => ({
          roomId: room.roomId, processId: room.processId, space: metadata.listed ? metadata.space : PRIVATE_SPACE_LABEL,
          players: metadata.players, spectators: metadata.spectators,
        })),
        clients: all.reduce((sum, { room }) => sum + room.clients, 0),
      };
    },
    async publicSpaces(maxPlayers) {
      const spaces = (await listings())
        .filter(({ metadata }) => metadata.listed)
        .map(({ metadata }): SpaceSummary => ({
          space: metadata.space, players: metadata.players, spectators: metadata.spectators,
          maxPlayers: metadata.maxPlayers, full: metadata.players >= metadata.maxPlayers,
        }));
      if (!spaces.some((s) => s.space === DEFAULT_SPACE)) {
        spaces.push({ space: DEFAULT_SPACE, players: 0, spectators: 0, maxPlayers, full: false });
      }
      const rank = (s: SpaceSummary) => (s.space === DEFAULT_SPACE ? Infinity : s.players + s.spectators / 1000);
      return spaces.sort((a, b) => rank(b) - rank(a) || a.space.localeCompare(b.space)).slice(0, SPACE_LIST_MAX);
    },
  };
}
