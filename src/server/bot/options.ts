import { checkApiRoot, checkBotToken, checkUrl, isBotTokenShaped, masked, ownOptions, shown } from '../validate.js';
import { createBotApiClient, type BotApiClient } from './api-client.js';
import { createBotTexts, type BotLoginTextOverrides, type BotTextsFor } from './texts/index.js';

/** The handler's `bot` option: bot login (a deep link or QR code, confirmed in the site's own bot). */
export interface BotLoginOptions {
  /** The bot token from BotFather (/mybots → API Token). Server only: never send it to a browser. */
  token: string;
  /** The bot's username without "@", like `MyLoginBot`: the deep links open its chat. */
  username: string;
  /**
   * The secret Telegram sends with every webhook call (`X-Telegram-Bot-Api-Secret-Token`; pass it to
   * `setWebhook` as `secret_token`): 16 to 256 characters of `A-Za-z0-9_-`. Without it,
   * `POST /bot/webhook` answers 404; deliver updates with `auth.handleBotUpdate` or `auth.pollBotUpdates`.
   */
  webhookSecret?: string;
  /** Where the Bot API is. Default `https://api.telegram.org`; `mock.issuer` against the mock. */
  apiRoot?: string;
  /**
   * For development against the mock: the simulated app's link page, `${mock.app.url}/resolve`.
   * `links.https` is then `<linkBase>?domain=<bot>&start=<payload>`. Default: `https://t.me/<bot>?start=<payload>`.
   */
  linkBase?: string;
  /** Seconds a login request (its link, QR code and match code) stays usable. Default 300. */
  requestTtlSeconds?: number;
  /**
   * The most login requests this handler instance keeps in the store (each lives `requestTtlSeconds`
   * plus 5 minutes, decided or not). Past it, a new start drops the oldest: a flood of starts cannot
   * fill the store. Default 10 000 (about 17 starts a second, sustained, per instance).
   */
  maxPendingRequests?: number;
  /** The site's name in the bot's question ("Log in to <site>?"). Default: the host of the site's origin. */
  siteName?: string;
  /** The time zone of the time in the bot's question (an IANA name such as `Europe/Berlin`). Default `UTC`. */
  timeZone?: string;
  /** Your own wording, per language tag: `{ en: { prompt: 'Sign in to {site}?' } }`; a new tag adds a language. */
  texts?: BotLoginTextOverrides;
}

/** The `bot` option, checked, with the client the kit talks to Telegram through. */
export interface BotSettings {
  username: string;
  botId: number;
  webhookSecret: string | undefined;
  linkBase: string | undefined;
  ttlSeconds: number;
  maxPendingRequests: number;
  siteName: string;
  timeZone: string;
  textsFor: BotTextsFor;
  api: BotApiClient;
}

export const DEFAULT_BOT_REQUEST_TTL_SECONDS = 300;
export const DEFAULT_MAX_PENDING_BOT_REQUESTS = 10_000;
const USERNAME = /^(?=.{5,32}$)[A-Za-z][A-Za-z0-9_]*bot$/i;
const WEBHOOK_SECRET = /^[A-Za-z0-9_-]{16,256}$/;

function checkUsername(value: unknown): string {
  if (typeof value === 'string' && value.startsWith('@') && USERNAME.test(value.slice(1))) {
    throw new TypeError(`"bot.username" must be the username without "@": write ${shown(value.slice(1))}, got ${shown(value)}`);
  }
  if (typeof value !== 'string' || !USERNAME.test(value)) {
    throw new TypeError(`"bot.username" must be the bot's username (5 to 32 letters, digits and _, ending in "bot", like MyLoginBot), got ${shown(value)}`);
  }
  return value;
}

function checkWebhookSecret(value: unknown, token: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (value === token || isBotTokenShaped(value))) {
    throw new TypeError('"bot.webhookSecret" looks like a bot token: the webhook secret is a random string of your own (e.g. `openssl rand -hex 32`), never the token');
  }
  if (typeof value !== 'string' || !WEBHOOK_SECRET.test(value)) {
    throw new TypeError(`"bot.webhookSecret" must be 16 to 256 characters of A-Za-z0-9_- (Telegram's rule for secret_token), e.g. from \`openssl rand -hex 32\`, got ${masked(value)}`);
  }
  return value;
}

function checkTtl(value: unknown): number {
  if (value === undefined) return DEFAULT_BOT_REQUEST_TTL_SECONDS;
  if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > 3600) {
    throw new TypeError(`"bot.requestTtlSeconds" must be a whole number of seconds from 1 to 3600 (default ${DEFAULT_BOT_REQUEST_TTL_SECONDS}), got ${shown(value)}`);
  }
  return value as number;
}

function checkMaxPending(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_PENDING_BOT_REQUESTS;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new TypeError(`"bot.maxPendingRequests" must be a whole number ≥ 1 (default ${DEFAULT_MAX_PENDING_BOT_REQUESTS}), got ${shown(value)}`);
  }
  return value as number;
}

function checkSiteName(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 64 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new TypeError(`"bot.siteName" must be a short name for your site (1 to 64 characters on one line), got ${shown(value)}`);
  }
  return value.trim();
}

function checkTimeZone(value: unknown): string {
  if (value === undefined) return 'UTC';
  try {
    if (typeof value !== 'string') throw new TypeError();
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new TypeError(`"bot.timeZone" must be an IANA time zone such as UTC or Europe/Berlin, got ${shown(value)}`);
  }
}

function checkLinkBase(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const url = new URL(checkUrl(value, 'bot.linkBase'));
  if (url.search || url.hash) throw new TypeError(`"bot.linkBase" must be a URL without ?query or #fragment, like \${mock.app.url}/resolve, got ${shown(value)}`);
  return url.href;
}

/** Checks the `bot` option; `siteHost` names the site when `siteName` is not given. */
export function resolveBotOptions(given: BotLoginOptions, siteHost: string, fetchImpl: typeof fetch | undefined): BotSettings {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new TypeError(`"bot" must be an object like { token: process.env.BOT_TOKEN, username: 'MyLoginBot' }, got ${shown(given)}`);
  }
  const options = ownOptions(given, '"bot"');
  const token = checkBotToken(options.token, 'bot.token');
  const apiRoot = checkApiRoot(options.apiRoot ?? 'https://api.telegram.org', 'bot.apiRoot');
  const api = createBotApiClient({ token, apiRoot, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return {
    username: checkUsername(options.username),
    botId: api.botId,
    webhookSecret: checkWebhookSecret(options.webhookSecret, token),
    linkBase: checkLinkBase(options.linkBase),
    ttlSeconds: checkTtl(options.requestTtlSeconds),
    maxPendingRequests: checkMaxPending(options.maxPendingRequests),
    siteName: checkSiteName(options.siteName, siteHost),
    timeZone: checkTimeZone(options.timeZone),
    textsFor: createBotTexts(options.texts),
    api,
  };
}
