import { RedisPresence } from '@colyseus/redis-presence';

/**
 * Colyseus' Redis presence, telling whether both of its connections are up. ioredis reconnects
 * by itself; until it has, matchmaking across processes is off but rooms on a process go on.
 */
export class WatchedRedisPresence extends RedisPresence {
  private wasDown = false;

  /** True while the publishing and the subscribing connection are both ready. */
  up(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /**
   * Calls `onBack` each time Redis answers again after it was lost (a restarted Redis may have
   * lost every listing: the caller puts this process's back).
   */
  watch(onBack: () => void, log: (line: string) => void = console.log): void {
    this.pub.on('close', () => {
      if (this.wasDown) return;
      this.wasDown = true;
      log('[redis] connection lost: rooms here go on; matchmaking across processes waits for it');
    });
    this.pub.on('ready', () => {
      if (!this.wasDown) return;
      this.wasDown = false;
      log('[redis] connection back: republishing this process\'s rooms');
      onBack();
    });
  }
}
