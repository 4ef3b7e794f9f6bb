import { decodeBase64Url, encodeBase64Url } from '../oauth/base64url.js';
import { randomToken } from '../oauth/random.js';
import { createCookieKeys, sha256Base64Url, type CookieKeys, type SessionSecret } from './secrets.js';
import { checkTtlSeconds, type TelegramAuthStore } from './stores/store.js';
import { guardStore } from './stores/guarded.js';
import { ownOptions } from './validate.js';

/** Seconds an issued nonce stays usable. */
export const NONCE_TTL_SECONDS = 600;
// What a nonce is bound to when no browser secret was given.
const UNBOUND = '-';
// <16 random bytes>.<expiry, base 36 seconds>.<16-byte HMAC>: URL-safe, as Telegram's library needs.
const NONCE_FORMAT = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/;
const encoder = new TextEncoder();

/** What using a nonce found: it worked; it is unknown (malformed, expired, used); or it is not this browser's (or not this server's). */
export type NonceUse = 'ok' | 'unknown' | 'other_browser';

export interface NonceManager {
  /**
   * A fresh single-use nonce. With a `binding` (a secret the browser holds, e.g. in an HttpOnly
   * cookie) only that browser can use it. Nothing is stored: the nonce carries its expiry and an
   * HMAC over its binding, so issuing cannot fill the store.
   */
  issue(options?: { binding?: string; ttlSeconds?: number }): Promise<string>;
  /** Uses a nonce up: atomic in the store, so of two racing requests (even on two instances) one wins. */
  use(nonce: unknown, binding?: string): Promise<NonceUse>;
  /** True exactly once per issued, unexpired nonce presented with its binding. */
  consume(nonce: unknown, options?: { binding?: string }): Promise<boolean>;
}

export interface NonceManagerOptions {
  /** Keys the nonces' HMAC: a string of 32+ characters, or a list (the first signs, all are accepted). */
  secret: SessionSecret | readonly SessionSecret[];
  /** Where used nonces are remembered until they expire. */
  store: TelegramAuthStore;
}

// Imported once per key: importing costs as much as the HMAC itself.
const hmacKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function hmacKey(key: Uint8Array): Promise<CryptoKey> {
  let imported = hmacKeys.get(key);
  if (!imported) {
    imported = crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(key, imported);
  }
  return imported;
}

async function mac(key: Uint8Array, random: string, expiry: string, binding: string): Promise<string> {
  const hmac = await hmacKey(key);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, encoder.encode(`${random}.${expiry}.${binding}`)));
  return encodeBase64Url(signature.slice(0, 16));
}

/** Compares two MACs in constant time (byte by byte, no early exit). */
function sameMac(a: string, b: string): boolean {
  const left = decodeBase64Url(a);
  const right = decodeBase64Url(b);
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left[index]! ^ right[index]!;
  return difference === 0;
}

/** For the handler: the same manager on the keys it already derived from `session.secret`. */
export function createNonceManagerWithKeys(keys: CookieKeys, store: TelegramAuthStore): NonceManager {
  const bindingOf = (binding: string | undefined) => (binding === undefined ? Promise.resolve(UNBOUND) : sha256Base64Url(binding));
  const manager: NonceManager = {
    async issue({ binding, ttlSeconds = NONCE_TTL_SECONDS } = {}) {
      const random = randomToken(16);
      const expiry = (Math.floor(Date.now() / 1000) + checkTtlSeconds(ttlSeconds)).toString(36);
      const [key] = await keys.nonce();
      return `${random}.${expiry}.${await mac(key!, random, expiry, await bindingOf(binding))}`;
    },
    async use(nonce, binding) {
      const parts = typeof nonce === 'string' ? NONCE_FORMAT.exec(nonce) : null;
      if (!parts) return 'unknown';
      const [, random, expiry, given] = parts as unknown as [string, string, string, string];
      const secondsLeft = parseInt(expiry, 36) - Math.floor(Date.now() / 1000);
      if (!(secondsLeft > 0)) return 'unknown';
      // A spent nonce says so (its binding cookie is gone by then); a forged or foreign one never costs a write.
      if ((await store.get(`nonce-used:${random}`)) !== undefined) return 'unknown';
      const bound = await bindingOf(binding);
      let matches = false;
      for (const key of await keys.nonce()) if (sameMac(await mac(key, random, expiry, bound), given)) matches = true;
      if (!matches) return 'other_browser';
      return (await store.add(`nonce-used:${random}`, '1', secondsLeft)) ? 'ok' : 'unknown';
    },
    consume: async (nonce, { binding } = {}) => (await manager.use(nonce, binding)) === 'ok',
  };
  return manager;
}

/**
 * Nonces for the library flow: issued without touching the store (each carries its expiry and an
 * HMAC binding it to a browser), used once through the store.
 */
export function createNonceManager(options: NonceManagerOptions): NonceManager {
  const { secret, store } = ownOptions(options, 'createNonceManager');
  return createNonceManagerWithKeys(createCookieKeys(secret, 'secret'), guardStore(store));
}
