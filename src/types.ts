import type { TelegramLoginError } from './errors.js';

/** Extra permissions to ask for: `write` lets the bot message the user, `phone` shares the number. */
export type RequestAccess = 'write' | 'phone';

/**
 * How a login runs: `library` (Telegram's own script, default), or the standard Authorization Code
 * flow with PKCE run by this SDK, in a `popup` or as a full-page `redirect`; the code flows need
 * your server to exchange the code (Telegram's token endpoint wants the client secret). `bot`: a QR
 * code or deep link to your own bot, confirmed there with a match code (no OAuth client needed).
 */
export type LoginFlow = 'library' | 'popup' | 'redirect' | 'bot';

/**
 * Claims of a Telegram id_token, per scope: `openid` gives `iss`, `aud`, `sub`, `iat`, `exp` (and
 * `nonce` when one was sent); `profile` adds `id`, `name`, `given_name`, `family_name`,
 * `preferred_username`, `picture`; `phone` adds `phone_number`, `phone_number_verified`.
 */
export interface TelegramIdTokenClaims {
  iss: string;
  /** The client id (the bot id), as a string. */
  aud: string;
  /** Opaque and different for every bot: key accounts on it. It is not the Telegram user id. */
  sub: string;
  iat: number;
  exp: number;
  nonce?: string;
  /** The Telegram user id (profile scope): the same id as the legacy widget, Mini Apps and the Bot API. */
  id?: number;
  name?: string;
  given_name?: string;
  family_name?: string;
  preferred_username?: string;
  picture?: string;
  /** Digits without `+` (phone scope). */
  phone_number?: string;
  phone_number_verified?: boolean;
  [claim: string]: unknown;
}

/**
 * Claims decoded in the browser from an id_token that nobody has verified yet. Fine for showing a
 * name; never for deciding who the user is: send the id_token to your server and verify it there.
 */
export type UnverifiedTelegramClaims = Readonly<TelegramIdTokenClaims>;

/** A login through Telegram's library: the id_token still has to be verified by your server. */
export interface TelegramLibraryLoginResult {
  flow: 'library';
  /** The id_token (a JWT). Verify it on your server before trusting anything in it. */
  idToken: string;
  /** The id_token's claims, decoded (UTF-8 correct) but NOT verified. */
  user: UnverifiedTelegramClaims;
}

/** A code-flow login: your server exchanged the code and verified the id_token. */
export interface TelegramCodeLoginResult {
  flow: 'popup' | 'redirect';
  /** The authorization code your `exchange-url` redeemed (single use, already spent). */
  code: string;
  /** The claims your server verified and returned as `user`. */
  user: TelegramIdTokenClaims;
  /** The id_token, when your server returned it. */
  idToken?: string;
  /** Your exchange endpoint's whole JSON answer. */
  response: Record<string, unknown>;
  /** Redirect flow: the page the login started from, to send the user back to. */
  returnTo?: string;
}

/**
 * The user of a session started by the server kit, as its `/session` route answers (the claims of the
 * session without its bookkeeping). Verified by your server.
 */
export interface TelegramSessionUser {
  /** The account key the server kit chose for this user (see docs/server.md). */
  sub?: string;
  /** The Telegram user id. */
  tg_id?: number;
  name?: string;
  preferred_username?: string;
  picture?: string;
  [claim: string]: unknown;
}

/** A bot login: the user confirmed in your bot, and your server has set the session cookie. */
export interface TelegramBotLoginResult {
  flow: 'bot';
  /** The session's user, as your server answered it (the same shape as its `/session` route). */
  user: TelegramSessionUser;
  /** No id_token: your server checked the bot's update itself. (Declared so `result.idToken` reads on any result.) */
  idToken?: undefined;
}

/** A successful login; `flow` tells which kind. */
export type TelegramLoginResult = TelegramLibraryLoginResult | TelegramCodeLoginResult | TelegramBotLoginResult;

/** What an `onauth` callback receives: the result, or `{ error }` when the login did not succeed. */
export type TelegramAuthCallbackData = TelegramLoginResult | { error: TelegramLoginError };

/** Options of `login()`: the same machinery as the element, without the element. */
export interface TelegramLoginOptions {
  /** The bot's client id (numeric, from BotFather). Required, except for `flow: 'bot'`. */
  clientId?: string | number;
  requestAccess?: readonly RequestAccess[];
  /** Language of Telegram's consent page, e.g. `en`, `ru`, `pt-br`. */
  lang?: string;
  /** A server-issued, single-use, URL-safe nonce that the id_token must echo. */
  nonce?: string;
  flow?: LoginFlow;
  /** Code flows: the provider. Default `https://oauth.telegram.org`. */
  issuer?: string;
  /** Code flows: your callback page (same origin, registered in BotFather's Allowed URLs). Default: this page. */
  redirectUri?: string;
  /** Code flows: your server endpoint that exchanges the code (see docs/code-flows.md). Required for them. */
  exchangeUrl?: string;
  /** URL of Telegram's telegram-login.js. Default {@link DEFAULT_LIBRARY_SRC}. */
  librarySrc?: string;
  /** Seconds to wait for telegram-login.js (like the `library-timeout` attribute). Default 10. */
  libraryTimeout?: number;
  /** Seconds before an unanswered login ends with `timeout` and its popup closes (like the `timeout` attribute). Default 300. The bot flow follows the server's request expiry instead. */
  timeout?: number;
  /** Bot flow: the base path of your server kit's routes, on this origin (like the `bot-url` attribute). Default {@link DEFAULT_BOT_URL}. */
  botUrl?: string;
  /** Aborting ends the login with a cancel (`aborted`) and closes its popup. */
  signal?: AbortSignal;
}

/** Telegram's OAuth/OIDC provider. */
export const DEFAULT_ISSUER = 'https://oauth.telegram.org';

/** Telegram's library, hosted by Telegram. */
export const DEFAULT_LIBRARY_SRC = 'https://oauth.telegram.org/js/telegram-login.js?22';

/** Where the bot flow finds the server kit's `/bot/*` routes by default: the handler's default `basePath`. */
export const DEFAULT_BOT_URL = '/auth/telegram';
