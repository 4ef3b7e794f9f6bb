/**
 * The kit's cookies. On https every one is `__Host-` prefixed, `Secure`, `Path=/` and host-only, so
 * that a sibling subdomain cannot set or shadow it (cookie tossing); on plain-http loopback (local
 * development) browsers would drop `Secure` cookies, so the names are plain and `Secure` is off.
 * All are HttpOnly and `SameSite=Lax`.
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The session cookie's name as the site will use it. On https every name carries the exact
 * `__Host-` prefix (added when missing): the prefix is what keeps sibling subdomains from setting or
 * shadowing the cookie, so a custom name must not silently drop it. On loopback http (local
 * development) a prefixed name would never be stored, so one is refused.
 */
export function checkCookieName(name: unknown, secure: boolean, option = 'session.cookieName'): string {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new TypeError(`"${option}" must be a cookie name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(name)}`);
  }
  const prefixed = /^__(host|secure)-/i.exec(name);
  if (!secure) {
    if (prefixed) throw new TypeError(`"${option}" is ${JSON.stringify(name)}, but browsers keep __Host-/__Secure- cookies only over https: use a plain name on http loopback`);
    return name;
  }
  if (!prefixed) return `__Host-${name}`;
  if (prefixed[0] !== '__Host-') {
    throw new TypeError(`"${option}" is ${JSON.stringify(name)}: on https the kit's cookies use the exact "__Host-" prefix (host-only, Path=/); write "__Host-${name.slice(prefixed[0].length)}" or a plain name`);
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
  /** Bot login: binds a login request to the browser that started it (`<request id>.<secret>`). */
  bot: string;
}

export function cookieNames(session: string): CookieNames {
  return { session, transaction: `${session}_tx`, nonce: (nonce) => `${session}_nonce_${nonce.slice(0, 12)}`, bot: `${session}_bot` };
}

export function serializeCookie(name: string, value: string, { maxAge, secure }: { maxAge: number; secure: boolean }): string {
  const parts = [`${name}=${value}`, 'HttpOnly', 'SameSite=Lax', 'Path=/', `Max-Age=${Math.max(0, Math.floor(maxAge))}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * The value of the cookie called exactly `name`, or undefined when there is none, or more than one
 * could be meant. Browsers trim only spaces and tabs around names; a name that matches only after
 * wider trimming (`\u00a0__Host-tlk_session`, which a sibling subdomain *may* set, unlike the real
 * `__Host-` cookie) or a name sent twice is ambiguous, and ambiguity reads as no cookie.
 */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  let found: string | undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    const raw = pair.slice(0, separator);
    const exact = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (exact !== name && raw.trim() !== name && raw.trim().toLowerCase() !== name.toLowerCase()) continue;
    if (exact !== name || found !== undefined) return undefined;
    found = pair.slice(separator + 1).replace(/^[ \t]+|[ \t]+$/g, '');
  }
  return found;
}
