import { randomToken } from '../../oauth/random.js';
import { editPrompt, settle } from '../bot/outcomes.js';
import { qrModules } from '../bot/qr.js';
import { BOT_REQUEST_GRACE_SECONDS, requestIdOf, type BotLoginRequest } from '../bot/requests.js';
import { newMatchCodes, newStartPayload } from '../bot/tokens.js';
import { describeUserAgent } from '../bot/user-agent.js';
import { botOf, type HandlerContext } from '../handler-options.js';
import { badRequest, jsonResponse, readOptionalJsonObject } from '../http.js';
import { sha256Base64Url } from '../secrets.js';
import { emit } from './complete-login.js';
import { namedRequest, ownRequest, readRequestId, requestCookie } from './bot-request.js';

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$/;

function readLang(body: Record<string, unknown>): string | undefined {
  const lang = Object.hasOwn(body, 'lang') ? body.lang : undefined;
  if (lang === undefined) return undefined;
  if (typeof lang !== 'string' || !LANGUAGE_TAG.test(lang)) throw badRequest('"lang" must be a language tag like en, ru or pt-br');
  return lang.toLowerCase();
}

/** `https://t.me/<bot>?start=<payload>`, or against the mock the simulated app's `<linkBase>?domain=<bot>&start=<payload>`. */
function httpsLink(ctx: HandlerContext, payload: string): string {
  const { username, linkBase } = botOf(ctx).settings;
  if (linkBase === undefined) return `https://t.me/${username}?start=${payload}`;
  const url = new URL(linkBase);
  url.searchParams.set('domain', username);
  url.searchParams.set('start', payload);
  return url.href;
}

/**
 * Ends a request the browser gave up on (its cancel button, or a new login from the same browser).
 * A request the user already approved is spent too: its session will never be handed out.
 */
async function cancel(ctx: HandlerContext, loginRequest: BotLoginRequest): Promise<void> {
  const cancelled = { status: 'cancelled', at: Date.now() } as const;
  const { won, outcome } = await settle(ctx, loginRequest, cancelled);
  if (won) await editPrompt(ctx, loginRequest, cancelled);
  else if (outcome.status === 'approved' && (await botOf(ctx).requests.deliver(loginRequest))) await editPrompt(ctx, loginRequest, cancelled);
}

/**
 * `POST /bot/start`: a new login request for this browser: a start payload for the link and the QR
 * code, three codes for the bot of which the browser shows one, and the request cookie that binds it
 * here. A request this browser had open is cancelled.
 */
export async function botStartRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const bot = botOf(ctx);
  const lang = readLang(await readOptionalJsonObject(request));
  const previous = await ownRequest(ctx, request);
  if (previous && !(await bot.requests.outcomeOf(previous.id))) await cancel(ctx, previous);

  const secret = randomToken(32);
  const payload = newStartPayload();
  const createdAt = Date.now();
  const loginRequest: BotLoginRequest = {
    id: await requestIdOf(payload),
    binding: await sha256Base64Url(secret),
    ...newMatchCodes(),
    ...describeUserAgent(request.headers.get('user-agent')),
    ...(lang ? { lang } : {}),
    createdAt,
    expiresAt: createdAt + bot.settings.ttlSeconds * 1000,
  };
  await bot.requests.create(loginRequest);
  const dropped = bot.live.admit(loginRequest.id, loginRequest.expiresAt + BOT_REQUEST_GRACE_SECONDS * 1000);
  // Best effort: a drop that fails leaves a request that expires on its own.
  if (dropped) await bot.requests.drop(dropped).catch(() => undefined);
  await emit(ctx, { type: 'bot_login_started', requestId: loginRequest.id, at: new Date(createdAt) });
  const https = httpsLink(ctx, payload);
  const body = {
    requestId: loginRequest.id,
    links: { https, tg: `tg://resolve?domain=${bot.settings.username}&start=${payload}` },
    qr: qrModules(https),
    matchCode: loginRequest.matchCode,
    expiresAt: loginRequest.expiresAt,
  };
  return jsonResponse(200, body, new Headers({ 'Set-Cookie': requestCookie(ctx, `${loginRequest.id}.${secret}`, bot.settings.ttlSeconds) }));
}

const requestIdIn = (body: Record<string, unknown>) => (Object.hasOwn(body, 'requestId') ? body.requestId : undefined);

/**
 * `POST /bot/cancel` (body `{ requestId }`): this browser's request ends; the bot's question says it
 * was cancelled on the site. A request a newer start replaced is `superseded` (it was cancelled by
 * that start), and the newer one goes on.
 */
export async function botCancelRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const loginRequest = await namedRequest(ctx, request, readRequestId(requestIdIn(await readOptionalJsonObject(request))));
  if (loginRequest === 'superseded') return jsonResponse(200, { status: 'superseded' });
  await cancel(ctx, loginRequest);
  return jsonResponse(200, { status: 'cancelled' });
}
