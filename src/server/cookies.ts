/** Cookie reading and writing for the session and transaction cookies. */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function checkCookieName(name: string): string {
  if (typeof name !== 'string' || !TOKEN.test(name)) throw new TypeError(`cookie name ${JSON.stringify(name)} is not a valid token`);
  return name;
}

/**
 * `Secure` everywhere except plain-http loopback, where browsers would drop a Secure cookie and local
 * development would silently lose its session. Any other http origin still gets `Secure`: fail closed.
 */
export function wantsSecureCookie(request: Request): boolean {
  const url = new URL(request.url);
  return !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}

export interface CookieAttributes {
  maxAge: number;
  path: string;
  secure: boolean;
}

export function serializeCookie(name: string, value: string, { maxAge, path, secure }: CookieAttributes): string {
  const parts = [`${name}=${value}`, 'HttpOnly', 'SameSite=Lax', `Path=${path}`, `Max-Age=${Math.max(0, Math.floor(maxAge))}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The first cookie called `name` in the request (the most specific path comes first). */
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
