import { providerErrorFor, TelegramLoginError, type TelegramLoginErrorCode } from '../errors.js';
import type { TelegramIdTokenClaims } from '../types.js';
import { readCookie, serializeCookie, wantsSecureCookie } from './cookies.js';
import { exchangeCode, type ExchangeCodeOptions } from './exchange-code.js';
import { badRequest, errorResponse, htmlErrorResponse, HttpError, jsonResponse, readJsonObject, statusFor } from './http.js';
import { createMemoryNonceStore, createNonce, type NonceStore } from './nonce.js';
import { createSessionManager, secretKey, type RevocationStore, type Session, type SessionClaimsHook, type SessionManager } from './session.js';
import { codeChallenge, createTransaction, openTransaction, safeReturnTo, sealTransaction, TRANSACTION_TTL_SECONDS } from './transaction.js';
import { checkAlgorithms, checkUrl, normalizeIssuer, verifyIdToken, type IdTokenAlgorithm } from './verify-id-token.js';

/** How a login reached the handler: `/verify` (library flow), `/exchange` (browser code flow), `/login` + `/callback`. */
export type LoginMethod = 'id_token' | 'code' | 'redirect';

/** What `onEvent` receives: for audit logs and metrics. */
export type AuthEvent =
  | { type: 'login'; method: LoginMethod; sub: string; at: Date }
  | { type: 'login_failed'; method: LoginMethod; code: TelegramLoginErrorCode; at: Date }
  | { type: 'logout'; sub: string; at: Date };

export interface TelegramAuthHandlerOptions {
  /** Your bot's numeric client id. */
  clientId: string | number;
  /** The Client Secret from BotFather (not the bot token). */
  clientSecret: string;
  /** Default `https://oauth.telegram.org`. */
  issuer?: string;
  /** Default `${issuer}/.well-known/jwks.json`. */
  jwksUri?: string;
  /** Default `${issuer}/token`. */
  tokenEndpoint?: string;
  /** The algorithm chosen in BotFather. Default `['RS256']`. */
  algorithms?: IdTokenAlgorithm[];
  /** The site's callback URL for the code flows, exactly as listed in the bot's Allowed URLs. */
  redirectUri: string;
  /** Origins allowed to POST to the handler. Default: the origin of `redirectUri`. */
  allowedOrigins?: string[];
  /** Default `/auth/telegram`. */
  basePath?: string;
  session: {
    /** At least 32 characters (or bytes); signs the session and transaction cookies. */
    secret: string | Uint8Array;
    /** Default 900. */
    ttlSeconds?: number;
    /** Default `tlk_session`; the redirect flow's cookie is this name plus `_tx`. */
    cookieName?: string;
    claims?: SessionClaimsHook;
  };
  /** Default: in memory (one process). */
  nonces?: NonceStore;
  /** Default: in memory (one process). */
  revocations?: RevocationStore;
  /** Errors it throws are logged and otherwise ignored. */
  onEvent?: (event: AuthEvent) => void | Promise<void>;
  /** Where the redirect flow lands when `/login` got no usable `returnTo`. Default `/`. */
  returnTo?: string;
  /** For the token request. Default the global `fetch`. */
  fetch?: typeof fetch;
}

/** A Fetch-API handler: `(request) => response`, with the session reader for your other routes. */
export interface TelegramAuthHandler {
  (request: Request): Promise<Response>;
  /** The request's session, or null when its cookie is missing, forged, expired or revoked. */
  getSession(request: Request): Promise<Session | null>;
  /** The path prefix the handler answers under, without a trailing slash. */
  readonly basePath: string;
}

interface HandlerContext {
  clientId: string;
  clientSecret: string;
  issuer: string;
  jwksUri: string | undefined;
  tokenEndpoint: string | undefined;
  algorithms: IdTokenAlgorithm[];
  /** As configured: Telegram compares redirect URIs as strings. */
  redirectUri: string;
  allowedOrigins: ReadonlySet<string>;
  basePath: string;
  returnTo: string;
  sessions: SessionManager;
  key: Uint8Array;
  nonces: NonceStore;
  onEvent: TelegramAuthHandlerOptions['onEvent'];
  fetch: typeof fetch | undefined;
  transactionCookie: string;
}

