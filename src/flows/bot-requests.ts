import { ERROR_CODES, TelegramLoginError, type TelegramLoginErrorCode } from '../errors.js';
import type { TelegramSessionUser } from '../types.js';
import { isLoopbackFromLoopback, isTrustedOrigin } from './trusted-origins.js';

/**
 * The bot flow's three calls to the site's server kit (`/bot/start`, `/bot/status`, `/bot/cancel`,
 * see docs/bot-login.md). Same-origin only: the request cookie that binds the login to this browser
 * is HttpOnly and SameSite=Lax, so the browser sends it, and nobody else can.
 */

/** The QR code of the `https` link, as the server computed it: `size`×`size` modules without quiet zone. */
export interface BotLoginQr {
  size: number;
  /** base64url of the modules row by row, most significant bit first, 1 = dark, zero-padded to a byte. */
  modules: string;
}

/** What `POST /bot/start` answers, with `expiresAt` moved onto this browser's clock. */
export interface BotLoginStart {
  requestId: string;
  links: { https: string; tg: string };
  qr: BotLoginQr;
  /** The short code the user presses in the bot, among three. */
  matchCode: string;
  /** When the request expires, in this browser's clock (ms since the epoch). */
  expiresAt: number;
}

/**
 * What `GET /bot/status` answers; `expiresAt` (pending) in this browser's clock. `superseded`: this
 * browser's request cookie binds a newer request (another tab started one), which goes on.
 */
export type BotLoginStatus =
  | { status: 'pending'; expiresAt?: number }
  | { status: 'approved'; user: TelegramSessionUser }
  | { status: 'denied' | 'expired' | 'cancelled' | 'superseded' };

/** A failed call: the error, and whether (and after how long) asking again may help. */
export interface BotCallFailure {
  error: TelegramLoginError;
  /** A network failure, an overloaded store or a rate limit: worth another try. */
  retryable: boolean;
  /** The server's `Retry-After`, in ms. */
  retryAfterMs?: number;
  /**
   * The `requestId` of a `/bot/start` answer the flow refused, as given (the cancel names it in its
   * JSON body, which the server checks): that request is cancelled too.
   */
  requestId?: unknown;
}

/** The long poll's `wait` (seconds, the server's maximum). */
export const STATUS_WAIT_SECONDS = 25;
/** The longest expiry the element believes: a wrong clock or a bad answer must not keep a login open for days. */
const MAX_EXPIRY_MS = 60 * 60 * 1000;

/** The bot's deep link and nothing else (no tg://proxy, tg://login, …): a bot username and a start payload. */
const TG_RESOLVE = /^tg:\/\/resolve\?domain=([A-Za-z]\w{3,31})&start=([\w-]{1,64})$/;
const TELEGRAM_LINK_HOSTS = ['t.me', 'telegram.me'];
const FINAL_STATUSES = ['approved', 'denied', 'expired', 'cancelled', 'superseded'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The server kit's bot routes never redirect; a redirect (an open redirect on the site, named by
 * injected markup as bot-url) must not carry the login to another origin, whose answers would choose
 * the bot the user confirms in and the user the page is told about.
 */
const NO_REDIRECTS: RequestInit = { mode: 'same-origin', redirect: 'manual' };

/** `fetch` that gives up after `ms` or when `signal` aborts; a network failure is `network_error`. */
async function call(url: string, init: RequestInit, ms: number, signal: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, ...NO_REDIRECTS, credentials: 'same-origin', cache: 'no-store', signal: AbortSignal.any([signal, AbortSignal.timeout(ms)]) });
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    const timedOut = (cause as Error)?.name === 'TimeoutError';
    throw failure('network_error', `${url} ${timedOut ? `did not answer within ${ms / 1000} s` : 'could not be reached'}: check the network and that the server kit is mounted at bot-url`, true, cause);
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw failure('invalid_config', `${url} answered with a redirect, which the bot flow never follows: point bot-url at the server kit's base path itself`, false);
  }
  return response;
}

