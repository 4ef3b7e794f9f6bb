/**
 * `telegram-login-kit/server`: code for the site's server (Node ≥ 20 or any Fetch-API runtime).
 * So far it carries the shared error type and the claim types; `verifyIdToken`, `exchangeCode`,
 * nonces, the legacy widget check and the ready-made handler are the next milestone (see the README).
 */
export { ERROR_CODES, isTelegramLoginError, TelegramLoginError, type TelegramLoginErrorCode, type TelegramLoginErrorOptions } from '../errors.js';
export type { TelegramIdTokenClaims, UnverifiedTelegramClaims } from '../types.js';
