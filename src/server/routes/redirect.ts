import { loginErrors, providerErrorFor, TelegramLoginError } from '../../errors.js';
import { buildAuthorizationUrl } from '../../oauth/authorization-url.js';
import { pkceChallenge } from '../../oauth/pkce.js';
import { readCookie, serializeCookie } from '../cookies.js';
import { exchangeCode } from '../exchange-code.js';
import { exchangeOptions, oidcOf, type HandlerContext } from '../handler-options.js';
import { badRequest } from '../http.js';
import { useIdTokenOnce } from '../id-token-replay.js';
import { createTransaction, openTransaction, safeReturnTo, sealTransaction, TRANSACTION_TTL_SECONDS } from '../transaction.js';
import { emit, OIDC_LOGIN } from './complete-login.js';

const SCOPE = 'openid profile';

export function transactionCookie(ctx: HandlerContext, value: string, maxAge: number): string {
  return serializeCookie(ctx.cookies.transaction, value, { maxAge, secure: ctx.secure });
}

/** `GET /login`: the server-side redirect flow starts: state, PKCE and a nonce in an encrypted cookie, then off to Telegram. */
export async function loginRoute(ctx: HandlerContext, _request: Request, url: URL): Promise<Response> {
  const oidc = oidcOf(ctx);
  const transaction = createTransaction(safeReturnTo(url.searchParams.get('returnTo')) ?? ctx.returnTo);
  const location = buildAuthorizationUrl({
    endpoint: `${oidc.issuer}/auth`,
    clientId: oidc.clientId,
    redirectUri: oidc.redirectUri,
    scope: SCOPE,
    state: transaction.state,
    codeChallenge: await pkceChallenge(transaction.verifier),
    nonce: transaction.nonce,
  });
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', transactionCookie(ctx, await sealTransaction(transaction, ctx.keys), TRANSACTION_TTL_SECONDS));
  return new Response(null, { status: 302, headers });
}

/** `GET /callback`: checks `state` against the transaction cookie, redeems the code, sets the session. */
export async function callbackRoute(ctx: HandlerContext, request: Request, url: URL): Promise<Response> {
  const cookie = readCookie(request, ctx.cookies.transaction);
  const transaction = cookie ? await openTransaction(cookie, ctx.keys) : null;
  const params = url.searchParams;
  if (!transaction || params.get('state') !== transaction.state) throw loginErrors.stateMismatch();
  const error = params.get('error');
  if (error !== null) throw providerErrorFor(error, params.get('error_description') ?? undefined);
  const code = params.get('code');
  if (!code) throw badRequest('missing "code" parameter');
  // Built before the code is spent: nothing after the redemption may fail on the response itself.
  const headers = new Headers({ Location: transaction.returnTo, 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', transactionCookie(ctx, '', 0));
  const { claims, idToken } = await exchangeCode(exchangeOptions(ctx, code, transaction.verifier));
  // Telegram may not echo the nonce in the code flow; when it does, it must be ours.
  if (claims.nonce !== undefined && claims.nonce !== transaction.nonce) throw new TelegramLoginError('nonce_mismatch', 'unexpected "nonce" claim value');
  await useIdTokenOnce(ctx.store, idToken, claims);
  const session = await ctx.sessions.issue(claims, request, OIDC_LOGIN);
  headers.append('Set-Cookie', session.cookie);
  await emit(ctx, { type: 'login', method: 'server_redirect', sub: claims.sub, at: new Date() });
  return new Response(null, { status: 302, headers });
}
