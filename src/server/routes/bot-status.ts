import type { TelegramIdTokenClaims } from '../../types.js';
import { botSubject, editPrompt, expire } from '../bot/outcomes.js';
import type { BotLoginRequest, BotLoginUser, BotOutcome } from '../bot/requests.js';
import { botOf, type HandlerContext } from '../handler-options.js';
import { badRequest, jsonResponse, RequestAbortedError } from '../http.js';
import { emit } from './complete-login.js';
import { namedRequest, readRequestId, requestMissing } from './bot-request.js';

/** The longest `wait`: under the 30 s many proxies and hosts allow an idle response. */
export const MAX_STATUS_WAIT_SECONDS = 25;

function readWait(url: URL): number {
  const given = url.searchParams.get('wait');
  if (given === null) return MAX_STATUS_WAIT_SECONDS;
  if (!/^\d{1,2}$/.test(given) || Number(given) > MAX_STATUS_WAIT_SECONDS) throw badRequest(`"wait" must be a whole number of seconds from 0 to ${MAX_STATUS_WAIT_SECONDS}`);
  return Number(given);
}

/**
 * The outcome, as soon as there is one: this instance's decisions end the wait at once, another
 * instance's are found by the request's watch (one look at the store a second, shared by every poll
 * of the request here). Undefined when `waitMs` passed first, or when a newer poll of the same
 * request took this one's place; the request's expiry ends the wait with `expired`.
 */
async function waitForOutcome(ctx: HandlerContext, loginRequest: BotLoginRequest, waitMs: number, signal: AbortSignal | undefined): Promise<BotOutcome | undefined> {
  const { requests, waiters } = botOf(ctx);
  const deadline = Math.min(Date.now() + waitMs, loginRequest.expiresAt);
  const outcome = await requests.outcomeOf(loginRequest.id);
  if (outcome) return outcome;
  if (Date.now() < deadline) {
    const end = await waiters.wait(loginRequest.id, deadline, signal);
    if ('outcome' in end) return end.outcome;
    if (end.ended === 'aborted') throw new RequestAbortedError('the client stopped waiting');
    if (end.ended === 'replaced') return undefined;
  }
  // A wait that was to last until the expiry has reached it (a timer may fire a millisecond early).
  if (deadline < loginRequest.expiresAt) return undefined;
  const expired = await expire(ctx, loginRequest);
  if (expired.won) await editPrompt(ctx, loginRequest, expired.outcome);
  return expired.outcome;
}

/** What the session is made from: the confirming Telegram user, in the id_token's claim names. */
function claimsOf(ctx: HandlerContext, user: BotLoginUser): TelegramIdTokenClaims {
  const { settings } = botOf(ctx);
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: `https://t.me/${settings.username}`,
    aud: String(settings.botId),
    sub: botSubject(user.id),
    iat,
    exp: iat + ctx.sessions.ttlSeconds,
    id: user.id,
    name: user.last_name ? `${user.first_name} ${user.last_name}` : user.first_name,
    given_name: user.first_name,
    ...(user.last_name ? { family_name: user.last_name } : {}),
    ...(user.username ? { preferred_username: user.username } : {}),
    amr: ['tg_bot'],
  };
}

/**
 * `approved` hands out the session once: only the poll that spends the request sets the cookie. No
 * answer clears the request cookie (see bot-request.ts): a later poll hears the same outcome, or 401
 * once the request is spent.
 */
async function answer(ctx: HandlerContext, request: Request, loginRequest: BotLoginRequest, outcome: BotOutcome): Promise<Response> {
  if (outcome.status !== 'approved') return jsonResponse(200, { status: outcome.status });
  if (!(await botOf(ctx).requests.deliver(loginRequest))) throw requestMissing();
  const { session, cookie } = await ctx.sessions.issue(claimsOf(ctx, outcome.user), request, { amr: ['tg_bot'], scope: 'profile' });
  await emit(ctx, { type: 'login', method: 'bot', sub: session.user.sub, at: new Date() });
  return jsonResponse(200, { status: 'approved', user: session.user, session: { expiresAt: session.expiresAt } }, new Headers({ 'Set-Cookie': cookie }));
}

/**
 * `GET /bot/status?wait=25&requestId=…` (the page's own fetch only; the handler refuses other
 * callers): the state of this browser's request, answered at once when it is decided, else after
 * waiting up to `wait` seconds for a decision (long polling: the answer that approves can set the
 * session cookie, which an event stream, whose headers go out first, cannot). `superseded` when the
 * named request is not the one the cookie binds (a newer start from this browser replaced it).
 */
export async function botStatusRoute(ctx: HandlerContext, request: Request, url: URL): Promise<Response> {
  const waitMs = readWait(url) * 1000;
  const loginRequest = await namedRequest(ctx, request, readRequestId(url.searchParams.get('requestId') ?? undefined));
  if (loginRequest === 'superseded') return jsonResponse(200, { status: 'superseded' });
  const outcome = await waitForOutcome(ctx, loginRequest, waitMs, request.signal);
  if (!outcome) return jsonResponse(200, { status: 'pending', expiresAt: loginRequest.expiresAt });
  return answer(ctx, request, loginRequest, outcome);
}
