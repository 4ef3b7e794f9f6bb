import { createExpiringMap } from '../oauth/expiring-map.js';
import { randomToken } from '../oauth/random.js';

/**
 * Bounded, single-use, expiring entries under random keys: the mock's pending consent requests and its
 * authorization codes. A test provider may forget its oldest entries when full (a forgotten code is
 * only a failed login), so the store evicts rather than refuses.
 */
export interface SingleUseStore<T> {
  /** Stores `value` under a new random key and returns the key. */
  issue(value: T): string;
  /**
   * Removes the entry and returns its value; `'expired'` when it outlived its lifetime (remembered for
   * one more lifetime, so the answer can say "expired" rather than "unknown"); `undefined` when unknown
   * or already taken.
   */
  take(key: string): T | 'expired' | undefined;
  readonly size: number;
}

export interface SingleUseStoreOptions {
  /** Lifetime of an entry in milliseconds. */
  ttlMs: number;
  /** Random bytes in a key (32 → 43 base64url characters). */
  keyBytes: number;
  /** Most entries held at once; past it the oldest are forgotten. */
  max: number;
  clock: () => number;
}

export function createSingleUseStore<T>({ ttlMs, keyBytes, max, clock }: SingleUseStoreOptions): SingleUseStore<T> {
  const entries = createExpiringMap<{ value: T; expiresAt: number }>({ max, whenFull: 'evict-oldest', clock });
  return {
    issue(value) {
      const key = randomToken(keyBytes);
      const expiresAt = clock() + ttlMs;
      entries.set(key, { value, expiresAt }, expiresAt + ttlMs);
      return key;
    },
    take(key) {
      const entry = entries.take(key);
      if (!entry) return undefined;
      return entry.expiresAt <= clock() ? 'expired' : entry.value;
    },
    get size() {
      return entries.size;
    },
  };
}
