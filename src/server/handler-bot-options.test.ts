// createTelegramAuthHandler's checks for bot login: each mistake is a TypeError at start-up that
// names the option, what it got (a token only by its length) and the fix.
import { expect, test } from '@playwright/test';
import { createTelegramAuthHandler, type TelegramAuthHandlerOptions } from './handler.js';
import { DEFAULT_CLIENT } from '../mock/server.js';

const TOKEN = '7700000001:AAMock-bot-token-do-not-use-in-prod';
const session = { secret: 'handler-test-session-secret-0123456789' };
const botOnly = (bot: Record<string, unknown>, rest: Partial<TelegramAuthHandlerOptions> = {}) => () =>
  createTelegramAuthHandler({ bot: { token: TOKEN, username: 'MockLoginBot', ...bot } as never, allowedOrigins: ['https://example.com'], session, ...rest });

test('a handler needs a login method; a bot-only site names itself with allowedOrigins', () => {
  expect(() => createTelegramAuthHandler({ session } as TelegramAuthHandlerOptions)).toThrow(
    'createTelegramAuthHandler needs a login method: "clientId", "clientSecret" and "redirectUri" for Telegram\'s login, or "bot": { token, username } for bot login, or both',
  );
  expect(botOnly({}, { allowedOrigins: undefined })).toThrow('"allowedOrigins" is required for a bot-only site (no "redirectUri"): list your site\'s origin, like [\'https://example.com\']; the first one decides the cookies (https: Secure, __Host- names), got undefined');
  expect(botOnly({}, { allowedOrigins: ['http://example.com'] })).toThrow('"allowedOrigins[0]" must be https outside local development');
  expect(botOnly({}, { allowedOrigins: ['https://example.com/login'] })).toThrow('"allowedOrigins[0]" entry "https://example.com/login" is not an origin like https://example.com');
  expect(botOnly({}, { clientId: DEFAULT_CLIENT.id })).toThrow('"clientSecret" is required');
  expect(() => createTelegramAuthHandler({ clientId: '123', clientSecret: 's', redirectUri: 'https://example.com/cb', bot: { token: TOKEN, username: 'MockLoginBot' }, session })).toThrow(
    '"bot.token" belongs to bot 7700000001 but "clientId" is 123: a bot\'s Client ID is its id, so use the token of the same bot',
  );
  expect(botOnly({})().basePath).toBe('/auth/telegram');
});

test('bot options: the token, the username, the webhook secret', () => {
  expect(botOnly({ token: DEFAULT_CLIENT.secret })).toThrow(`"bot.token" must be the bot token from BotFather (/mybots → API Token, like 123456789:AA…), got a string of ${DEFAULT_CLIENT.secret.length} characters`);
  expect(botOnly({ token: undefined })).toThrow('"bot.token" must be the bot token from BotFather (/mybots → API Token, like 123456789:AA…), got undefined');
  expect(botOnly({ username: '@MockLoginBot' })).toThrow('"bot.username" must be the username without "@": write "MockLoginBot", got "@MockLoginBot"');
  expect(botOnly({ username: 'MockLogin' })).toThrow('"bot.username" must be the bot\'s username (5 to 32 letters, digits and _, ending in "bot", like MyLoginBot), got "MockLogin"');
  expect(botOnly({ webhookSecret: TOKEN })).toThrow('"bot.webhookSecret" looks like a bot token: the webhook secret is a random string of your own (e.g. `openssl rand -hex 32`), never the token');
  expect(botOnly({ webhookSecret: 'short' })).toThrow('"bot.webhookSecret" must be 16 to 256 characters of A-Za-z0-9_- (Telegram\'s rule for secret_token), e.g. from `openssl rand -hex 32`, got a string of 5 characters');
  expect(botOnly({ webhookSecret: 'has spaces in it, sixteen+' })).toThrow('got a string of 26 characters');
  expect(() => createTelegramAuthHandler({ bot: 'token' as never, allowedOrigins: ['https://example.com'], session })).toThrow('"bot" must be an object like { token: process.env.BOT_TOKEN, username: \'MyLoginBot\' }, got "token"');
});

test('bot options: the Bot API root, the link base, the lifetime, the pending cap, the site name, the time zone', () => {
  expect(botOnly({ apiRoot: 'http://api.example.com' })).toThrow('"bot.apiRoot" must be https (the bot token travels in every request\'s path)');
  expect(botOnly({ linkBase: 'http://127.0.0.1:9400/app/resolve?x=1' })).toThrow('"bot.linkBase" must be a URL without ?query or #fragment');
  expect(botOnly({ linkBase: 'not a url' })).toThrow('"bot.linkBase" must be an absolute http(s) URL, got "not a url"');
  for (const ttl of [0, 3601, 1.5, '300']) expect(botOnly({ requestTtlSeconds: ttl })).toThrow('"bot.requestTtlSeconds" must be a whole number of seconds from 1 to 3600 (default 300)');
  expect(botOnly({ siteName: 'two\nlines' })).toThrow('"bot.siteName" must be a short name for your site (1 to 64 characters on one line), got "two\\nlines"');
  for (const max of [0, 1.5, '10']) expect(botOnly({ maxPendingRequests: max })).toThrow('"bot.maxPendingRequests" must be a whole number ≥ 1 (default 10000)');
  expect(botOnly({ timeZone: 'Mars/Olympus' })).toThrow('"bot.timeZone" must be an IANA time zone such as UTC or Europe/Berlin, got "Mars/Olympus"');
  expect(botOnly({ texts: { en: { prompt: '{who}?' } } })).toThrow('"bot.texts.en.prompt" has the placeholder {who}, which it cannot fill: use {site}');
});

test('rate limits know the bot routes', () => {
  expect(botOnly({}, { rateLimits: { botStart: false, botStatus: { max: 10, windowSeconds: 60 } } })).not.toThrow();
  expect(botOnly({}, { rateLimits: { bot: false } as never })).toThrow('"rateLimits.bot" is not a rate-limited route: use nonce, verify, exchange, login, callback, botStart, botStatus');
});
