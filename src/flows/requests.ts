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

export type LoginRequest = LibraryLoginRequest | CodeLoginRequest;