type Run = (ctx: HandlerContext, request: Request, url: URL) => Promise<Response>;

interface Route {
  run: Run;
  /** Failures are reported to `onEvent` as `login_failed` with this method. */
  login?: LoginMethod;
  /** A browser lands here: failures render a page instead of JSON. */
  page?: boolean;
}

const NONCE_TTL_SECONDS = 600;
const SCOPE = 'openid profile';

// ---- options -----------------------------------------------------------------------------------

function checkOrigin(value: string): string {
  let origin: string;
  try {
    origin = new URL(value).origin;
  } catch {
    origin = 'null';
  }
  if (origin === 'null' || origin !== value.replace(/\/$/, '')) throw new TypeError(`"allowedOrigins" entry "${value}" is not an origin like https://example.com`);
  return origin;
}

function checkBasePath(value: string): string {
  if (typeof value !== 'string' || !/^\/[^?#\s]*[^/?#\s]$/.test(value)) {
    throw new TypeError('"basePath" must start with "/" and not end with one, like /auth/telegram');
  }
  return value;
}

function resolveContext(options: TelegramAuthHandlerOptions): HandlerContext {
  if (typeof options !== 'object' || options === null) throw new TypeError('options are required');
  const clientId = String(options.clientId ?? '');
  if (!/^\d{1,20}$/.test(clientId)) throw new TypeError('"clientId" must be the numeric client id');
  if (typeof options.clientSecret !== 'string' || options.clientSecret === '') throw new TypeError('"clientSecret" is required');
  if (typeof options.session !== 'object' || options.session === null) throw new TypeError('"session" options are required');
  const redirectUri = options.redirectUri;
  checkUrl(redirectUri, 'redirectUri');
  const returnTo = safeReturnTo(options.returnTo ?? '/');
  if (returnTo === undefined) throw new TypeError('"returnTo" must be a path on this site, starting with a single "/"');
  const sessions = createSessionManager({ ...options.session, ...(options.revocations ? { revocations: options.revocations } : {}) });
  return {
    clientId,
    clientSecret: options.clientSecret,
    issuer: normalizeIssuer(options.issuer),
    jwksUri: options.jwksUri === undefined ? undefined : checkUrl(options.jwksUri, 'jwksUri'),
    tokenEndpoint: options.tokenEndpoint === undefined ? undefined : checkUrl(options.tokenEndpoint, 'tokenEndpoint'),
    algorithms: checkAlgorithms(options.algorithms),
    redirectUri,
    allowedOrigins: new Set((options.allowedOrigins ?? [new URL(redirectUri).origin]).map(checkOrigin)),
    basePath: checkBasePath(options.basePath ?? '/auth/telegram'),
    returnTo,
    sessions,
    key: secretKey(options.session.secret),
    nonces: options.nonces ?? createMemoryNonceStore(),
    onEvent: options.onEvent,
    fetch: options.fetch,
    transactionCookie: `${sessions.cookieName}_tx`,
  };
}

// ---- helpers -----------------------------------------------------------------------------------

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw badRequest(`"${field}" must be a non-empty string`);
  return value;
}

function requireOrigin(ctx: HandlerContext, request: Request): void {
  const origin = request.headers.get('origin');
  if (!origin) throw new TelegramLoginError('origin_not_allowed', 'missing "Origin" header');
  if (!ctx.allowedOrigins.has(origin)) throw new TelegramLoginError('origin_not_allowed', `origin "${origin}" is not allowed`);
}

/** An event hook must never turn a good login into a failed request. */
async function emit(ctx: HandlerContext, event: AuthEvent): Promise<void> {
  try {
    await ctx.onEvent?.(event);
  } catch (error) {
    console.error('telegram-login-kit: onEvent threw; the request went on', error);
  }
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof TelegramLoginError) return new HttpError(statusFor(error), error);
  // A bug or a failing store: log it here, tell the client nothing about it.
  console.error('telegram-login-kit: the auth handler failed', error);
  return new HttpError(500, new TelegramLoginError('server_error', 'internal error'));
}

