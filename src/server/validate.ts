/**
 * Checks for the server kit's options. Every failure is a `TypeError` whose message names the option,
 * says what it got (secrets masked) and how to fix it: configuration mistakes surface at start-up,
 * not as a puzzling 4xx on the first login.
 */
import { DEFAULT_ISSUER } from '../types.js';
import { LOOPBACK_HOSTS } from './cookies.js';

/** The signing algorithms Telegram offers that WebCrypto can verify (ES256K cannot be). */
export type IdTokenAlgorithm = 'RS256' | 'ES256' | 'EdDSA';
export const ID_TOKEN_ALGORITHMS: readonly IdTokenAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

/** A value for a message: strings quoted, other things by kind. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}

/** A secret for a message: its shape, never its content. */
export function masked(value: unknown): string {
  return typeof value === 'string' ? `a string of ${value.length} characters` : shown(value);
}

/**
 * The options object's own properties, on an object with no prototype: a polluted
 * `Object.prototype.clockTolerance` (from a deep-merge or query-string bug elsewhere in the app) must
 * not loosen a check the caller never asked to loosen.
 */
export function ownOptions<T extends object>(options: T, what: string): T {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${what} needs an options object, got ${shown(options)}`);
  const own = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(options)) own[key] = (options as Record<string, unknown>)[key];
  return own as T;
}

// Telegram bot tokens look like `123456789:AAH…` (the bot id, a colon, 35 characters).
const BOT_TOKEN = /^\d{5,20}:[A-Za-z0-9_-]{30,}$/;

export function isBotTokenShaped(value: string): boolean {
  return BOT_TOKEN.test(value);
}

/** A bot token from BotFather (`123456789:AA…`), for an option that needs one. */
export function checkBotToken(value: unknown, option: string): string {
  if (typeof value !== 'string' || !isBotTokenShaped(value)) {
    throw new TypeError(`"${option}" must be the bot token from BotFather (/mybots → API Token, like 123456789:AA…), got ${masked(value)}`);
  }
  return value;
}

/** The Bot API's root (`https://api.telegram.org`, or the mock's issuer): the token travels in its paths, so plain http only on loopback. */
export function checkApiRoot(value: unknown, option: string): string {
  const url = new URL(checkUrl(value, option));
  if (url.protocol === 'http:' && !isLoopback(url)) {
    throw new TypeError(`"${option}" must be https (the bot token travels in every request's path); plain http is allowed on localhost, 127.0.0.1 and [::1] only, got ${shown(value)}`);
  }
  if (url.search || url.hash) throw new TypeError(`"${option}" must be a URL without ?query or #fragment, like https://api.telegram.org, got ${shown(value)}`);
  return url.href.replace(/\/+$/, '');
}

export function checkClientId(value: unknown, option = 'clientId'): string {
  const clientId = typeof value === 'number' ? String(value) : value;
  if (typeof clientId !== 'string' || !/^\d{1,20}$/.test(clientId)) {
    throw new TypeError(`"${option}" must be the bot's numeric client id (BotFather → Bot Settings → Web Login), got ${shown(value)}`);
  }
  return clientId;
}

export function checkClientSecret(value: unknown, option = 'clientSecret'): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`"${option}" is required: the Client Secret from BotFather → Bot Settings → Web Login, got ${masked(value)}`);
  }
  if (isBotTokenShaped(value)) {
    throw new TypeError(`"${option}" looks like a bot token (123456:AA…): this is a bot token; use the Client Secret from BotFather → Bot Settings → Web Login`);
  }
  return value;
}

/** Trims the trailing slash a configured issuer may carry; Telegram's `iss` has none. */
export function normalizeIssuer(issuer: string | undefined, option = 'issuer'): string {
  if (issuer === undefined) return DEFAULT_ISSUER;
  return checkUrl(issuer, option).replace(/\/+$/, '');
}

export function checkAlgorithms(algorithms: readonly string[] | undefined): IdTokenAlgorithm[] {
  if (algorithms === undefined) return ['RS256'];
  const valid =
    Array.isArray(algorithms) &&
    algorithms.length > 0 &&
    algorithms.every((alg) => (ID_TOKEN_ALGORITHMS as readonly string[]).includes(alg));
  if (!valid) {
    throw new TypeError(`"algorithms" must be a non-empty list of ${ID_TOKEN_ALGORITHMS.join(', ')} (the one chosen in BotFather), got ${Array.isArray(algorithms) ? JSON.stringify(algorithms) : shown(algorithms)}`);
  }
  return [...algorithms] as IdTokenAlgorithm[];
}

// URLs already checked (the same few are checked on every verification): parsing is not free.
const checkedUrls = new Map<string, string>();

export function checkUrl(value: unknown, option: string): string {
  const known = typeof value === 'string' ? checkedUrls.get(value) : undefined;
  if (known !== undefined) return known;
  const href = parseHttpUrl(value, option);
  if (checkedUrls.size >= 256) checkedUrls.clear();
  checkedUrls.set(value as string, href);
  return href;
}

function parseHttpUrl(value: unknown, option: string): string {
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    throw new TypeError(`"${option}" must be an absolute http(s) URL, got ${shown(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`"${option}" must be an http(s) URL, got ${shown(value)}`);
  return url.href;
}

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * The site's callback URL: https, or plain http on loopback only (local development). It also decides
 * the cookie policy: https → `Secure` and `__Host-` names; loopback http → neither.
 */
export function checkRedirectUri(value: unknown, option = 'redirectUri'): URL {
  const url = new URL(checkUrl(value, option));
  if (url.hash) throw new TypeError(`"${option}" must not have a #fragment (OAuth forbids it), got ${shown(value)}`);
  if (url.protocol === 'http:' && !isLoopback(url)) {
    throw new TypeError(`"${option}" must be https outside local development (plain http is allowed on localhost, 127.0.0.1 and [::1]), got ${shown(value)}`);
  }
  return url;
}

export function checkOrigin(value: unknown, option = 'allowedOrigins'): string {
  let origin = 'null';
  try {
    origin = new URL(value as string).origin;
  } catch {
    // reported below
  }
  if (origin === 'null' || typeof value !== 'string' || origin !== value.replace(/\/$/, '')) {
    throw new TypeError(`"${option}" entry ${shown(value)} is not an origin like https://example.com (scheme, host and port only)`);
  }
  return origin;
}

/** `http://localhost:3000` and `http://127.0.0.1:3000` are the same machine: a local site answers both. */
export function loopbackTwins(origin: string): string[] {
  const url = new URL(origin);
  if (url.protocol !== 'http:' || !isLoopback(url)) return [origin];
  return ['localhost', '127.0.0.1'].map((host) => `http://${host}${url.port ? `:${url.port}` : ''}`);
}

export function checkBasePath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/[^?#\s\\]*[^/?#\s\\]$/.test(value)) {
    throw new TypeError(`"basePath" must start with "/" and not end with one, like /auth/telegram, got ${shown(value)}`);
  }
  return value;
}

export function nonNegative(value: number | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`"${option}" must be a non-negative number, got ${shown(value)}`);
  return value;
}
