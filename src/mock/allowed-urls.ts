/**
 * The bot's "Allowed URLs", as a mock of BotFather's list. An entry is either an origin
 * (`https://example.com`), which lets the library's popup flow run on that origin, or a URL with a
 * path (`https://example.com/auth/callback`), which is also an exact redirect URI for the code flow
 * and allows its origin. Two wildcards make local development painless: `*` as the port matches any
 * port, and a path ending in `*` matches every path that starts with what precedes it.
 */
export interface AllowedUrl {
  readonly entry: string;
  readonly protocol: string;
  readonly hostname: string;
  /** `*` for any port; otherwise the effective port as a string. */
  readonly port: string;
  /** undefined for an origin-only entry. */
  readonly path?: string;
  readonly prefix: boolean;
}

const PATTERN = /^(https?):\/\/(\[[0-9a-f:.]+\]|[^/:?#\s]+)(?::(\d{1,5}|\*))?(\/[^#\s]*)?$/i;

function effectivePort(protocol: string, port: string): string {
  return port || (protocol === 'https:' ? '443' : '80');
}

export function parseAllowedUrl(entry: string): AllowedUrl {
  const match = PATTERN.exec(entry);
  if (!match) throw new TypeError(`allowed URL ${JSON.stringify(entry)} is not an http(s) origin or URL`);
  const [, scheme = '', host = '', port = '', rawPath] = match;
  const protocol = `${scheme.toLowerCase()}:`;
  // Normalise as the WHATWG URL parser does for the redirect_uri it is compared with (punycode host,
  // percent-encoded path, port range), so an entry that looks right also matches.
  let url: URL;
  try {
    url = new URL(`${protocol}//${host}${port && port !== '*' ? `:${port}` : ''}${rawPath ?? ''}`);
  } catch {
    throw new TypeError(`allowed URL ${JSON.stringify(entry)} is not an http(s) origin or URL`);
  }
  if (url.username || url.password) throw new TypeError(`allowed URL ${JSON.stringify(entry)} must not contain credentials`);
  const path = rawPath === undefined || rawPath === '/' ? undefined : url.pathname + url.search;
  const prefix = path?.endsWith('*') ?? false;
  return {
    entry,
    protocol,
    hostname: url.hostname,
    port: port === '*' ? '*' : effectivePort(protocol, url.port),
    ...(path === undefined ? {} : { path: prefix ? path.slice(0, -1) : path }),
    prefix,
  };
}

function sameOrigin(url: URL, allowed: AllowedUrl): boolean {
  return (
    url.protocol === allowed.protocol &&
    url.hostname === allowed.hostname &&
    (allowed.port === '*' || effectivePort(url.protocol, url.port) === allowed.port)
  );
}

/** Library (post_message) flow: the redirect_uri's origin must be allowed. */
export function isAllowedOrigin(url: URL, allowed: readonly AllowedUrl[]): boolean {
  return allowed.some((entry) => sameOrigin(url, entry));
}

/** Code flow: the redirect_uri must be registered exactly (or fall under a `*` path). */
export function isAllowedRedirect(url: URL, allowed: readonly AllowedUrl[]): boolean {
  const target = url.pathname + url.search;
  return allowed.some(
    (entry) =>
      entry.path !== undefined &&
      sameOrigin(url, entry) &&
      (entry.prefix ? target.startsWith(entry.path) : target === entry.path),
  );
}