function exchangeOptions(ctx: HandlerContext, code: string, codeVerifier: string): ExchangeCodeOptions {
  return {
    code,
    codeVerifier,
    redirectUri: ctx.redirectUri,
    clientId: ctx.clientId,
    clientSecret: ctx.clientSecret,
    issuer: ctx.issuer,
    jwksUri: ctx.jwksUri,
    tokenEndpoint: ctx.tokenEndpoint,
    algorithms: ctx.algorithms,
    fetch: ctx.fetch,
  };
}

function transactionCookie(ctx: HandlerContext, request: Request, value: string, maxAge: number): string {
  return serializeCookie(ctx.transactionCookie, value, { maxAge, path: ctx.basePath, secure: wantsSecureCookie(request) });
}

/** Sets the session cookie and answers what `/verify` and `/exchange` promise the browser. */
async function completeLogin(ctx: HandlerContext, request: Request, method: LoginMethod, claims: TelegramIdTokenClaims, idToken: string) {
  const { session, cookie } = await ctx.sessions.issue(claims, request);
  await emit(ctx, { type: 'login', method, sub: claims.sub, at: new Date() });
  return jsonResponse(200, { user: claims, idToken, session: { expiresAt: session.expiresAt } }, new Headers({ 'Set-Cookie': cookie }));
}

// ---- routes ------------------------------------------------------------------------------------

async function issueNonce(ctx: HandlerContext): Promise<Response> {
  const nonce = createNonce();
  await ctx.nonces.issue(nonce, NONCE_TTL_SECONDS);
  return jsonResponse(200, { nonce });
}

/** The library flow has no `state`: a nonce this server issued, used once, is its only replay defence. */
async function verifyToken(ctx: HandlerContext, request: Request): Promise<Response> {
  const idToken = requireString(await readJsonObject(request), 'idToken');
  const claims = await verifyIdToken(idToken, { clientId: ctx.clientId, issuer: ctx.issuer, jwksUri: ctx.jwksUri, algorithms: ctx.algorithms });
  if (typeof claims.nonce !== 'string') throw new TelegramLoginError('nonce_mismatch', 'missing "nonce" claim');
  if (!(await ctx.nonces.consume(claims.nonce))) {
    throw new TelegramLoginError('nonce_mismatch', '"nonce" claim is unknown, expired or already used');
  }
  return completeLogin(ctx, request, 'id_token', claims, idToken);
}

/** The browser's code flow checked `state` itself (it created it); PKCE binds the code to this verifier. */
async function exchange(ctx: HandlerContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request);
  const code = requireString(body, 'code');
  const codeVerifier = requireString(body, 'codeVerifier');
  if (body.state !== undefined && typeof body.state !== 'string') throw badRequest('"state" must be a string');
  if (body.redirectUri !== undefined && body.redirectUri !== ctx.redirectUri) {
    throw new TelegramLoginError('invalid_config', '"redirectUri" does not match the redirect uri the server is configured with');
  }
  const result = await exchangeCode(exchangeOptions(ctx, code, codeVerifier));
  return completeLogin(ctx, request, 'code', result.claims, result.idToken);
}

