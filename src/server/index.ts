/**
 * `telegram-login-kit/server`: code for the site's server, on Node ≥ 20 or any Fetch-API runtime
 * (Deno, Bun, Cloudflare Workers). WebCrypto and fetch only; `toNodeListener` adapts the handler to
 * `node:http` and Express without importing Node at runtime.
 */
export { ERROR_CODES, isTelegramLoginError, TelegramLoginError, type TelegramLoginErrorCode, type TelegramLoginErrorOptions } from '../errors.js';
export type { TelegramIdTokenClaims, UnverifiedTelegramClaims } from '../types.js';
export { DEFAULT_ISSUER } from '../types.js';
export { verifyIdToken, ID_TOKEN_ALGORITHMS, MAX_ID_TOKEN_LENGTH, type IdTokenAlgorithm, type VerifyIdTokenOptions } from './verify-id-token.js';
export { exchangeCode, type ExchangeCodeOptions, type ExchangeCodeResult } from './exchange-code.js';
export { createNonceManager, NONCE_TTL_SECONDS, type NonceManager, type NonceManagerOptions, type NonceUse } from './nonce.js';
export { createMemoryStore, type MemoryStoreOptions } from './stores/memory.js';
export type { StoreAddOptions, TelegramAuthStore } from './stores/store.js';
export {
  verifyLoginWidget,
  LOGIN_WIDGET_FIELDS,
  type LoginWidgetData,
  type TelegramWidgetUser,
  type VerifyLoginWidgetOptions,
} from './login-widget.js';
export {
  createSessionManager,
  type IssuedSession,
  type Session,
  type SessionClaimsHook,
  type SessionManager,
  type SessionIssueOptions,
  type SessionManagerOptions,
  type SessionUser,
} from './session.js';
export {
  createTelegramAuthHandler,
  type AuthEvent,
  type BotDenial,
  type LoginMethod,
  type RequestLog,
  type TelegramAuthHandler,
  type TelegramAuthHandlerOptions,
} from './handler.js';
export { forwardedForClientIp, type ClientIpResolver, type TelegramAuthRequestInfo } from './client-ip.js';
export { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimitedRoute, type RateLimitOptions } from './rate-limit.js';
export { toNodeListener, type NodeHandler, type NodeListener, type NodeListenerOptions, type NodeRequest, type NodeResponse } from './node.js';
export type { SessionSecret } from './secrets.js';
export type { BotLoginOptions } from './bot/options.js';
export { BOT_LOGIN_LANGUAGES, type BotLoginTexts, type BotLoginTextOverrides } from './bot/texts/index.js';
export type { BotRefusal, BotUpdateResult } from './bot/update-result.js';
export type { PollBotUpdatesOptions } from './bot/poller.js';
export { BotApiError, type BotApiFailure } from './bot/api-client.js';
export type { BotApiUpdate, BotApiUser, BotApiMessage, BotApiCallbackQuery } from './bot/api-types.js';
