import type { HealthRoom } from './space-directory';

/**
 * The rooms this process holds, as they last published their counts: what /health still knows
 * when the shared matchmaking driver (Redis) cannot be read. Made per server, never module-wide.
 */
export interface LocalRooms {
  /** Records (or updates) a room; `room.space` is already the label /health shows. */
  set(room: HealthRoom): void;
  delete(roomId: string): void;
  list(): HealthRoom[];
}

/** An empty registry. */
export function createLocalRooms(): LocalRooms {
  const rooms = new Map<string, HealthRoom>();
  return {
    set: (room) => void rooms.set(room.roomId, room),
    delete: (roomId) => void rooms.delete(roomId),
    list: () => [...rooms.values()],
  };
}
