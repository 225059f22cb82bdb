import { RedisPresence } from '@colyseus/redis-presence';

/**
 * Colyseus' Redis presence, telling whether both of its connections are up. ioredis reconnects
 * by itself; until it has, matchmaking across processes is off but rooms on a process go on.
 */
export class WatchedRedisPresence extends RedisPresence {
  /** True while the publishing and the subscribing connection are both ready. */
  up(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }
}
