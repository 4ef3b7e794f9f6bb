import { TelegramLoginError } from '../../errors.js';
import { randomToken } from '../../oauth/random.js';
import { readCookie, serializeCookie } from '../cookies.js';
import type { HandlerContext } from '../handler-options.js';
import { readJsonObject, requireString, jsonResponse } from '../http.js';
import { useIdTokenOnce } from '../id-token-replay.js';
import { issueNonce, NONCE_TTL_SECONDS, useNonce } from '../nonce.js';
import { verifyIdToken } from '../verify-id-token.js';
import { completeLogin } from './complete-login.js';

/**
 * `GET /nonce`: a single-use nonce for the library flow, bound to this browser: the browser keeps a
 * random secret in an HttpOnly cookie of its own, the store keeps its hash with the nonce. A stolen,
 * unused id_token is then useless from any other browser.
 */
export async function issueNonceRoute(ctx: HandlerContext): Promise<Response> {
  const binding = randomToken();
  const nonce = await issueNonce(ctx.store, { binding });
  const cookie = serializeCookie(ctx.cookies.nonce(nonce), binding, { maxAge: NONCE_TTL_SECONDS, secure: ctx.secure });
  return jsonResponse(200, { nonce }, new Headers({ 'Set-Cookie': cookie }));
}

/** `POST /verify`: the library flow has no `state`: a nonce this server issued to this browser, used once, is its replay defence. */
export async function verifyRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const idToken = requireString(await readJsonObject(request), 'idToken');
  const claims = await verifyIdToken(idToken, { clientId: ctx.clientId, issuer: ctx.issuer, jwksUri: ctx.jwksUri, algorithms: ctx.algorithms });
  if (typeof claims.nonce !== 'string') throw new TelegramLoginError('nonce_mismatch', 'missing "nonce" claim: fetch a nonce from the handler\'s /nonce route and pass it to the button');
  const bindingCookie = ctx.cookies.nonce(claims.nonce);
  const use = await useNonce(ctx.store, claims.nonce, readCookie(request, bindingCookie));
  if (use === 'unknown') throw new TelegramLoginError('nonce_mismatch', '"nonce" claim is unknown, expired or already used');
  if (use === 'other_browser') throw new TelegramLoginError('nonce_mismatch', '"nonce" claim was issued to another browser');
  await useIdTokenOnce(ctx.store, idToken, claims);
  const response = await completeLogin(ctx, request, 'id_token', claims, idToken);
  response.headers.append('Set-Cookie', serializeCookie(bindingCookie, '', { maxAge: 0, secure: ctx.secure }));
  return response;
}
