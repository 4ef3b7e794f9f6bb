/**
 * The request cookie of bot login: `<request id>.<secret>`, HttpOnly, binding a login request to the
 * browser that started it. Only the secret's SHA-256 is in the store; a browser without the cookie
 * (another device that saw the QR code, an attacker who knows the request id or the payload) can
 * neither poll nor cancel the request.
 *
 * One browser has one cookie for all its tabs, so the page names the request it waits on (the
 * `requestId` of its `/bot/start`): when the cookie binds this browser to a newer request (another
 * tab started one), the older tab hears `superseded`. Only `/bot/start` sets the cookie, and no
 * answer clears it: an answer about one request, landing after a newer start's, would unbind the
 * newer one. The cookie's Max-Age ends it.
 */
import { TelegramLoginError } from '../../errors.js';
import { HttpError } from '../../oauth/http-error.js';
import type { BotLoginRequest } from '../bot/requests.js';
import { readCookie, serializeCookie } from '../cookies.js';
import { botOf, type HandlerContext } from '../handler-options.js';
import { badRequest } from '../http.js';
import { constantTimeEqual, sha256Base64Url } from '../secrets.js';

const COOKIE_VALUE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
const REQUEST_ID = /^[A-Za-z0-9_-]{22}$/;
/** The cookie outlives the request a little, so the browser's last poll still hears `expired`. */
const COOKIE_MARGIN_SECONDS = 60;

export function requestCookie(ctx: HandlerContext, value: string, ttlSeconds: number): string {
  return serializeCookie(ctx.cookies.bot, value, { maxAge: ttlSeconds + COOKIE_MARGIN_SECONDS, secure: ctx.secure });
}

/** This browser's login request, or undefined when its cookie is missing, malformed, unknown or not the request's. */
export async function ownRequest(ctx: HandlerContext, request: Request): Promise<BotLoginRequest | undefined> {
  const match = COOKIE_VALUE.exec(readCookie(request, ctx.cookies.bot) ?? '');
  if (!match) return undefined;
  const loginRequest = await botOf(ctx).requests.get(match[1]!);
  if (!loginRequest) return undefined;
  return constantTimeEqual(await sha256Base64Url(match[2]!), loginRequest.binding) ? loginRequest : undefined;
}

/** 401 `bot_request_missing`. The cookie is left alone: a newer start's may have replaced it meanwhile. */
export function requestMissing(): HttpError {
  const error = new TelegramLoginError('bot_request_missing', 'this browser has no bot login request: start one with POST /bot/start (the request cookie is missing, expired, spent or not this request\'s)');
  return new HttpError(401, error.code, error.message, {}, { cause: error });
}

/** The `requestId` a page names (`?requestId=` or `{ "requestId" }`), or undefined when none is named (a client of the site's own, which then follows the cookie). */
export function readRequestId(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !REQUEST_ID.test(value)) throw badRequest('"requestId" must be the requestId that POST /bot/start answered (22 characters of A-Za-z0-9_-)');
  return value;
}

/**
 * The request a status poll or a cancel is about: this browser's (the cookie's), or `superseded`
 * when the page names another one, which a newer start from this browser replaced. Without the
 * cookie, 401 whatever id is named: an id alone is proof of nothing.
 */
export async function namedRequest(ctx: HandlerContext, request: Request, requestId: string | undefined): Promise<BotLoginRequest | 'superseded'> {
  const own = await ownRequest(ctx, request);
  if (!own) throw requestMissing();
  return requestId === undefined || requestId === own.id ? own : 'superseded';
}
