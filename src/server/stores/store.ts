/**
 * Where the server kit keeps every piece of state it needs between requests: nonces (with the hash of
 * the browser they were issued to), used id_tokens, revoked sessions, per-user revocation times and
 * rate-limit counters — and, in later versions, bot login requests and step-up challenges. One store
 * for everything, so that one shared backend (Redis) makes every server instance agree.
 *
 * Keys are short ASCII strings chosen by the kit (`nonce:…`, `revoked:…`); values are strings; every
 * entry has a TTL in whole seconds (≥ 1) and is gone after it. Implementations must make `add` and
 * `take` atomic: two instances racing for one nonce must see exactly one winner.
 */
export interface TelegramAuthStore {
  /** Sets `key` only when it does not exist (Redis `SET key value NX EX ttl`); true when it was set. */
  add(key: string, value: string, ttlSeconds: number, options?: StoreAddOptions): Promise<boolean>;
  /** Sets `key`, replacing any value and TTL (`SET key value EX ttl`). */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** The live value of `key`, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Reads and deletes `key` in one step (`GETDEL`): of two concurrent takes, one gets the value. */
  take(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /**
   * Adds one to a counter that starts at 1 and expires `windowSeconds` after its first increment
   * (`INCR` + `EXPIRE … NX`). Returns the count and the seconds until the window resets.
   */
  increment(key: string, windowSeconds: number): Promise<{ count: number; resetSeconds: number }>;
}

/** How the kit asks `add` to keep an entry. */
export interface StoreAddOptions {
  /**
   * The entry may be forgotten before its TTL when the store runs out of room. The kit says so only
   * of what it can lose without harm and what anyone can create without logging in: a bot login
   * request (its browser then hears that the request is gone). Never of a revocation or a single-use
   * marker, which must outlive their TTL's reason. A store may ignore it: the memory store keeps such
   * entries apart and lets the oldest make room; Redis leaves memory to its operator.
   */
  evictable?: boolean;
}

/** Throws a `TypeError` unless `ttl` is a whole number of seconds ≥ 1 (Redis refuses anything else). */
export function checkTtlSeconds(ttl: number, name = 'ttlSeconds'): number {
  if (!Number.isSafeInteger(ttl) || ttl < 1) throw new TypeError(`"${name}" must be a whole number of seconds ≥ 1, got ${String(ttl)}`);
  return ttl;
}
