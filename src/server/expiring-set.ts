/**
 * A bounded in-memory set whose entries expire: the shared core of the memory nonce store and the
 * memory revocation store. Past `max` entries it forgets expired ones first, then the oldest.
 */
export interface ExpiringSet {
  add(key: string, expiresAt: number): void;
  /** True if `key` is present and unexpired; `consume` also removes it. */
  has(key: string): boolean;
  consume(key: string): boolean;
}

export function checkMax(max: number): number {
  if (!Number.isSafeInteger(max) || max < 1) throw new TypeError('"max" must be a positive integer');
  return max;
}

/** `expiresAt` and `clock()` share one unit (milliseconds). */
export function createExpiringSet(max: number, clock: () => number): ExpiringSet {
  const entries = new Map<string, number>();

  function dropExpired(): void {
    const now = clock();
    for (const [key, expiresAt] of entries) if (expiresAt <= now) entries.delete(key);
  }

  function evict(): void {
    if (entries.size <= max) return;
    dropExpired();
    for (const oldest of entries.keys()) {
      if (entries.size <= max) break;
      entries.delete(oldest);
    }
  }

  return {
    add(key, expiresAt) {
      // Re-adding moves the key to the end, so eviction order stays "least recently added first".
      entries.delete(key);
      entries.set(key, expiresAt);
      evict();
    },
    has(key) {
      const expiresAt = entries.get(key);
      if (expiresAt === undefined) return false;
      if (expiresAt > clock()) return true;
      entries.delete(key);
      return false;
    },
    consume(key) {
      const expiresAt = entries.get(key);
      if (expiresAt === undefined) return false;
      entries.delete(key);
      return expiresAt > clock();
    },
  };
}
