import { TelegramLoginError } from '../errors.js';
import type { HttpError } from '../oauth/http-error.js';
import type { TelegramAuthRequestInfo } from './client-ip.js';
import { pollBotUpdates, type PollBotUpdatesOptions } from './bot/poller.js';
import { handleBotUpdate, type BotUpdateResult } from './bot/updates.js';
import { botOf, resolveContext, type HandlerContext, type LoginMethod, type TelegramAuthHandlerOptions } from './handler-options.js';
import { badRequest, errorResponse, htmlErrorResponse, refuseCrossSiteSubresource, RequestAbortedError, requireSameOriginFetch, toHttpError, withSecurityHeaders } from './http.js';
import { callbackRoute, loginRoute, transactionCookie } from './routes/redirect.js';
import { exchangeRoute } from './routes/code.js';
import { emit } from './routes/complete-login.js';
import { RateLimitedError, type RateLimitedRoute } from './rate-limit.js';
import { issueNonceRoute, verifyRoute } from './routes/library.js';
import { botCancelRoute, botStartRoute } from './routes/bot-start.js';
import { botStatusRoute } from './routes/bot-status.js';
import { botWebhookRoute } from './routes/bot-webhook.js';
import { logoutRoute, sessionRoute } from './routes/session.js';
import { recordAborted, requestLogLine, writeRequestLog } from './request-log.js';
import type { Session } from './session.js';

export type { AuthEvent, BotDenial, LoginMethod, TelegramAuthHandlerOptions } from './handler-options.js';
export type { TelegramAuthRequestInfo } from './client-ip.js';
export type { RequestLog } from './request-log.js';

/**
 * A Fetch-API handler: `(request, info?) => response`, with the session reader for your other routes.
 * `info.remoteAddress` is the connection's address, for rate limits (`toNodeListener` passes it).
 */
export interface TelegramAuthHandler {
  (request: Request, info?: TelegramAuthRequestInfo): Promise<Response>;
  /** The request's session, or null when its cookie is missing, forged, expired or revoked. */
  getSession(request: Request): Promise<Session | null>;
  /** Ends every session of this user (`session.user.sub`), on every instance that shares the store. */
  revokeUser(sub: string): Promise<void>;
  /** The path prefix the handler answers under, without a trailing slash. */
  readonly basePath: string;
  /**
   * Bot login: acts on one Bot API update if it is the kit's (`/start tlk_…`, a `tlk:` button) and
   * resolves with `handled: false` for any other, which your bot code then handles. Needs `bot`.
   */
  handleBotUpdate(update: unknown): Promise<BotUpdateResult>;
  /**
   * Bot login without a webhook: long-polls `getUpdates` and hands each update to `handleBotUpdate`,
   * the rest to `onUpdate`, until `signal` aborts. For development and CI; production uses the webhook.
   */
  pollBotUpdates(options?: PollBotUpdatesOptions): Promise<void>;
}

type Run = (ctx: HandlerContext, request: Request, url: URL) => Promise<Response>;

const noBot = (method: string) => new TypeError(`auth.${method}() needs the handler's "bot" option: createTelegramAuthHandler({ bot: { token, username }, … })`);

interface Route {
  run: Run;
  /** Failures are reported to `onEvent` as `login_failed` with this method. */
  login?: LoginMethod;
  /** A browser lands here: failures render a page instead of JSON. */
  page?: boolean;
  /** Counted against this rate limit (see `rateLimits`). */
  limit?: RateLimitedRoute;
  /** Only with this login method configured; 404 otherwise. */
  needs?: 'oidc' | 'bot';
  /** A POST that does not come from a page (Telegram's webhook): no Origin check, its own authentication. */
  crossSite?: boolean;
  /**
   * A GET only the site's own script fetches (`fetch`), or one a browser navigates to from any site
   * (`navigation`); `what` names it in the refusal. Checked, like the Origin of a POST, before the
   * rate limit counts the request: another site's requests from a visitor's browser (an attacker's
   * page full of images) must not spend that visitor's limit.
   */
  caller?: { only: 'fetch' | 'navigation'; what: string };
}

// Maps, not object literals: a method called "constructor" or "__proto__" must find nothing.
const ROUTES: ReadonlyMap<string, ReadonlyMap<string, Route>> = new Map([
  ['/nonce', new Map<string, Route>([['GET', { run: issueNonceRoute, limit: 'nonce', needs: 'oidc', caller: { only: 'fetch', what: 'a nonce' } }]])],
  ['/verify', new Map<string, Route>([['POST', { run: verifyRoute, login: 'id_token', limit: 'verify', needs: 'oidc' }]])],
  ['/exchange', new Map<string, Route>([['POST', { run: exchangeRoute, login: 'code', limit: 'exchange', needs: 'oidc' }]])],
  ['/login', new Map<string, Route>([['GET', { run: loginRoute, limit: 'login', needs: 'oidc', caller: { only: 'navigation', what: 'the login' } }]])],
  [
    '/callback',
    new Map<string, Route>([['GET', { run: callbackRoute, login: 'server_redirect', page: true, limit: 'callback', needs: 'oidc', caller: { only: 'navigation', what: 'the callback' } }]]),
  ],
  ['/session', new Map<string, Route>([['GET', { run: sessionRoute }]])],
  ['/logout', new Map<string, Route>([['POST', { run: logoutRoute }]])],
  ['/bot/start', new Map<string, Route>([['POST', { run: botStartRoute, limit: 'botStart', needs: 'bot' }]])],
  ['/bot/status', new Map<string, Route>([['GET', { run: botStatusRoute, login: 'bot', limit: 'botStatus', needs: 'bot', caller: { only: 'fetch', what: 'the bot login status' } }]])],
  ['/bot/cancel', new Map<string, Route>([['POST', { run: botCancelRoute, needs: 'bot' }]])],
  ['/bot/webhook', new Map<string, Route>([['POST', { run: botWebhookRoute, needs: 'bot', crossSite: true }]])],
] satisfies [string, Map<string, Route>][]);

