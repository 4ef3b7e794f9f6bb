import { base64url } from 'jose';
import { checkMax, createExpiringSet } from './expiring-set.js';

/**
 * Where issued nonces wait to be used. `consume` must return true exactly once per issued, unexpired
 * nonce, also across server instances: back it with Redis, a database row or a KV store in production.
 */
export interface NonceStore {
  issue(nonce: string, ttlSeconds: number): void | Promise<void>;
  consume(nonce: string): boolean | Promise<boolean>;
}

export interface MemoryNonceStoreOptions {
  /** Most nonces kept; past it the oldest are forgotten. Default 10 000. */
  max?: number;
  /** Milliseconds since the epoch, for tests. Default `Date.now`. */
  clock?: () => number;
}

/** A fresh, URL-safe nonce: base64url of 32 random bytes (43 characters). */
export function createNonce(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
}

/** Uses up a nonce in `store`: true exactly once per issued, unexpired nonce, false after that. */
export async function consumeNonce(store: NonceStore, nonce: string): Promise<boolean> {
  return (await store.consume(nonce)) === true;
}

/**
 * A nonce store in this process's memory: right for one server process and for tests. It is bounded,
 * so a flood of issued nonces evicts the oldest (put a rate limit in front of the nonce route).
 */
export function createMemoryNonceStore({ max = 10_000, clock = Date.now }: MemoryNonceStoreOptions = {}): NonceStore {
  const nonces = createExpiringSet(checkMax(max), clock);
  return {
    issue(nonce, ttlSeconds) {
      if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new TypeError('"ttlSeconds" must be a positive number');
      nonces.add(nonce, clock() + ttlSeconds * 1000);
    },
    consume: (nonce) => nonces.consume(nonce),
  };
}
