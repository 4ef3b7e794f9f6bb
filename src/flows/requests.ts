import type { RequestAccess } from '../types.js';

/** What every validated login carries (see `normalizeLoginOptions`). */
interface CommonLoginRequest {
  clientId: string;
  lang?: string;
  nonce?: string;
  /** Milliseconds before an unanswered login ends with `timeout`. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A login through Telegram's library, validated. */
export interface LibraryLoginRequest extends CommonLoginRequest {
  flow: 'library';
  requestAccess: readonly RequestAccess[];
  /** Absolute URL of telegram-login.js. */
  librarySrc: string;
  /** Milliseconds to wait for telegram-login.js. */
  libraryTimeoutMs: number;
}

/** A code-flow login (Authorization Code + PKCE), validated. */
export interface CodeLoginRequest extends CommonLoginRequest {
  flow: 'popup' | 'redirect';
  /** Space-separated OIDC scopes. */
  scope: string;
  authorizationEndpoint: string;
  redirectUri: string;
  exchangeUrl: string;
}

/** A bot login (deep link or QR code, confirmed in the site's bot), validated. */
export interface BotLoginRequest extends CommonLoginRequest {
  flow: 'bot';
  /** Absolute URL of the server kit's base path on this origin, without a trailing slash. */
  botUrl: string;
}

/** The logins that run without a dialog of the element's: Telegram's popup or a redirect. */
export type OAuthLoginRequest = LibraryLoginRequest | CodeLoginRequest;

export type LoginRequest = OAuthLoginRequest | BotLoginRequest;
