import { TelegramLoginError } from '../../errors.js';
import type { HandlerContext } from '../handler-options.js';
import { errorResponse, jsonResponse, toHttpError } from '../http.js';
import { emit } from './complete-login.js';

/** `GET /session`: who is logged in, for the page. */
export async function sessionRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const session = await ctx.sessions.getSession(request);
  if (!session) throw new TelegramLoginError('session_invalid', 'no valid session cookie');
  return jsonResponse(200, { user: session.user, expiresAt: session.expiresAt });
}

/** `POST /logout`: revokes the session everywhere the store is shared, and clears the cookie. */
export async function logoutRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const clear = new Headers({ 'Set-Cookie': ctx.sessions.clearCookie(), 'Cache-Control': 'no-store' });
  try {
    // Reading the session checks the store for revocations, so it can fail like the revocation itself.
    const session = await ctx.sessions.getSession(request);
    if (!session) return new Response(null, { status: 204, headers: clear });
    await ctx.sessions.revoke(session);
    await emit(ctx, { type: 'logout', sub: session.user.sub, at: new Date() });
    return new Response(null, { status: 204, headers: clear });
  } catch (error) {
    // The store is down or full: say so, and still drop the cookie in this browser; the user asked to
    // leave, and the session stays valid elsewhere only until it expires or a later logout records it.
    const failure = toHttpError(error);
    if (failure.code === 'store_unavailable') await emit(ctx, { type: 'store_unavailable', route: '/logout', at: new Date() });
    return errorResponse(failure, clear);
  }
}
