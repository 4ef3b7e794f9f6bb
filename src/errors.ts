/**
 * Every failure telegram-login-kit reports, in the browser and on the server, is a
 * `TelegramLoginError` with one of these stable codes. docs/errors.md lists what to do about each.
 */
export const ERROR_CODES = [
  /** The browser blocked the login popup. */
  'popup_blocked',
  /** The user closed the popup, or the bot flow's dialog, before finishing (reported as a cancel). */
  'popup_closed',
  /** No answer within the login timeout. */
  'timeout',
  /** Telegram's library (`library-src`) did not load. */
  'library_load_failed',
  /** A part of telegram-login-kit that loads on demand (a chunk next to the drop-in) did not load; the next click tries again. */
  'chunk_load_failed',
  /** The browser could not reach the site's server (the bot flow's status polls, after a few retries with backoff). */
  'network_error',
  /** The `state` returned to the callback is missing or not the one sent. */
  'state_mismatch',
  /** The user pressed Deny. */
  'access_denied',
  /** The element or `login()` was configured wrongly (for example a non-numeric client id). */
  'invalid_config',
  /** The login was aborted: the element was removed or an AbortSignal fired (reported as a cancel). */
  'aborted',
  /** Another login is already open on this page (Telegram's library runs one at a time). */
  'login_in_progress',
  /** The page's `Cross-Origin-Opener-Policy: same-origin` cuts it off from the login popup. */
  'coop_blocked',
  /** Telegram reported an error this SDK has no code for; `providerError` keeps its text. */
  'provider_error',
  /** The code could not be exchanged for tokens. */
  'token_exchange_failed',
  /** The id_token failed verification; `reason` says which check. */
  'id_token_invalid',
  /** The id_token has expired. */
  'id_token_expired',
  /** The id_token's nonce is missing, not one this server issued, already used, or issued to another browser. */
  'nonce_mismatch',
  /** Telegram's signing keys could not be fetched: network error, timeout or an invalid key set. */
  'jwks_unavailable',
  /** Legacy widget or bot `login_url` data failed its check; `reason` says which (`hash`, `malformed`, `expired`, `future`). */
  'login_widget_invalid',
  /** The request carries no session cookie, or one that is forged, expired or revoked. */
  'session_invalid',
  /** A POST to the server handler came without an `Origin` header or from an origin it does not allow. */
  'origin_not_allowed',
  /** A request to the server handler is malformed: unknown path or method, wrong `Content-Type`, bad or oversized body, missing field. */
  'invalid_request',
  /** The server's store (memory or Redis) failed, timed out or is full: the request is refused, never accepted without its check. */
  'store_unavailable',
  /** Too many requests from one client to a route of the server handler; `Retry-After` says when to try again. */
  'rate_limited',
  /** The server handler failed unexpectedly; details go to the server log only. */
  'server_error',
  /** Bot login: the browser has no login request of its own (no request cookie, an unknown, spent or another request's one). */
  'bot_request_missing',
  /** Bot login: the bot got a start link or button that is malformed, unknown or already used. */
  'bot_payload_invalid',
  /** Bot login: an update was refused: the webhook's secret token is wrong, the update is malformed or replayed, or another Telegram user pressed the button. */
  'bot_update_rejected',
  /** Bot login: the login request expired before it was confirmed in the bot. */
  'expired',
  /** A Bot API call failed: Telegram refused it (`status`, `description`), did not answer in time, or could not be reached. */
  'bot_api_failed',
] as const;

export type TelegramLoginErrorCode = (typeof ERROR_CODES)[number];

export interface TelegramLoginErrorOptions {
  cause?: unknown;
  /** The provider's own error string, when it had one (`access_denied`, `invalid_grant`, …). */
  providerError?: string;
  /** The provider's `error_description`, when it sent one. */
  providerErrorDescription?: string;
  /**
   * Which check failed: for `id_token_invalid` one of `malformed`, `size`, `signature`, `alg`, `kid`,
   * `iss`, `aud`, `iat`, `claims`, `replayed`; for `login_widget_invalid` one of `hash`, `malformed`, `expired`, `future`.
   */
  reason?: string;
}

/** The one error class of telegram-login-kit: branch on `code`, show `message` to developers. */
export class TelegramLoginError extends Error {
  override readonly name = 'TelegramLoginError';
  readonly code: TelegramLoginErrorCode;
  readonly providerError?: string;
  readonly providerErrorDescription?: string;
  readonly reason?: string;

  constructor(code: TelegramLoginErrorCode, message: string, options: TelegramLoginErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.providerError !== undefined) this.providerError = options.providerError;
    if (options.providerErrorDescription !== undefined) this.providerErrorDescription = options.providerErrorDescription;
    if (options.reason !== undefined) this.reason = options.reason;
  }
}

/**
 * An error string from Telegram (a popup's `auth_result`, a redirect's `error`), as a typed error:
 * `access_denied` keeps its meaning, anything else is `provider_error`; both keep Telegram's text.
 */
export function providerErrorFor(error: string, description?: string): TelegramLoginError {
  const options = { providerError: error, ...(description ? { providerErrorDescription: description } : {}) };
  if (error === 'access_denied') return new TelegramLoginError('access_denied', 'the user denied the login', options);
  // The free-text description stays in its own field: servers pass `message` on to browsers.
  return new TelegramLoginError('provider_error', `Telegram reported "${error}"`, options);
}

/**
 * The errors that more than one place raises, each with its one message: the browser flows, the
 * element and the server say the same thing about the same situation.
 */
export const loginErrors = {
  /** The `state` in a callback belongs to no login this browser started. */
  stateMismatch: () =>
    new TelegramLoginError('state_mismatch', 'the "state" in the callback belongs to no login this browser started: it expired (10 minutes), was already used, or was forged'),
  loginInProgress: () => new TelegramLoginError('login_in_progress', 'another Telegram login is already open on this page'),
  popupClosed: () => new TelegramLoginError('popup_closed', 'the login popup was closed before the login finished'),
  neitherCodeNorError: () => new TelegramLoginError('provider_error', 'the callback carried neither "code" nor "error"'),
} as const;

/** Keeps a `TelegramLoginError`; wraps anything else thrown along the way in one with `code`. */
export function toLoginError(error: unknown, code: TelegramLoginErrorCode): TelegramLoginError {
  if (error instanceof TelegramLoginError) return error;
  return new TelegramLoginError(code, error instanceof Error ? error.message : String(error), { cause: error });
}

export function isTelegramLoginError(value: unknown): value is TelegramLoginError {
  return value instanceof TelegramLoginError;
}
