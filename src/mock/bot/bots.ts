import { timingSafeEqual } from 'node:crypto';
import { randomToken } from '../../oauth/random.js';
import type { MockBot, MockBotOptions } from './types.js';

/**
 * The bot every mock has. Its id is the default OIDC client's id, as on Telegram, where a bot's
 * Client ID is its user id. The token is fixed so docs and tests can name it; it only works here.
 */
export const DEFAULT_BOT: MockBot = {
  id: 7700000001,
  token: '7700000001:AAMock-bot-token-do-not-use-in-prod',
  username: 'MockLoginBot',
  name: 'Mock Login Bot',
  domains: ['localhost', '127.0.0.1'],
};

const TOKEN = /^(\d{1,20}):([A-Za-z0-9_-]{20,64})$/;
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{2,29}bot$/i;
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/;

function botError(which: string, message: string): TypeError {
  return new TypeError(`mock bot ${which}: ${message}`);
}

function checkDomains(which: string, domains: unknown): string[] {
  if (!Array.isArray(domains) || domains.some((domain) => typeof domain !== 'string' || !HOST.test(domain.toLowerCase()))) {
    throw botError(which, `"domains" must be host names such as "example.com" or "localhost" (no scheme, port or path), got ${JSON.stringify(domains)}`);
  }
  return domains.map((domain: string) => domain.toLowerCase());
}

function normalizeBot(options: MockBotOptions, fallbackId: number): MockBot {
  const which = JSON.stringify(options?.username ?? options?.token ?? '?');
  if (typeof options !== 'object' || options === null) throw new TypeError('each of "bots" must be an object with a username');
  if (typeof options.username !== 'string' || !USERNAME.test(options.username)) {
    throw botError(which, '"username" must be 5 to 32 characters of A-Za-z0-9_, start with a letter and end in "bot" (e.g. "ShopLoginBot")');
  }
  let id = options.id;
  let token = options.token;
  if (token !== undefined) {
    const match = typeof token === 'string' ? TOKEN.exec(token) : null;
    if (!match) throw botError(which, '"token" must look like "<numeric id>:<20 to 64 characters of A-Za-z0-9_->", as BotFather issues them');
    if (id !== undefined && Number(match[1]) !== id) throw botError(which, `"token" starts with ${match[1]} but "id" is ${id}; they must be equal`);
    id = Number(match[1]);
  }
  id ??= fallbackId;
  if (!Number.isSafeInteger(id) || id <= 0) throw botError(which, `"id" must be a positive integer, got ${JSON.stringify(id)}`);
  token ??= `${id}:AA${randomToken(25).slice(0, 33)}`;
  const name = options.name ?? options.username;
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) throw botError(which, '"name" must be 1 to 64 characters');
  return { id, token, username: options.username, name, domains: checkDomains(which, options.domains ?? DEFAULT_BOT.domains) };
}

/** The default bot first, then the given ones; ids, tokens and usernames must be unique. */
export function registerBots(extra: readonly MockBotOptions[] = []): MockBot[] {
  if (!Array.isArray(extra)) throw new TypeError('"bots" must be an array of { username, token?, id?, name?, domains? }');
  const bots = [DEFAULT_BOT];
  for (const options of extra) {
    const bot = normalizeBot(options, Math.max(...bots.map((known) => known.id)) + 1);
    const clash = bots.find((known) => known.id === bot.id || known.username.toLowerCase() === bot.username.toLowerCase());
    if (clash) throw botError(JSON.stringify(bot.username), `its id or username is already taken by @${clash.username}`);
    bots.push(bot);
  }
  return bots;
}

/** Finds the bot whose token this is, comparing in constant time as a real API would. */
export function botByToken(bots: readonly MockBot[], token: string): MockBot | undefined {
  const given = Buffer.from(token);
  let found: MockBot | undefined;
  for (const bot of bots) {
    const expected = Buffer.from(bot.token);
    if (expected.length === given.length && timingSafeEqual(expected, given)) found = bot;
  }
  return found;
}

/** Usernames are case-insensitive on Telegram; a leading `@` is allowed. */
export function botByUsername(bots: readonly MockBot[], username: string): MockBot | undefined {
  const wanted = username.replace(/^@/, '').toLowerCase();
  return bots.find((bot) => bot.username.toLowerCase() === wanted);
}
