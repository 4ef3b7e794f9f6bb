import type { TelegramLoginError } from './errors.js';

/** Extra permissions to ask for: `write` lets the bot message the user, `phone` shares the number. */
export type RequestAccess = 'write' | 'phone';

/** How a login runs: Telegram's own library in a popup (default). */
export type LoginFlow = 'library';

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

/** A successful login. */
export interface TelegramLoginResult {
  /** The id_token (a JWT). Verify it on your server before trusting anything in it. */
  idToken: string;
  /** The id_token's claims, decoded (UTF-8 correct) but NOT verified. */
  user: UnverifiedTelegramClaims;
}

/** What an `onauth` callback receives: the result, or `{ error }` when the login did not succeed. */
export type TelegramAuthCallbackData = TelegramLoginResult | { error: TelegramLoginError };

/** Options of `login()`: the same machinery as the element, without the element. */
export interface TelegramLoginOptions {
  /** The bot's client id (numeric, from BotFather). */
  clientId: string | number;
  requestAccess?: readonly RequestAccess[];
  /** Language of Telegram's consent page, e.g. `en`, `ru`, `pt-br`. */
  lang?: string;
  /** A server-issued, single-use, URL-safe nonce that the id_token must echo. */
  nonce?: string;
  flow?: LoginFlow;
  /** URL of Telegram's telegram-login.js. Default {@link DEFAULT_LIBRARY_SRC}. */
  librarySrc?: string;
  /** Milliseconds to wait for telegram-login.js. Default 10 000. */
  libraryTimeout?: number;
  /** Milliseconds before an unanswered login ends with `timeout` and its popup closes. Default 300 000. */
  timeout?: number;
  /** Aborting ends the login with a cancel (`aborted`) and closes its popup. */
  signal?: AbortSignal;
}

/** Telegram's library, hosted by Telegram. */
export const DEFAULT_LIBRARY_SRC = 'https://oauth.telegram.org/js/telegram-login.js?22';
