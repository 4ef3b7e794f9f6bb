import { TelegramLoginError } from '../../errors.js';
import { exchangeCode } from '../exchange-code.js';
import { exchangeOptions, oidcOf, type HandlerContext } from '../handler-options.js';
import { badRequest, readJsonObject, requireString } from '../http.js';
import { useIdTokenOnce } from '../id-token-replay.js';
import { completeLogin } from './complete-login.js';

/**
 * `POST /exchange`: the browser's code flow. The browser checked `state` itself (it created it);
 * PKCE binds the code to this verifier, and the client secret never leaves the server.
 */
export async function exchangeRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request);
  const code = requireString(body, 'code');
  const codeVerifier = requireString(body, 'codeVerifier');
  const state = Object.hasOwn(body, 'state') ? body.state : undefined;
  if (state !== undefined && typeof state !== 'string') throw badRequest('"state" must be a string');
  const redirectUri = Object.hasOwn(body, 'redirectUri') ? body.redirectUri : undefined;
  const configured = oidcOf(ctx).redirectUri;
  if (redirectUri !== undefined && redirectUri !== configured) {
    throw new TelegramLoginError(
      'invalid_config',
      `the page's "redirect-uri" ${JSON.stringify(redirectUri)} is not the server's "redirectUri" ${JSON.stringify(configured)}: make them the same URL`,
    );
  }
  const result = await exchangeCode(exchangeOptions(ctx, code, codeVerifier));
  await useIdTokenOnce(ctx.store, result.idToken, result.claims);
  return completeLogin(ctx, request, 'code', result.claims, result.idToken);
}