async function startLogin(ctx: HandlerContext, request: Request, url: URL): Promise<Response> {
  const transaction = createTransaction(safeReturnTo(url.searchParams.get('returnTo')) ?? ctx.returnTo);
  const authorize = new URL(`${ctx.issuer}/auth`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: ctx.clientId,
    redirect_uri: ctx.redirectUri,
    scope: SCOPE,
    state: transaction.state,
    code_challenge: await codeChallenge(transaction.verifier),
    code_challenge_method: 'S256',
    nonce: transaction.nonce,
  }).toString();
  const headers = new Headers({ Location: authorize.href, 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', transactionCookie(ctx, request, await sealTransaction(transaction, ctx.key), TRANSACTION_TTL_SECONDS));
  return new Response(null, { status: 302, headers });
}

async function finishLogin(ctx: HandlerContext, request: Request, url: URL): Promise<Response> {
  const cookie = readCookie(request, ctx.transactionCookie);
  const transaction = cookie ? await openTransaction(cookie, ctx.key) : null;
  const params = url.searchParams;
  if (!transaction || params.get('state') !== transaction.state) throw new TelegramLoginError('state_mismatch', '"state" response parameter mismatch');
  const error = params.get('error');
  if (error !== null) throw providerErrorFor(error, params.get('error_description') ?? undefined);
  const code = params.get('code');
  if (!code) throw badRequest('missing "code" parameter');
  const { claims } = await exchangeCode(exchangeOptions(ctx, code, transaction.verifier));
  // Telegram may not echo the nonce in the code flow; when it does, it must be ours.
  if (claims.nonce !== undefined && claims.nonce !== transaction.nonce) throw new TelegramLoginError('nonce_mismatch', 'unexpected "nonce" claim value');
  const session = await ctx.sessions.issue(claims, request);
  await emit(ctx, { type: 'login', method: 'redirect', sub: claims.sub, at: new Date() });
  const headers = new Headers({ Location: transaction.returnTo, 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', session.cookie);
  headers.append('Set-Cookie', transactionCookie(ctx, request, '', 0));
  return new Response(null, { status: 302, headers });
}

async function readSession(ctx: HandlerContext, request: Request): Promise<Response> {
  const session = await ctx.sessions.getSession(request);
  if (!session) throw new TelegramLoginError('session_invalid', 'no valid session cookie');
  return jsonResponse(200, { user: session.user, expiresAt: session.expiresAt });
}

async function logout(ctx: HandlerContext, request: Request): Promise<Response> {
  const session = await ctx.sessions.getSession(request);
  if (session) {
    await ctx.sessions.revoke(session);
    await emit(ctx, { type: 'logout', sub: session.user.sub, at: new Date() });
  }
  return new Response(null, { status: 204, headers: { 'Set-Cookie': ctx.sessions.clearCookie(request), 'Cache-Control': 'no-store' } });
}

const ROUTES: Record<string, Partial<Record<string, Route>>> = {
  '/nonce': { GET: { run: issueNonce } },
  '/verify': { POST: { run: verifyToken, login: 'id_token' } },
  '/exchange': { POST: { run: exchange, login: 'code' } },
  '/login': { GET: { run: startLogin } },
  '/callback': { GET: { run: finishLogin, login: 'redirect', page: true } },
  '/session': { GET: { run: readSession } },
  '/logout': { POST: { run: logout } },
};

// ---- dispatch ----------------------------------------------------------------------------------

function findRoute(ctx: HandlerContext, request: Request, url: URL): Route {
  const methods = url.pathname.startsWith(`${ctx.basePath}/`) ? ROUTES[url.pathname.slice(ctx.basePath.length)] : undefined;
  if (!methods) throw badRequest(`no route for "${url.pathname}"`, 404);
  const route = methods[request.method];
  if (!route) throw badRequest(`${request.method} is not allowed on "${url.pathname}"`, 405, { Allow: Object.keys(methods).join(', ') });
  return route;
}

async function runRoute(ctx: HandlerContext, route: Route, request: Request, url: URL): Promise<Response> {
  try {
    if (request.method === 'POST') requireOrigin(ctx, request);
    return await route.run(ctx, request, url);
  } catch (error) {
    const failure = toHttpError(error);
    if (route.login) await emit(ctx, { type: 'login_failed', method: route.login, code: failure.error.code, at: new Date() });
    if (!route.page) return errorResponse(failure);
    // The transaction is single use: a failed callback cannot be retried with it.
    return htmlErrorResponse(failure, new Headers({ 'Set-Cookie': transactionCookie(ctx, request, '', 0) }));
  }
}

/**
 * A ready Fetch-API handler for Telegram login under `basePath`: `GET /nonce`, `POST /verify`,
 * `POST /exchange`, `GET /login`, `GET /callback`, `GET /session`, `POST /logout`. Mount it in any
 * runtime with Request/Response (Node via `toNodeListener`, Deno, Bun, Workers).
 */
export function createTelegramAuthHandler(options: TelegramAuthHandlerOptions): TelegramAuthHandler {
  const ctx = resolveContext(options);
  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    let route: Route;
    try {
      route = findRoute(ctx, request, url);
    } catch (error) {
      return errorResponse(toHttpError(error));
    }
    return runRoute(ctx, route, request, url);
  }
  return Object.assign(handle, {
    getSession: (request: Request) => ctx.sessions.getSession(request),
    basePath: ctx.basePath,
  });
}
