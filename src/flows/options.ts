import { TelegramLoginError } from '../errors.js';
import { DEFAULT_LIBRARY_SRC, type RequestAccess, type TelegramLoginOptions } from '../types.js';
import type { LibraryLoginRequest } from './library.js';

const REQUEST_ACCESS: readonly RequestAccess[] = ['write', 'phone'];
// Telegram's library appends the nonce to the popup URL without encoding it.
const URL_SAFE_NONCE = /^[A-Za-z0-9._~-]{1,512}$/;
const DEFAULT_LIBRARY_TIMEOUT = 10_000;
const DEFAULT_TIMEOUT = 300_000;

function invalid(message: string): never {
  throw new TelegramLoginError('invalid_config', message);
}

function positiveMs(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) invalid(`"${name}" must be a positive number of milliseconds`);
  return value;
}

/**
 * Checks login options and fills in defaults. Throws a `TelegramLoginError` with code
 * `invalid_config` whose message names the offending option.
 */
export function normalizeLoginOptions(options: TelegramLoginOptions): LibraryLoginRequest {
  const clientId = String(options.clientId ?? '').trim();
  if (!clientId) invalid('"client-id" is required: the numeric client id BotFather shows for your bot');
  if (!/^\d{1,20}$/.test(clientId)) invalid(`"client-id" must be numeric (the bot id), got "${clientId}"`);

  const requestAccess = [...new Set(options.requestAccess ?? [])];
  const unknown = requestAccess.filter((item) => !REQUEST_ACCESS.includes(item));
  if (unknown.length > 0) invalid(`"request-access" takes "write" and "phone", got "${unknown.join(' ')}"`);

  if (options.nonce !== undefined && options.nonce !== '' && !URL_SAFE_NONCE.test(options.nonce)) {
    invalid('"nonce" must be URL-safe (letters, digits, "-", "_", ".", "~"; at most 512): use base64url or hex');
  }
  if (options.flow !== undefined && options.flow !== 'library') invalid(`"flow" must be "library", got "${String(options.flow)}"`);

  let librarySrc: string;
  try {
    librarySrc = new URL(options.librarySrc || DEFAULT_LIBRARY_SRC, document.baseURI).href;
  } catch {
    invalid(`"library-src" is not a valid URL: "${options.librarySrc}"`);
  }
  if (!/^https?:$/.test(new URL(librarySrc).protocol)) invalid('"library-src" must be an http(s) URL');

  return {
    clientId,
    requestAccess,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    librarySrc,
    libraryTimeout: positiveMs(options.libraryTimeout, 'libraryTimeout', DEFAULT_LIBRARY_TIMEOUT),
    timeout: positiveMs(options.timeout, 'timeout', DEFAULT_TIMEOUT),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
