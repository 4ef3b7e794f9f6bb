import type { TelegramLoginErrorCode } from '../errors.js';
import { createBotContext, type BotContext } from './bot/context.js';
import type { BotLoginOptions } from './bot/options.js';
import type { ClientIpResolver } from './client-ip.js';
import { cookieNames, type CookieNames } from './cookies.js';
import type { ExchangeCodeOptions } from './exchange-code.js';
import { createNonceManagerWithKeys, type NonceManager } from './nonce.js';
import { createCookieKeys, type CookieKeys, type SessionSecret } from './secrets.js';
import { checkClientIp, createRateLimiter, resolveRateLimits, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { createSessionManagerWithKeys, type SessionClaimsHook, type SessionManager } from './session.js';
import { guardStore } from './stores/guarded.js';
import { createMemoryStore } from './stores/memory.js';
import type { RequestLog } from './request-log.js';
import type { TelegramAuthStore } from './stores/store.js';
import { safeReturnTo } from './transaction.js';
import type { VerifyIdTokenOptions } from './verify-id-token.js';
import {
  checkAlgorithms,
  checkBasePath,
  checkClientId,
  checkClientSecret,
  checkOrigin,
  checkRedirectUri,
  checkUrl,
  loopbackTwins,
  normalizeIssuer,
  ownOptions,
  shown,
  type IdTokenAlgorithm,
} from './validate.js';

/** How a login reached the handler: `/verify` (library flow), `/exchange` (browser code flow), `/login` + `/callback`, bot login (`/bot/status`). */
export type LoginMethod = 'id_token' | 'code' | 'server_redirect' | 'bot';

/** Why a bot login was denied: the user pressed "Not me", or a code that is not the one the site shows. */
export type BotDenial = 'not_me' | 'wrong_code';

/**
 * What `onEvent` receives: for audit logs and metrics. `route` is the path under `basePath`
 * (`/verify`); `clientIp` is what the `clientIp` option gave for the request.
 */
export type AuthEvent =
  | { type: 'login'; method: LoginMethod; sub: string; at: Date }
  | { type: 'login_failed'; method: LoginMethod; code: TelegramLoginErrorCode; at: Date }
  | { type: 'logout'; sub: string; at: Date }
  | { type: 'rate_limited'; route: string; clientIp: string; retryAfterSeconds: number; at: Date }
  | { type: 'store_unavailable'; route: string; at: Date }
  | { type: 'bot_login_started'; requestId: string; at: Date }
  | { type: 'bot_login_approved'; requestId: string; sub: string; tgId: number; at: Date }
  | { type: 'bot_login_denied'; requestId: string; reason: BotDenial; tgId: number; at: Date }
  | { type: 'bot_login_expired'; requestId: string; at: Date }
  | { type: 'bot_login_cancelled'; requestId: string; at: Date }
  | { type: 'bot_update_refused'; code: TelegramLoginErrorCode; reason: string; updateId: number; tgId?: number; at: Date };

export interface TelegramAuthHandlerOptions {
  /** Your bot's numeric client id. Telegram's login (OIDC) needs it with `clientSecret` and `redirectUri`; a bot-only site leaves all three out. */
  clientId?: string | number;
  /** The Client Secret from BotFather → Bot Settings → Web Login (not the bot token). */
  clientSecret?: string;
  /** Default `https://oauth.telegram.org`. */
  issuer?: string;
  /** Default `${issuer}/.well-known/jwks.json`. */
  jwksUri?: string;
  /** Default `${issuer}/token`. */
  tokenEndpoint?: string;
  /** The algorithm chosen in BotFather. Default `['RS256']`. */
  algorithms?: IdTokenAlgorithm[];
  /**
   * The site's callback URL for the code flows, exactly as listed in the bot's Allowed URLs. https,
   * or http on localhost/127.0.0.1/[::1]; it also decides the cookies: https → `Secure`, `__Host-` names.
   * Required with `clientId`; a bot-only site gives `allowedOrigins` instead.
   */
  redirectUri?: string;
  /**
   * Origins allowed to POST to the handler. Default: the origin of `redirectUri`. A loopback http
   * origin (here or by default) allows both spellings, `localhost` and `127.0.0.1`, on its port. Without `redirectUri` (a bot-only site) it is required, and its first entry is the
   * site: it decides the cookies (https → `Secure`, `__Host-` names) and names the site in the bot.
   */
  allowedOrigins?: string[];
  /** Default `/auth/telegram`. */
  basePath?: string;
  session: {
    /** At least 32 characters (or bytes); a list rotates secrets (the first signs, all are accepted). */
    secret: SessionSecret | readonly SessionSecret[];
    /** Default 900. */
    ttlSeconds?: number;
    /**
     * Default `tlk_session`; on https the name always gets the `__Host-` prefix. The other cookies are
     * this name plus `_tx` (redirect flow) and `_nonce_…` (nonce binding).
     */
    cookieName?: string;
    claims?: SessionClaimsHook;
  };
  /**
   * Where nonces, used tokens, revocations and rate-limit counters live. Default: a memory store (one
   * process); several instances share `createRedisStore` from `telegram-login-kit/server/redis`.
   */
  store?: TelegramAuthStore;
  /**
   * Requests per client and window on `/nonce`, `/verify`, `/exchange`, `/login` and `/callback`,
   * counted in the store (so across instances): `429 rate_limited` with `Retry-After` past them.
   * Default per minute: nonce 120, verify 30, exchange 30, login 60, callback 30. `false` turns them
   * all off; `{ verify: false }` one of them.
   */
  rateLimits?: RateLimitOptions;
  /**
   * The client's address for rate limits. Default: the connection's address (`toNodeListener` passes
   * it; on other runtimes pass `{ remoteAddress }` as the handler's second argument), and none for a
   * loopback or private one, a proxy's. Behind a proxy: `forwardedForClientIp({ proxies: 1 })`.
   */
  clientIp?: ClientIpResolver;
  /**
   * `/exchange` answers with the id_token too. Off by default: page JavaScript does not need it, and
   * a token that reaches the page is one an XSS could steal.
   */
  returnIdToken?: boolean;
  /** Errors it throws are logged and otherwise ignored. */
  onEvent?: (event: AuthEvent) => void | Promise<void>;
  /**
   * A request log: called with one line per request, such as
   * `POST /auth/telegram/verify 400 nonce_mismatch 3ms "nonce" claim is unknown, expired or already used`
   * (method, path, status, `ok` or the error code, time, and a failure's message). Never the query, a
   * header, a cookie, a body or a token. `log: console.log` is enough. Off by default.
   */
  log?: RequestLog;
  /** Where the redirect flow lands when `/login` got no usable `returnTo`. Default `/`. */
  returnTo?: string;
  /** For the token request and the Bot API. Default the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Bot login: a deep link or QR code to your own bot, confirmed there with a match code; adds the
   * `/bot/*` routes, `auth.handleBotUpdate` and `auth.pollBotUpdates`. See docs/bot-login.md.
   */
  bot?: BotLoginOptions;
}

/** Telegram's login (OIDC): the library flow, the code flows and the server-side redirect flow. */
export interface OidcSettings {
  clientId: string;
  clientSecret: string;
  issuer: string;
  jwksUri: string | undefined;
  tokenEndpoint: string | undefined;
  algorithms: IdTokenAlgorithm[];
  /** As configured: Telegram compares redirect URIs as strings. */
  redirectUri: string;
  /** verifyIdToken's options for this site, one object for every token (it caches what they resolve to). */
  idToken: Readonly<VerifyIdTokenOptions>;
}

export interface HandlerContext {
  /** Undefined on a bot-only site: the OIDC routes answer 404. */
  oidc: OidcSettings | undefined;
  /** Undefined without the `bot` option: the `/bot/*` routes answer 404. */
  bot: BotContext | undefined;
  allowedOrigins: ReadonlySet<string>;
  basePath: string;
  returnTo: string;
  /** https site: `Secure` cookies with `__Host-` names. */
  secure: boolean;
  cookies: CookieNames;
  keys: CookieKeys;
  sessions: SessionManager;
  nonces: NonceManager;
  store: TelegramAuthStore;
  rateLimiter: RateLimiter;
  returnIdToken: boolean;
  onEvent: TelegramAuthHandlerOptions['onEvent'];
  log: RequestLog | undefined;
  fetch: typeof fetch | undefined;
}

function checkLog(value: unknown): RequestLog | undefined {
  if (value === undefined || typeof value === 'function') return value as RequestLog | undefined;
  throw new TypeError(`"log" must be a function that takes a line, such as console.log, got ${shown(value)}`);
}

function resolveOidc(options: TelegramAuthHandlerOptions): OidcSettings {
  const clientId = checkClientId(options.clientId);
  const clientSecret = checkClientSecret(options.clientSecret);
  checkRedirectUri(options.redirectUri);
  const issuer = normalizeIssuer(options.issuer);
  const jwksUri = options.jwksUri === undefined ? undefined : checkUrl(options.jwksUri, 'jwksUri');
  const algorithms = checkAlgorithms(options.algorithms);
  return {
    clientId,
    clientSecret,
    issuer,
    jwksUri,
    tokenEndpoint: options.tokenEndpoint === undefined ? undefined : checkUrl(options.tokenEndpoint, 'tokenEndpoint'),
    algorithms,
    redirectUri: options.redirectUri as string,
    idToken: Object.freeze({ clientId, issuer, jwksUri, algorithms: Object.freeze([...algorithms]) as IdTokenAlgorithm[] }),
  };
}

/**
 * The site's origin: the redirect URI's, or on a bot-only site the first allowed origin. https, or
 * http on loopback only: it decides whether cookies are `Secure` with `__Host-` names.
 */
function siteOrigin(options: TelegramAuthHandlerOptions, oidc: boolean): URL {
  if (oidc || options.redirectUri !== undefined) return new URL(checkRedirectUri(options.redirectUri).origin);
  const first = Array.isArray(options.allowedOrigins) ? options.allowedOrigins[0] : undefined;
  if (first === undefined) {
    throw new TypeError(`"allowedOrigins" is required for a bot-only site (no "redirectUri"): list your site's origin, like ['https://example.com']; the first one decides the cookies (https: Secure, __Host- names), got ${shown(options.allowedOrigins)}`);
  }
  return checkRedirectUri(checkOrigin(first, 'allowedOrigins[0]'), 'allowedOrigins[0]');
}

export function resolveContext(given: TelegramAuthHandlerOptions): HandlerContext {
  const options = ownOptions(given, 'createTelegramAuthHandler');
  const wantsOidc = options.clientId !== undefined || options.clientSecret !== undefined;
  if (!wantsOidc && options.bot === undefined) {
    throw new TypeError('createTelegramAuthHandler needs a login method: "clientId", "clientSecret" and "redirectUri" for Telegram\'s login, or "bot": { token, username } for bot login, or both');
  }
  const oidc = wantsOidc ? resolveOidc(options) : undefined;
  if (typeof options.session !== 'object' || options.session === null) {
    throw new TypeError(`"session" must be an object like { secret: process.env.SESSION_SECRET }, got ${shown(options.session)}`);
  }
  const session = ownOptions(options.session, '"session"');
  const site = siteOrigin(options, wantsOidc);
  const secure = site.protocol === 'https:';
  const returnTo = safeReturnTo(options.returnTo ?? '/');
  if (returnTo === undefined) throw new TypeError(`"returnTo" must be a path on this site, starting with a single "/", got ${shown(options.returnTo)}`);
  const store = guardStore(options.store ?? createMemoryStore());
  const bot = options.bot === undefined ? undefined : createBotContext(options.bot, site.host, store, options.fetch);
  const botId = bot === undefined ? undefined : String(bot.settings.botId);
  if (oidc && botId !== undefined && oidc.clientId !== botId) {
    throw new TypeError(`"bot.token" belongs to bot ${botId} but "clientId" is ${oidc.clientId}: a bot's Client ID is its id, so use the token of the same bot`);
  }
  const rateLimiter = createRateLimiter(resolveRateLimits(options.rateLimits), store, checkClientIp(options.clientIp));
  const keys = createCookieKeys(session.secret, 'session.secret');
  const sessions = createSessionManagerWithKeys(
    {
      ttlSeconds: session.ttlSeconds,
      cookieName: session.cookieName,
      claims: session.claims,
      secret: session.secret,
      secure,
      store,
      issuer: site.origin,
      audience: oidc?.clientId ?? botId!,
    },
    keys,
  );
  return {
    oidc,
    bot,
    allowedOrigins: new Set(options.allowedOrigins === undefined ? loopbackTwins(site.origin) : options.allowedOrigins.flatMap((entry) => loopbackTwins(checkOrigin(entry)))),
    basePath: checkBasePath(options.basePath ?? '/auth/telegram'),
    returnTo,
    secure,
    cookies: cookieNames(sessions.cookieName),
    keys,
    sessions,
    nonces: createNonceManagerWithKeys(keys, store),
    store,
    rateLimiter,
    returnIdToken: options.returnIdToken === true,
    onEvent: options.onEvent,
    log: checkLog(options.log),
    fetch: options.fetch,
  };
}

/** The OIDC settings for a route that needs them (the handler routes only OIDC requests to such routes). */
export function oidcOf(ctx: HandlerContext): OidcSettings {
  if (!ctx.oidc) throw new TypeError('this route needs "clientId", "clientSecret" and "redirectUri"');
  return ctx.oidc;
}

/** The bot settings for a route that needs them. */
export function botOf(ctx: HandlerContext): BotContext {
  if (!ctx.bot) throw new TypeError('this route needs the "bot" option');
  return ctx.bot;
}

export function exchangeOptions(ctx: HandlerContext, code: string, codeVerifier: string): ExchangeCodeOptions {
  const oidc = oidcOf(ctx);
  return {
    code,
    codeVerifier,
    redirectUri: oidc.redirectUri,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    issuer: oidc.issuer,
    jwksUri: oidc.jwksUri,
    tokenEndpoint: oidc.tokenEndpoint,
    algorithms: oidc.algorithms,
    fetch: ctx.fetch,
  };
}
