import { TelegramLoginError } from '../errors.js';
import type { TelegramIdTokenClaims } from '../types.js';
import { sha256Base64Url } from './secrets.js';
import type { TelegramAuthStore } from './stores/store.js';

/** Longer than any clock tolerance, so a token is remembered for as long as it can be accepted. */
const MARGIN_SECONDS = 120;

/**
 * Accepts each id_token once across `/verify`, `/exchange` and `/callback`: its hash is remembered
 * until it expires. A token that reached page JavaScript (an XSS, a leaky log) cannot make a second
 * session.
 */
export async function useIdTokenOnce(store: TelegramAuthStore, idToken: string, claims: TelegramIdTokenClaims): Promise<void> {
  const ttl = Math.max(1, claims.exp - Math.floor(Date.now() / 1000) + MARGIN_SECONDS);
  if (!(await store.add(`id-token:${await sha256Base64Url(idToken)}`, '1', ttl))) {
    throw new TelegramLoginError('id_token_invalid', '"id_token" was already used', { reason: 'replayed' });
  }
}
