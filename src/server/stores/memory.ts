import { TelegramLoginError } from '../../errors.js';
import { createExpiringMap, ExpiringMapFullError, type ExpiringMap } from '../../oauth/expiring-map.js';
import { checkTtlSeconds, type TelegramAuthStore } from './store.js';

export interface MemoryStoreOptions {
  /**
   * Most live entries. Default 100 000. When it is reached, the store forgets nothing before it
   * expires (a forgotten revocation would let a logged-out session back in): writes of new keys fail
   * with `store_unavailable` until entries expire. Size it for your traffic, or use Redis. Two kinds
   * are kept apart, up to the same number each, and there the oldest make room for new ones:
   * rate-limit counters, and entries added as `evictable` (bot login requests, which anyone can
   * create), so that neither can crowd out a revocation.
   */
  maxEntries?: number;
  /** Milliseconds since the epoch, for tests. Default `Date.now`. */
  clock?: () => number;
}

function full(cause: unknown): TelegramLoginError {
  return new TelegramLoginError('store_unavailable', 'the memory store is full: raise "maxEntries" or use a shared store such as Redis', { cause });
}

/**
 * The default store: this process's memory. Right for one server process and for tests; several
 * instances behind a load balancer need a shared store (`createRedisStore`).
 */
export function createMemoryStore({ maxEntries = 100_000, clock = Date.now }: MemoryStoreOptions = {}): TelegramAuthStore {
  const entries: ExpiringMap<string> = createExpiringMap({ max: maxEntries, whenFull: 'refuse', clock });
  // Entries the kit can lose (a flood of bot login requests): they make room for each other only.
  const evictable: ExpiringMap<string> = createExpiringMap({ max: maxEntries, whenFull: 'evict-oldest', clock });
  // A forgotten counter only lets one client start its window over: counters make room, never refuse,
  // so a flood of client addresses cannot stop the rate-limited routes.
  const counters: ExpiringMap<number> = createExpiringMap({ max: maxEntries, whenFull: 'evict-oldest', clock });
  const expiry = (ttlSeconds: number) => clock() + checkTtlSeconds(ttlSeconds) * 1000;

  function guard<T>(write: () => T): Promise<T> {
    try {
      return Promise.resolve(write());
    } catch (error) {
      return Promise.reject(error instanceof ExpiringMapFullError ? full(error) : error);
    }
  }

  // A key lives in one of the two maps: `add` looks at both, and a `set` moves it to `entries`.
  return {
    add: (key, value, ttlSeconds, options) =>
      guard(() => {
        const until = expiry(ttlSeconds);
        if (options?.evictable === true) return entries.get(key) === undefined && evictable.add(key, value, until);
        return evictable.get(key) === undefined && entries.add(key, value, until);
      }),
    set: (key, value, ttlSeconds) =>
      guard(() => {
        entries.set(key, value, expiry(ttlSeconds));
        evictable.delete(key);
      }),
    get: async (key) => entries.get(key) ?? evictable.get(key),
    take: async (key) => entries.take(key) ?? evictable.take(key),
    delete: async (key) => {
      entries.delete(key);
      evictable.delete(key);
    },
    increment: (key, windowSeconds) =>
      guard(() => {
        checkTtlSeconds(windowSeconds, 'windowSeconds');
        const count = (counters.get(key) ?? 0) + 1;
        const left = counters.expiresIn(key);
        const expiresAt = left === undefined ? expiry(windowSeconds) : clock() + left;
        counters.set(key, count, expiresAt);
        return { count, resetSeconds: Math.max(1, Math.ceil((expiresAt - clock()) / 1000)) };
      }),
  };
}
