import type { TelegramIdTokenClaims } from '../../types.js';
import type { AuthEvent, HandlerContext, LoginMethod } from '../handler-options.js';
import { jsonResponse } from '../http.js';

/** An event hook must never turn a good login into a failed request. */
export async function emit(ctx: HandlerContext, event: AuthEvent): Promise<void> {
  try {
    await ctx.onEvent?.(event);
  } catch (error) {
    console.error('telegram-login-kit: onEvent threw; the request went on', error);
  }
}

/** The `amr` of a session from Telegram's login (an id_token, whichever flow brought it). */
export const OIDC_LOGIN = { amr: ['tg_oidc'] } as const;

/**
 * Starts the session for a verified login (revoking the one it replaces) and answers what `/verify`
 * and `/exchange` promise the browser: the verified claims, and the id_token only when the site opted in.
 */
export async function completeLogin(ctx: HandlerContext, request: Request, method: LoginMethod, claims: TelegramIdTokenClaims, idToken?: string) {
  const { session, cookie } = await ctx.sessions.issue(claims, request, OIDC_LOGIN);
  await emit(ctx, { type: 'login', method, sub: claims.sub, at: new Date() });
  const body = { user: claims, ...(idToken !== undefined && ctx.returnIdToken ? { idToken } : {}), session: { expiresAt: session.expiresAt } };
  return jsonResponse(200, body, new Headers({ 'Set-Cookie': cookie }));
}