function failure(code: TelegramLoginErrorCode, message: string, retryable: boolean, cause?: unknown, retryAfterMs?: number): BotCallFailure {
  return { error: new TelegramLoginError(code, message, cause === undefined ? {} : { cause }), retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** A non-2xx answer as a typed failure: the server kit's own `{ error, message }` when it sent one. */
async function answerFailure(response: Response, url: string): Promise<BotCallFailure> {
  const body: unknown = await response.json().catch(() => undefined);
  const given = isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
  const said = isRecord(body) && typeof body.message === 'string' ? `: ${body.message}` : '';
  if (response.status === 404) {
    return failure('invalid_config', `${url} answered 404: mount the server kit with its bot option (createTelegramAuthHandler({ bot: { token, username } })) at bot-url`, false);
  }
  const code: TelegramLoginErrorCode = given && (ERROR_CODES as readonly string[]).includes(given) ? (given as TelegramLoginErrorCode) : 'server_error';
  const seconds = Number(response.headers.get('Retry-After'));
  const retryAfterMs = response.status === 429 && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
  const retryable = response.status === 429 || response.status >= 500;
  return failure(code, `${url} answered ${response.status}${said}`, retryable, undefined, retryAfterMs);
}

/**
 * Server time minus this browser's time, from the answer's `Date` header: 0 when it has none, or when
 * the clocks agree within the header's one-second resolution (correcting then would only add error).
 */
function clockOffset(response: Response): number {
  const offset = Date.parse(response.headers.get('Date') ?? '') - Date.now();
  return Number.isFinite(offset) && Math.abs(offset) > 2000 ? offset : 0;
}

/** The server's expiry on this browser's clock, never further away than an hour. */
function localExpiry(expiresAt: number, offset: number): number {
  const now = Date.now();
  return Math.min(Math.max(expiresAt - offset, now), now + MAX_EXPIRY_MS);
}

function unexpected(url: string, what: string): BotCallFailure {
  return failure('server_error', `${url} answered 200 without ${what}: is bot-url the server kit's base path?`, false);
}

/**
 * Whether the links are one bot's: `tg://resolve?domain=<bot>&start=<payload>` and
 * `https://t.me/<bot>?start=<payload>`, or, against the mock, its simulated app's
 * `…?domain=<bot>&start=<payload>` on loopback (from a loopback page) or on an origin the page's
 * script trusted. They become the dialog's hrefs and a phone opens the tg: one at once: an answer
 * that is not the site's own must not send the user to another bot, a proxy or a page.
 */
function isBotLinkPair(https: unknown, tg: unknown): boolean {
  if (typeof https !== 'string' || typeof tg !== 'string') return false;
  const deep = TG_RESOLVE.exec(tg);
  let url: URL;
  try {
    url = new URL(https);
  } catch {
    return false;
  }
  if (!deep || url.username || url.password || url.hash || url.searchParams.get('start') !== deep[2]) return false;
  if (url.protocol === 'https:' && !url.port && TELEGRAM_LINK_HOSTS.includes(url.hostname)) return url.pathname === `/${deep[1]}`;
  const mockApp = (url.protocol === 'http:' || url.protocol === 'https:') && (isTrustedOrigin(url.origin) || isLoopbackFromLoopback(url));
  return mockApp && url.searchParams.get('domain') === deep[1];
}

/** Checks `/bot/start`'s answer. */
function readStart(body: unknown, url: string, offset: number): BotLoginStart | BotCallFailure {
  if (!isRecord(body) || !isRecord(body.links) || !isRecord(body.qr)) return unexpected(url, 'links and qr');
  const { https, tg } = body.links;
  if (!isBotLinkPair(https, tg)) {
    const got = JSON.stringify(body.links).slice(0, 200);
    return failure('server_error', `${url} answered links that are not one bot's tg://resolve and https://t.me links (the mock's: loopback, or trustProviderOrigins): ${got}`, false);
  }
  const { size, modules } = body.qr;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 21 || size > 177 || typeof modules !== 'string') return unexpected(url, 'a QR code');
  if (typeof body.requestId !== 'string' || typeof body.matchCode !== 'string' || !body.matchCode || typeof body.expiresAt !== 'number') return unexpected(url, 'requestId, matchCode and expiresAt');
  return {
    requestId: body.requestId,
    links: { https: https as string, tg: tg as string },
    qr: { size, modules },
    matchCode: body.matchCode,
    expiresAt: localExpiry(body.expiresAt, offset),
  };
}

/** A cancel is best effort: given up after this long. */
const CANCEL_TIMEOUT_MS = 5000;

/** The tags the server kit takes for its bot texts (up to three subtags of 2–8); else the language alone, or nothing. */
const SERVER_LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$/;
function serverLanguage(lang: string | undefined): string | undefined {
  if (!lang || SERVER_LANGUAGE_TAG.test(lang)) return lang || undefined;
  const primary = lang.split(/[-_]/)[0]!;
  return /^[A-Za-z]{2,3}$/.test(primary) ? primary : undefined;
}

/** `POST /bot/start`: a new login request, bound to this browser by its cookie. Gives up after `timeoutMs`. */
export async function startBotLogin(botUrl: string, lang: string | undefined, timeoutMs: number, signal: AbortSignal): Promise<BotLoginStart> {
  const url = `${botUrl}/bot/start`;
  const language = serverLanguage(lang);
  const response = await call(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(language ? { lang: language } : {}) }, timeoutMs, signal);
  if (!response.ok) throw await answerFailure(response, url);
  const body: unknown = await response.json().catch(() => undefined);
  const start = readStart(body, url, clockOffset(response));
  if ('error' in start) throw { ...start, requestId: (body as { requestId?: unknown } | undefined)?.requestId };
  return start;
}

