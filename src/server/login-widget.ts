import { TelegramLoginError } from '../errors.js';
import { ownOptions } from './validate.js';

/** A user as the legacy login widget and bot `login_url` buttons deliver it, after its hash checked out. */
export interface TelegramWidgetUser {
  /** The Telegram user id: the same as the id_token's `id` claim. */
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  photo_url?: string;
  /** When the user authorized, in seconds since the epoch. */
  auth_date: number;
}

/** What `verifyLoginWidget` accepts: the widget's callback object, or the query of its redirect. */
export type LoginWidgetData = Record<string, string | number> | URLSearchParams | URL | string;

export interface VerifyLoginWidgetOptions {
  /**
   * Oldest `auth_date` accepted, in seconds. Default 3 600 (an hour): the data is a bearer credential
   * that travels in a URL (history, logs, Referer), so a short window limits what a leaked copy is worth.
   */
  maxAgeSeconds?: number;
  /** "Now", for tests. Default the current time. */
  currentDate?: Date;
  /**
   * Which fields the hash covers. Default: every field received except `hash`. A `login_url` whose
   * own URL has query parameters must list Telegram's fields here (see {@link LOGIN_WIDGET_FIELDS}).
   */
  fields?: readonly string[];
}

/** The fields Telegram signs in widget and `login_url` data. */
export const LOGIN_WIDGET_FIELDS: readonly string[] = ['id', 'first_name', 'last_name', 'username', 'photo_url', 'auth_date'];

// Telegram's clock and ours may differ a little; more than this in the future is forged or broken.
const FUTURE_TOLERANCE_SECONDS = 30;
const HASH = /^[0-9a-f]{64}$/i;
const encoder = new TextEncoder();

function widgetError(reason: string, message: string): TelegramLoginError {
  return new TelegramLoginError('login_widget_invalid', message, { reason });
}

function fromParams(params: URLSearchParams): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of params) {
    if (fields.has(key)) throw widgetError('malformed', `"${key}" field is repeated`);
    fields.set(key, value);
  }
  return fields;
}

function parseUrl(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw widgetError('malformed', 'widget data is not a valid url');
  }
}

function toFields(data: LoginWidgetData): Map<string, string> {
  if (data instanceof URL) return fromParams(data.searchParams);
  if (data instanceof URLSearchParams) return fromParams(data);
  if (typeof data === 'string') return fromParams(/^https?:\/\//i.test(data) ? parseUrl(data).searchParams : new URLSearchParams(data));
  if (typeof data !== 'object' || data === null) throw widgetError('malformed', 'widget data must be an object, URLSearchParams, URL or query string');
  const fields = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) if (value !== undefined && value !== null) fields.set(key, String(value));
  return fields;
}

/**
 * The fields the hash covers: all but `hash`, or only those picked. Nothing else may reach the user
 * object. A line break inside a value would shift the check string's `key=value` lines
 * (`last_name: "X\nusername=mal"`), so no value may contain one.
 */
function signedFields(fields: Map<string, string>, pick: readonly string[] | undefined): Map<string, string> {
  const signed = new Map([...fields].filter(([key]) => key !== 'hash' && (pick === undefined || pick.includes(key))));
  for (const [key, value] of signed) {
    if (/[\n\r]/.test(key) || /[\n\r]/.test(value)) throw widgetError('malformed', `"${key.replace(/[\n\r]/g, ' ')}" field contains a line break`);
  }
  return signed;
}

/** Telegram's data_check_string: the signed fields sorted by key, `key=value` per line. */
function dataCheckString(signed: Map<string, string>): string {
  return [...signed]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

/** secret_key = SHA-256(bot token); the hash is HMAC-SHA-256 of the check string under it. */
async function hashMatches(botToken: string, checkString: string, hash: string): Promise<boolean> {
  const secret = await crypto.subtle.digest('SHA-256', encoder.encode(botToken));
  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  // subtle.verify compares in constant time, unlike comparing two hex strings.
  return crypto.subtle.verify('HMAC', key, hexToBytes(hash), encoder.encode(checkString));
}

function positiveInteger(fields: Map<string, string>, key: string): number {
  const value = fields.get(key);
  if (value === undefined || !/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) <= 0) {
    throw widgetError('malformed', `"${key}" field must be a positive integer`);
  }
  return Number(value);
}

function toUser(fields: Map<string, string>): TelegramWidgetUser {
  const firstName = fields.get('first_name');
  if (!firstName) throw widgetError('malformed', 'missing "first_name" field');
  const user: TelegramWidgetUser = { id: positiveInteger(fields, 'id'), first_name: firstName, auth_date: positiveInteger(fields, 'auth_date') };
  for (const key of ['last_name', 'username', 'photo_url'] as const) {
    const value = fields.get(key);
    if (value) user[key] = value;
  }
  return user;
}

function checkAge(authDate: number, now: number, maxAgeSeconds: number): void {
  if (authDate > now + FUTURE_TOLERANCE_SECONDS) throw widgetError('future', '"auth_date" is in the future');
  if (now - authDate > maxAgeSeconds) throw widgetError('expired', `"auth_date" is older than ${maxAgeSeconds} seconds`);
}

/**
 * Checks data from Telegram's legacy login widget or a bot's `login_url` button (same format):
 * recomputes the HMAC with SHA-256 of the bot token, compares it in constant time, and rejects an
 * `auth_date` older than `maxAgeSeconds` or in the future. Throws `login_widget_invalid` with a `reason`.
 */
export async function verifyLoginWidget(
  data: LoginWidgetData,
  botToken: string,
  options: VerifyLoginWidgetOptions = {},
): Promise<TelegramWidgetUser> {
  const { maxAgeSeconds = 3_600, currentDate, fields: pick } = ownOptions(options, 'verifyLoginWidget');
  if (typeof botToken !== 'string' || botToken === '') throw new TypeError('"botToken" is required');
  if (!Number.isFinite(maxAgeSeconds) || maxAgeSeconds <= 0) throw new TypeError('"maxAgeSeconds" must be a positive number');
  const fields = toFields(data);
  const hash = fields.get('hash');
  if (hash === undefined) throw widgetError('malformed', 'missing "hash" field');
  if (!HASH.test(hash)) throw widgetError('malformed', '"hash" field must be 64 hex digits');
  const signed = signedFields(fields, pick);
  if (!(await hashMatches(botToken, dataCheckString(signed), hash))) throw widgetError('hash', '"hash" does not match the data');
  const user = toUser(signed);
  checkAge(user.auth_date, Math.floor((currentDate ?? new Date()).getTime() / 1000), maxAgeSeconds);
  return user;
}
