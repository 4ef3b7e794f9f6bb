import { TelegramLoginError } from '../errors.js';
import { DEFAULT_BOT_URL, DEFAULT_ISSUER, DEFAULT_LIBRARY_SRC, type RequestAccess, type TelegramLoginOptions } from '../types.js';
import type { LoginRequest } from './requests.js';

const REQUEST_ACCESS: readonly RequestAccess[] = ['write', 'phone'];
const FLOWS = ['library', 'popup', 'redirect', 'bot'] as const;
/** A language tag's shape (BCP 47, loosely: `en`, `pt-br`, `sr-Latn-RS`, `de-CH-u-co-phonebk`). */
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/;
// Telegram's library appends the nonce to the popup URL without encoding it.
const URL_SAFE_NONCE = /^[A-Za-z0-9._~-]{1,512}$/;
/** Seconds, like the element's attributes. */
const DEFAULT_LIBRARY_TIMEOUT = 10;
const DEFAULT_TIMEOUT = 300;

/** Throws `invalid_config`: login() options the integrator must fix. */
function throwInvalidConfig(message: string): never {
  throw new TelegramLoginError('invalid_config', message);
}

/** Whether `value` looks like a language tag (what `lang` must be). */
export const isLanguageTag = (value: unknown): value is string => typeof value === 'string' && LANGUAGE_TAG.test(value);

/** Options whose type alone is wrong (a number for a path, a string for a signal): `invalid_config` naming them. */
function checkTypes({ lang, botUrl, signal }: TelegramLoginOptions): void {
  if (lang && !isLanguageTag(lang)) throwInvalidConfig(`"lang" must be a language tag like "pt-br", got ${JSON.stringify(lang)}`);
  if (botUrl && typeof botUrl !== 'string') throwInvalidConfig(`"bot-url" (botUrl) must be a string, got a ${typeof botUrl}`);
  if (signal != null && typeof signal.addEventListener !== 'function') throwInvalidConfig(`"signal" must be an AbortSignal, got ${JSON.stringify(signal)}`);
}

// setTimeout's ceiling (about 24.8 days, in seconds); longer values would fire at once.
const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** A timeout given in seconds (attributes and `login()` alike), as milliseconds for the timers. */
function secondsToMs(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback * 1000;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_SECONDS) {
    throwInvalidConfig(`"${name}" must be a positive number of seconds up to ${MAX_SECONDS}, got ${JSON.stringify(value)}`);
  }
  return Math.round(value * 1000);
}

/** An absolute http(s) URL, resolved against the page; `invalid_config` naming the attribute otherwise. */
function httpUrl(value: string, attribute: string): URL {
  let url: URL;
  try {
    // Against the page's own address, not document.baseURI: an injected <base href> must not move a relative URL.
    url = new URL(value, location.href);
  } catch {
    throwInvalidConfig(`"${attribute}" is not a valid URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throwInvalidConfig(`"${attribute}" must be an http(s) URL`);
  return url;
}

/**
 * The code and its verifier go to exchange-url, and the callback answers only its own origin: an
 * injected attribute must not be able to send them elsewhere.
 */
function sameOrigin(url: URL, attribute: string): URL {
  if (url.origin !== location.origin) throwInvalidConfig(`"${attribute}" must be on this page's origin ${location.origin}`);
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
  'botUrl',
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
  if (typeof given !== 'object' || given === null) throwInvalidConfig('login() needs an options object: { clientId, … }');
  const options = ownOptions(given);
  checkTypes(options);
  const flow = options.flow ?? 'library';
  if (!FLOWS.includes(flow)) throwInvalidConfig(`"flow" must be ${FLOWS.join(', ')}; got "${String(flow)}"`);
  if (options.nonce !== undefined && options.nonce !== '' && !URL_SAFE_NONCE.test(options.nonce)) {
    throwInvalidConfig('"nonce" must be URL-safe (letters, digits, "-", "_", ".", "~"; at most 512): use base64url or hex');
  }
  const clientId = String(options.clientId ?? '').trim();
  const common = {
    clientId,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    timeoutMs: secondsToMs(options.timeout, 'timeout', DEFAULT_TIMEOUT),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  // The bot flow talks only to this site's server (its request cookie is same-origin): no client id, no provider.
  if (flow === 'bot') {
    const botUrl = sameOrigin(httpUrl(options.botUrl || DEFAULT_BOT_URL, 'bot-url'), 'bot-url');
    if (botUrl.search || botUrl.hash) throwInvalidConfig(`"bot-url" must be a path without ?query or #fragment, got "${options.botUrl}"`);
    return { ...common, flow, botUrl: botUrl.href.replace(/\/+$/, '') };
  }
  if (!clientId) throwInvalidConfig('"client-id" is required: the numeric client id BotFather shows for your bot');
  if (!/^\d{1,20}$/.test(clientId)) throwInvalidConfig(`"client-id" must be numeric (the bot id), got "${clientId}"`);

  // Frameworks pass null or undefined for an unbound value, and a space-separated string is what the attribute holds.
  const givenAccess: unknown = options.requestAccess ?? [];
  const list = typeof givenAccess === 'string' ? givenAccess.split(/\s+/).filter(Boolean) : givenAccess;
  if (!Array.isArray(list)) throwInvalidConfig(`"request-access" must be a list of "write" and "phone", got ${JSON.stringify(givenAccess)}`);
  const requestAccess = [...new Set(list as RequestAccess[])];
  const unknown = requestAccess.filter((item) => !REQUEST_ACCESS.includes(item));
  if (unknown.length > 0) throwInvalidConfig(`"request-access" takes "write" and "phone", got "${unknown.join(' ')}"`);

  if (flow === 'library') {
    return {
      ...common,
      flow,
      requestAccess,
      librarySrc: httpUrl(options.librarySrc || DEFAULT_LIBRARY_SRC, 'library-src').href,
      libraryTimeoutMs: secondsToMs(options.libraryTimeout, 'library-timeout', DEFAULT_LIBRARY_TIMEOUT),
    };
  }

  if (!options.exchangeUrl) throwInvalidConfig(`flow="${flow}" needs "exchange-url": your server endpoint that redeems the code with the client secret`);
  if (!globalThis.crypto?.subtle) {
    throwInvalidConfig(`flow="${flow}" needs WebCrypto (for PKCE), which browsers offer only on https pages and on localhost: serve this page over https`);
  }
  // The callback page hands the code back by postMessage to its own origin (or a same-origin channel).
  const redirectUri = sameOrigin(httpUrl(options.redirectUri || location.origin + location.pathname, 'redirect-uri'), 'redirect-uri');
  if (redirectUri.hash) throwInvalidConfig('"redirect-uri" must not have a #fragment');
  const issuer = httpUrl(options.issuer || DEFAULT_ISSUER, 'issuer');
  return {
    ...common,
    flow,
    scope: scopeFor(requestAccess),
    // Appended, not resolved: an issuer behind a proxy may carry a path prefix.
    authorizationEndpoint: `${issuer.href.replace(/\/+$/, '')}/auth`,
    redirectUri: redirectUri.href,
    exchangeUrl: sameOrigin(httpUrl(options.exchangeUrl, 'exchange-url'), 'exchange-url').href,
  };
}
