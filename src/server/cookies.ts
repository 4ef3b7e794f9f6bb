/**
 * The kit's cookies. On https every one is `__Host-` prefixed, `Secure`, `Path=/` and host-only, so
 * that a sibling subdomain cannot set or shadow it (cookie tossing); on plain-http loopback (local
 * development) browsers would drop `Secure` cookies, so the names are plain and `Secure` is off.
 * All are HttpOnly and `SameSite=Lax`.
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The default session cookie name: `__Host-tlk_session` on https, `tlk_session` on loopback http. */
export function defaultCookieName(secure: boolean): string {
  return secure ? '__Host-tlk_session' : 'tlk_session';
}

export function checkCookieName(name: unknown, secure: boolean, option = 'session.cookieName'): string {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new TypeError(`"${option}" must be a cookie name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(name)}`);
  }
  if (!secure && /^__(Host|Secure)-/i.test(name)) {
    throw new TypeError(`"${option}" is ${JSON.stringify(name)}, but browsers keep __Host-/__Secure- cookies only over https: use a plain name on http loopback`);
  }
  return name;
}

/** The names of the session cookie and the cookies that travel with it. */
export interface CookieNames {
  session: string;
  /** The server-side redirect flow's encrypted transaction (state, PKCE verifier, nonce). */
  transaction: string;
  /**
   * The browser binding of one issued nonce: one cookie per nonce (named after its first characters),
   * so that two buttons or tabs fetching nonces at once never overwrite each other's binding.
   */
  nonce(nonce: string): string;
}

export function cookieNames(session: string): CookieNames {
  return { session, transaction: `${session}_tx`, nonce: (nonce) => `${session}_nonce_${nonce.slice(0, 12)}` };
}

export function serializeCookie(name: string, value: string, { maxAge, secure }: { maxAge: number; secure: boolean }): string {
  const parts = [`${name}=${value}`, 'HttpOnly', 'SameSite=Lax', 'Path=/', `Max-Age=${Math.max(0, Math.floor(maxAge))}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The first cookie called `name` in the request. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
