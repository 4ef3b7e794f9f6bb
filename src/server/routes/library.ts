import { TelegramLoginError } from '../../errors.js';
import { HttpError } from '../../oauth/http-error.js';
import { randomToken } from '../../oauth/random.js';
import { readCookie, serializeCookie } from '../cookies.js';
import { oidcOf, type HandlerContext } from '../handler-options.js';
import { jsonResponse, readJsonObject, requireString, toHttpError } from '../http.js';
import { useIdTokenOnce } from '../id-token-replay.js';
import { NONCE_TTL_SECONDS } from '../nonce.js';
import { verifyIdToken } from '../verify-id-token.js';
import { completeLogin } from './complete-login.js';

/** More live binding cookies than this and /nonce clears them all: a page cannot bloat the cookie jar. */
const MAX_BINDING_COOKIES = 8;

/** The binding cookies the request carries (one per nonce a page of this browser fetched). */
function bindingCookieNames(ctx: HandlerContext, request: Request): string[] {
  const prefix = ctx.cookies.nonce('');
  return (request.headers.get('cookie') ?? '')
    .split(';')
    .map((pair) => pair.slice(0, Math.max(0, pair.indexOf('='))).trim())
    .filter((name) => name.startsWith(prefix));
}

/**
 * `GET /nonce` (the site's own script only: the handler refuses other callers): a single-use nonce
 * for the library flow, bound to this browser: the browser keeps a random secret in an HttpOnly
 * cookie of its own (one per nonce, so two buttons or tabs fetching at once never overwrite each
 * other's), the nonce carries an HMAC over its hash. Nothing is stored.
 */
export async function issueNonceRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const binding = randomToken();
  const nonce = await ctx.nonces.issue({ binding });
  const headers = new Headers();
  const existing = bindingCookieNames(ctx, request);
  if (existing.length >= MAX_BINDING_COOKIES) {
    for (const name of existing) headers.append('Set-Cookie', serializeCookie(name, '', { maxAge: 0, secure: ctx.secure }));
  }
  headers.append('Set-Cookie', serializeCookie(ctx.cookies.nonce(nonce), binding, { maxAge: NONCE_TTL_SECONDS, secure: ctx.secure }));
  return jsonResponse(200, { nonce }, headers);
}

async function verifyBound(ctx: HandlerContext, request: Request, idToken: string, bindingCookie: (nonce: string) => void): Promise<Response> {
  const claims = await verifyIdToken(idToken, oidcOf(ctx).idToken);
  if (typeof claims.nonce !== 'string') throw new TelegramLoginError('nonce_mismatch', 'missing "nonce" claim: fetch a nonce from the handler\'s /nonce route and pass it to the button');
  bindingCookie(claims.nonce);
  const use = await ctx.nonces.use(claims.nonce, readCookie(request, ctx.cookies.nonce(claims.nonce)));
  if (use === 'unknown') throw new TelegramLoginError('nonce_mismatch', '"nonce" claim is unknown, expired or already used');
  if (use === 'other_browser') throw new TelegramLoginError('nonce_mismatch', '"nonce" claim was not issued to this browser by this server');
  await useIdTokenOnce(ctx.store, idToken, claims);
  return completeLogin(ctx, request, 'id_token', claims, idToken);
}

/** `POST /verify`: the library flow has no `state`: a nonce this server issued to this browser, used once, is its replay defence. */
export async function verifyRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const idToken = requireString(await readJsonObject(request), 'idToken');
  let bindingName: string | undefined;
  const clear = () => (bindingName ? serializeCookie(bindingName, '', { maxAge: 0, secure: ctx.secure }) : undefined);
  try {
    const response = await verifyBound(ctx, request, idToken, (nonce) => (bindingName = ctx.cookies.nonce(nonce)));
    response.headers.append('Set-Cookie', clear()!);
    return response;
  } catch (error) {
    // The nonce is spent either way (or was never good): its binding cookie goes too.
    const failure = toHttpError(error);
    const cookie = clear();
    if (!cookie) throw failure;
    throw new HttpError(failure.status, failure.code, failure.message, { ...failure.headers, 'Set-Cookie': cookie }, { cause: failure.cause });
  }
}
