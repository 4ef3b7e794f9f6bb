import { TelegramLoginError } from '../errors.js';
import { DEFAULT_ISSUER, DEFAULT_LIBRARY_SRC, type RequestAccess, type TelegramLoginOptions } from '../types.js';
import type { CodeLoginRequest } from './authorize.js';
import type { LibraryLoginRequest } from './library.js';

export type LoginRequest = LibraryLoginRequest | CodeLoginRequest;

const REQUEST_ACCESS: readonly RequestAccess[] = ['write', 'phone'];
const FLOWS = ['library', 'popup', 'redirect'] as const;
// Telegram's library appends the nonce to the popup URL without encoding it.
const URL_SAFE_NONCE = /^[A-Za-z0-9._~-]{1,512}$/;
const DEFAULT_LIBRARY_TIMEOUT = 10_000;
const DEFAULT_TIMEOUT = 300_000;

function invalid(message: string): never {
  throw new TelegramLoginError('invalid_config', message);
}

// setTimeout's ceiling (about 24.8 days); longer values would fire at once.
const MAX_MS = 2 ** 31 - 1;

function positiveMs(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || value > MAX_MS) invalid(`"${name}" must be a positive number of milliseconds up to ${MAX_MS}`);
  return value;
}

/** An absolute http(s) URL, resolved against the page; `invalid_config` naming the attribute otherwise. */
function httpUrl(value: string, attribute: string): URL {
  let url: URL;
  try {
    url = new URL(value, document.baseURI);
  } catch {
    invalid(`"${attribute}" is not a valid URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid(`"${attribute}" must be an http(s) URL`);
  return url;
}

/**
 * The code and its verifier go to exchange-url, and the callback answers only its own origin: an
 * injected attribute must not be able to send them elsewhere.
 */
function sameOrigin(url: URL, attribute: string): URL {
  if (url.origin !== location.origin) invalid(`"${attribute}" must be on this page's origin ${location.origin}`);
  return url;
}

/** Telegram's scopes for the code flows, the way its library maps `request_access`. */
function scopeFor(requestAccess: readonly RequestAccess[]): string {
  return ['openid', 'profile', ...(requestAccess.includes('phone') ? ['phone'] : []), ...(requestAccess.includes('write') ? ['telegram:bot_access'] : [])].join(' ');
}

const OPTION_NAMES = [
  'clientId',
  'requestAccess',
  'lang',
  'nonce',
  'flow',
  'issuer',
  'redirectUri',
  'exchangeUrl',
  'librarySrc',
  'libraryTimeout',
  'timeout',
  'signal',
] as const satisfies readonly (keyof TelegramLoginOptions)[];

/**
 * The options' own properties only, on an object with no prototype: a polluted
 * `Object.prototype.librarySrc` must not choose the script or the provider.
 */
function ownOptions(options: TelegramLoginOptions): TelegramLoginOptions {
  const own = Object.create(null) as Record<string, unknown>;
  for (const name of OPTION_NAMES) if (Object.hasOwn(options, name)) own[name] = options[name];
  return own as unknown as TelegramLoginOptions;
}

/**
 * Checks login options and fills in defaults. Throws a `TelegramLoginError` with code
 * `invalid_config` whose message names the offending option.
 */
export function normalizeLoginOptions(given: TelegramLoginOptions): LoginRequest {
  if (typeof given !== 'object' || given === null) invalid('login() needs an options object: { clientId, … }');
  const options = ownOptions(given);
  const clientId = String(options.clientId ?? '').trim();
  if (!clientId) invalid('"client-id" is required: the numeric client id BotFather shows for your bot');
  if (!/^\d{1,20}$/.test(clientId)) invalid(`"client-id" must be numeric (the bot id), got "${clientId}"`);

  const requestAccess = [...new Set(options.requestAccess ?? [])];
  const unknown = requestAccess.filter((item) => !REQUEST_ACCESS.includes(item));
  if (unknown.length > 0) invalid(`"request-access" takes "write" and "phone", got "${unknown.join(' ')}"`);

  if (options.nonce !== undefined && options.nonce !== '' && !URL_SAFE_NONCE.test(options.nonce)) {
    invalid('"nonce" must be URL-safe (letters, digits, "-", "_", ".", "~"; at most 512): use base64url or hex');
  }
  const flow = options.flow ?? 'library';
  if (!FLOWS.includes(flow)) invalid(`"flow" must be ${FLOWS.join(', ')}; got "${String(flow)}"`);

  const common = {
    clientId,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    timeout: positiveMs(options.timeout, 'timeout', DEFAULT_TIMEOUT),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  if (flow === 'library') {
    return {
      ...common,
      flow,
      requestAccess,
      librarySrc: httpUrl(options.librarySrc || DEFAULT_LIBRARY_SRC, 'library-src').href,
      libraryTimeout: positiveMs(options.libraryTimeout, 'libraryTimeout', DEFAULT_LIBRARY_TIMEOUT),
    };
  }

  if (!options.exchangeUrl) invalid(`flow="${flow}" needs "exchange-url": your server endpoint that redeems the code with the client secret`);
  // The callback page hands the code back by postMessage to its own origin (or a same-origin channel).
  const redirectUri = sameOrigin(httpUrl(options.redirectUri || location.origin + location.pathname, 'redirect-uri'), 'redirect-uri');
  if (redirectUri.hash) invalid('"redirect-uri" must not have a #fragment');
  const issuer = httpUrl(options.issuer || DEFAULT_ISSUER, 'issuer');
  return {
    ...common,
    flow,
    scope: scopeFor(requestAccess),
    authorizationEndpoint: new URL('/auth', issuer).href,
    redirectUri: redirectUri.href,
    exchangeUrl: sameOrigin(httpUrl(options.exchangeUrl, 'exchange-url'), 'exchange-url').href,
  };
}