/**
 * `GET /bot/status`: the server waits up to `waitSeconds` (at most {@link STATUS_WAIT_SECONDS}) for
 * request `requestId` to change; the browser gives up `slackMs` after that.
 */
export async function pollBotStatus(botUrl: string, requestId: string, waitSeconds: number, slackMs: number, signal: AbortSignal): Promise<BotLoginStatus> {
  const url = `${botUrl}/bot/status`;
  // Named, so that the answer is about this tab's request, not another tab's newer one.
  const response = await call(`${url}?wait=${waitSeconds}&requestId=${encodeURIComponent(requestId)}`, {}, waitSeconds * 1000 + slackMs, signal);
  if (!response.ok) throw await answerFailure(response, url);
  const body: unknown = await response.json().catch(() => undefined);
  if (!isRecord(body) || (body.status !== 'pending' && !FINAL_STATUSES.includes(body.status as string))) throw unexpected(url, 'a status');
  if (body.status === 'approved') {
    if (!isRecord(body.user)) throw unexpected(url, 'the user');
    return { status: 'approved', user: body.user };
  }
  if (body.status === 'pending') return typeof body.expiresAt === 'number' ? { status: 'pending', expiresAt: localExpiry(body.expiresAt, clockOffset(response)) } : { status: 'pending' };
  return { status: body.status as 'denied' | 'expired' | 'cancelled' | 'superseded' };
}

/**
 * `POST /bot/cancel` of request `requestId`, best effort: the bot then tells the user the login was
 * cancelled on the site. `keepalive` lets it go out even while the page unloads.
 */
export function cancelBotLogin(botUrl: string, requestId: unknown): void {
  // No new start waits for it: its answer never touches the request cookie, and it names its request.
  const body = JSON.stringify({ requestId });
  const init: RequestInit = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, ...NO_REDIRECTS, credentials: 'same-origin', keepalive: true, signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) };
  fetch(`${botUrl}/bot/cancel`, init).catch(() => undefined);
}

/** Whether a thrown value is one of this module's failures. */
export function isBotCallFailure(value: unknown): value is BotCallFailure {
  return isRecord(value) && value.error instanceof TelegramLoginError && typeof value.retryable === 'boolean';
}
