import { randomToken } from '../oauth/random.js';
import { constantTimeEqual, sha256Base64Url } from './secrets.js';
import { checkTtlSeconds, type TelegramAuthStore } from './stores/store.js';

/** Seconds an issued nonce stays usable. */
export const NONCE_TTL_SECONDS = 600;
// A nonce issued without a browser binding (for callers that bind it some other way).
const UNBOUND = '-';
const NONCE_FORMAT = /^[A-Za-z0-9_-]{43}$/;

const nonceKey = (nonce: string) => `nonce:${nonce}`;

export interface IssueNonceOptions {
  /**
   * A secret of the browser that asks (the handler keeps one in an HttpOnly cookie): only a browser
   * presenting the same secret can use the nonce. Only its SHA-256 is stored.
   */
  binding?: string;
  /** Default 600. */
  ttlSeconds?: number;
}

/** Issues a fresh single-use nonce (43 URL-safe characters) into `store`. */
export async function issueNonce(store: TelegramAuthStore, { binding, ttlSeconds = NONCE_TTL_SECONDS }: IssueNonceOptions = {}): Promise<string> {
  const nonce = randomToken();
  const value = binding === undefined ? UNBOUND : await sha256Base64Url(binding);
  if (!(await store.add(nonceKey(nonce), value, checkTtlSeconds(ttlSeconds)))) throw new Error('nonce collision: the random source is broken');
  return nonce;
}

/** What using a nonce found: it worked, it is unknown (never issued, expired, used), or it belongs to another browser. */
export type NonceUse = 'ok' | 'unknown' | 'other_browser';

/**
 * Uses up a nonce: atomic, so of two requests racing with the same nonce, even on two instances
 * sharing the store, one wins. A nonce bound to a browser is used up even when the binding is wrong.
 */
export async function useNonce(store: TelegramAuthStore, nonce: unknown, binding?: string): Promise<NonceUse> {
  if (typeof nonce !== 'string' || !NONCE_FORMAT.test(nonce)) return 'unknown';
  const stored = await store.take(nonceKey(nonce));
  if (stored === undefined) return 'unknown';
  if (stored === UNBOUND) return 'ok';
  return binding !== undefined && constantTimeEqual(stored, await sha256Base64Url(binding)) ? 'ok' : 'other_browser';
}

/** True exactly once per issued, unexpired nonce (presented with its browser's binding, when it has one). */
export async function consumeNonce(store: TelegramAuthStore, nonce: string, { binding }: { binding?: string } = {}): Promise<boolean> {
  return (await useNonce(store, nonce, binding)) === 'ok';
}