const NEEDS = {
  oidc: '"clientId", "clientSecret" and "redirectUri" (Telegram\'s login)',
  bot: 'the "bot" option (bot login)',
} as const;

function findRoute(ctx: HandlerContext, request: Request, url: URL): Route {
  const methods = url.pathname.startsWith(`${ctx.basePath}/`) ? ROUTES.get(url.pathname.slice(ctx.basePath.length)) : undefined;
  if (!methods) throw badRequest(`no route for "${url.pathname}"`, 404);
  const route = methods.get(request.method);
  if (!route) throw badRequest(`${request.method} is not allowed on "${url.pathname}"`, 405, { Allow: [...methods.keys()].join(', ') });
  if (route.needs && !ctx[route.needs]) throw badRequest(`"${url.pathname}" needs ${NEEDS[route.needs]}, which this handler was not given`, 404);
  return route;
}

function requireOrigin(ctx: HandlerContext, request: Request): void {
  const origin = request.headers.get('origin');
  if (!origin) throw new TelegramLoginError('origin_not_allowed', 'missing "Origin" header');
  if (!ctx.allowedOrigins.has(origin)) {
    throw new TelegramLoginError('origin_not_allowed', `origin "${origin}" is not allowed: add it to the handler's "allowedOrigins"`);
  }
}

/** The path under `basePath`, as events name a route. */
const routePath = (ctx: HandlerContext, url: URL) => url.pathname.slice(ctx.basePath.length);

async function failed(ctx: HandlerContext, route: Route, url: URL, failure: HttpError): Promise<Response> {
  const at = new Date();
  if (failure instanceof RateLimitedError) {
    await emit(ctx, { type: 'rate_limited', route: routePath(ctx, url), clientIp: failure.clientIp, retryAfterSeconds: failure.retryAfterSeconds, at });
  }
  if (failure.code === 'store_unavailable') await emit(ctx, { type: 'store_unavailable', route: routePath(ctx, url), at });
  if (route.login) await emit(ctx, { type: 'login_failed', method: route.login, code: failure.code as TelegramLoginError['code'], at });
  if (!route.page) return errorResponse(failure);
  // The transaction is single use: a failed callback cannot be retried with it.
  return htmlErrorResponse(failure, new Headers({ ...failure.headers, 'Set-Cookie': transactionCookie(ctx, '', 0) }));
}

async function runRoute(ctx: HandlerContext, route: Route, request: Request, url: URL, info: TelegramAuthRequestInfo): Promise<Response> {
  try {
    if (request.method === 'POST' && !route.crossSite) requireOrigin(ctx, request);
    if (route.caller?.only === 'fetch') requireSameOriginFetch(request, route.caller.what);
    if (route.caller?.only === 'navigation') refuseCrossSiteSubresource(request, route.caller.what);
    if (route.limit) await ctx.rateLimiter.check(route.limit, url.pathname, request, info);
    return await route.run(ctx, request, url);
  } catch (error) {
    // Nobody is left to answer, and nothing failed: no event, no log.
    if (error instanceof RequestAbortedError) return recordAborted(new Response(null, { status: 400 }));
    return failed(ctx, route, url, toHttpError(error));
  }
}

/**
 * A ready Fetch-API handler for Telegram login under `basePath`: `GET /nonce`, `POST /verify`,
 * `POST /exchange`, `GET /login`, `GET /callback`, `GET /session`, `POST /logout`, and with `bot`
 * `POST /bot/start`, `GET /bot/status`, `POST /bot/cancel`, `POST /bot/webhook`. Mount it in any
 * runtime with Request/Response (Node via `toNodeListener`, Deno, Bun, Workers).
 */
export function createTelegramAuthHandler(options: TelegramAuthHandlerOptions): TelegramAuthHandler {
  const ctx = resolveContext(options);
  async function respond(request: Request, url: URL, info: TelegramAuthRequestInfo): Promise<Response> {
    let route: Route;
    try {
      route = findRoute(ctx, request, url);
    } catch (error) {
      return withSecurityHeaders(errorResponse(toHttpError(error)));
    }
    return withSecurityHeaders(await runRoute(ctx, route, request, url, typeof info === 'object' && info !== null ? info : {}));
  }
  async function handle(request: Request, info: TelegramAuthRequestInfo = {}): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    const response = await respond(request, url, info);
    if (ctx.log) writeRequestLog(ctx.log, requestLogLine(request.method, url.pathname, response, performance.now() - started));
    return response;
  }
  return Object.assign(handle, {
    getSession: (request: Request) => ctx.sessions.getSession(request),
    revokeUser: (sub: string) => ctx.sessions.revokeUser(sub),
    basePath: ctx.basePath,
    handleBotUpdate: (update: unknown) => (ctx.bot ? handleBotUpdate(ctx, update) : Promise.reject(noBot('handleBotUpdate'))),
    pollBotUpdates: (options?: PollBotUpdatesOptions) =>
      ctx.bot ? pollBotUpdates(botOf(ctx).settings.api, (update, signal) => handleBotUpdate(ctx, update, { signal }), options) : Promise.reject(noBot('pollBotUpdates')),
  });
}
