import { TelegramLoginError } from '../errors.js';
import { decodeJwtPayload } from '../oauth/jwt.js';
import type { UnverifiedTelegramClaims } from '../types.js';

/**
 * Decodes an id_token's claims in the browser, UTF-8 correct (Telegram's library uses a bare `atob`,
 * which garbles non-ASCII names). Decoding is not verification: see `verifyIdToken` on the server.
 */
export function decodeIdTokenClaims(idToken: string): UnverifiedTelegramClaims {
  try {
    return decodeJwtPayload(idToken) as UnverifiedTelegramClaims;
  } catch (cause) {
    throw new TelegramLoginError('id_token_invalid', 'the id_token is not a well-formed JWT', { cause, reason: 'malformed' });
  }
}
