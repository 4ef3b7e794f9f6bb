/**
 * The request cookie of bot login: `<request id>.<secret>`, HttpOnly, binding a login request to the
 * browser that started it. Only the secret's SHA-256 is in the store; a browser without the cookie
 * (another device that saw the QR code, an attacker who knows the request id or the payload) can
 * neither poll nor cancel the request.
 */
import { TelegramLoginError } from '../../errors.js';
import { HttpError } from '../../oauth/http-error.js';
import type { BotLoginRequest } from '../bot/requests.js';
import { readCookie, serializeCookie } from '../cookies.js';
import { botOf, type HandlerContext } from '../handler-options.js';
import { constantTimeEqual, sha256Base64Url } from '../secrets.js';

const COOKIE_VALUE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
/** The cookie outlives the request a little, so the browser's last poll still hears `expired`. */
const COOKIE_MARGIN_SECONDS = 60;

export function requestCookie(ctx: HandlerContext, value: string, ttlSeconds: number): string {
  return serializeCookie(ctx.cookies.bot, value, { maxAge: value ? ttlSeconds + COOKIE_MARGIN_SECONDS : 0, secure: ctx.secure });
}

export const clearRequestCookie = (ctx: HandlerContext) => requestCookie(ctx, '', 0);

/** This browser's login request, or undefined when its cookie is missing, malformed, unknown or not the request's. */
export async function ownRequest(ctx: HandlerContext, request: Request): Promise<BotLoginRequest | undefined> {
  const match = COOKIE_VALUE.exec(readCookie(request, ctx.cookies.bot) ?? '');
  if (!match) return undefined;
  const loginRequest = await botOf(ctx).requests.get(match[1]!);
  if (!loginRequest) return undefined;
  return constantTimeEqual(await sha256Base64Url(match[2]!), loginRequest.binding) ? loginRequest : undefined;
}

/** 401 `bot_request_missing`, clearing the cookie that did not work (if any). */
export function requestMissing(ctx: HandlerContext, request: Request): HttpError {
  const headers: Record<string, string> = readCookie(request, ctx.cookies.bot) === undefined ? {} : { 'Set-Cookie': clearRequestCookie(ctx) };
  const error = new TelegramLoginError('bot_request_missing', 'this browser has no bot login request: start one with POST /bot/start (the request cookie is missing, expired, spent or not this request\'s)');
  return new HttpError(401, error.code, error.message, headers, { cause: error });
}
