// The server kit's Bot API client against the mock's real Bot API: answers, Telegram's refusals as
// typed errors, flood control, timeouts, unreachable and impostor servers; never the token in a message.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test as base } from '@playwright/test';
import { startMockTelegram, type MockTelegram } from '../../mock/server.js';
import { BotApiError, createBotApiClient } from './api-client.js';

const test = base.extend<{ mock: MockTelegram }>({
  mock: async ({}, use) => {
    const mock = await startMockTelegram({ port: 0 });
    await use(mock);
    await mock.stop();
  },
});

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as BotApiError);

async function serve(answer: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(() => resolve()))),
  };
}

test('calls methods with JSON and resolves with their result', async ({ mock }) => {
  const api = createBotApiClient({ token: mock.bots[0]!.token, apiRoot: mock.issuer });
  expect(api.botId).toBe(mock.bots[0]!.id);
  expect(await api.getMe()).toMatchObject({ id: mock.bots[0]!.id, is_bot: true, username: 'MockLoginBot' });
  await mock.app.open(100001, mock.deepLink('MockLoginBot'));
  await mock.app.press(100001, 'Start');
  const sent = await api.sendMessage({ chat_id: 100001, text: '<b>Hi</b> &amp; bye', parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] } });
  expect(sent).toMatchObject({ chat: { id: 100001 }, text: 'Hi & bye' });
  expect(await api.editMessageText({ chat_id: 100001, message_id: sent.message_id, text: 'Edited' })).toMatchObject({ text: 'Edited' });
  expect(mock.app.messages(100001, 'MockLoginBot').at(-1)).toMatchObject({ text: 'Edited', buttons: [], edited: true });
});

test('Telegram\'s refusals are BotApiErrors with its error_code and description, never with the token', async ({ mock }) => {
  const token = `${mock.bots[0]!.id}:AAwrong-token-wrong-token-wrong-token-xx`;
  const wrong = await failureOf(createBotApiClient({ token, apiRoot: mock.issuer }).getMe());
  expect(wrong).toBeInstanceOf(BotApiError);
  expect({ ...wrong, message: wrong!.message }).toMatchObject({ code: 'bot_api_failed', reason: 'refused', method: 'getMe', status: 401, description: 'Unauthorized', message: 'Bot API getMe: 401 Unauthorized' });
  const api = createBotApiClient({ token: mock.bots[0]!.token, apiRoot: mock.issuer });
  const missing = await failureOf(api.sendMessage({ chat_id: 42, text: 'hi' }));
  expect(missing).toMatchObject({ status: 400, description: 'Bad Request: chat not found', message: 'Bot API sendMessage: 400 Bad Request: chat not found' });
  for (const error of [wrong, missing]) expect(`${error!.message} ${JSON.stringify(error)}`).not.toMatch(/AAwrong|AAMock/);
  await expect(api.call('send message')).rejects.toThrow('a Bot API method is a name like sendMessage, got "send message"');
});

test('flood control: a short retry_after is waited out once; a long one, or a second 429, is reported with retryAfterSeconds', async ({ mock }) => {
  const api = createBotApiClient({ token: mock.bots[0]!.token, apiRoot: mock.issuer, maxRetryAfterSeconds: 2 });
  await mock.control({ botApiError: { error_code: 429, retry_after: 1, method: 'getMe', times: 1 } });
  const started = performance.now();
  expect(await api.getMe()).toMatchObject({ is_bot: true });
  expect(performance.now() - started).toBeGreaterThanOrEqual(950);

  await mock.control({ botApiError: { error_code: 429, retry_after: 30, method: 'getMe', times: 1 } });
  const long = performance.now();
  expect(await failureOf(api.getMe())).toMatchObject({ status: 429, retryAfterSeconds: 30, description: 'Too Many Requests: retry after 30' });
  expect(performance.now() - long).toBeLessThan(500);

  await mock.control({ botApiError: { error_code: 429, retry_after: 1, method: 'getMe', times: 2 } });
  expect(await failureOf(api.getMe())).toMatchObject({ status: 429, retryAfterSeconds: 1 });
});

test('no answer in time is reason "timeout"; an abort is reason "aborted"; both end the call at once', async ({ mock }) => {
  const api = createBotApiClient({ token: mock.bots[0]!.token, apiRoot: mock.issuer, timeoutMs: 200 });
  const path = `/bot${mock.bots[0]!.token}/getMe`;
  await mock.control({ delay: { path, ms: 5_000, times: 1 } });
  const started = performance.now();
  expect(await failureOf(api.getMe())).toMatchObject({ reason: 'timeout', message: 'Bot API getMe: no answer within 200 ms' });
  expect(performance.now() - started).toBeLessThan(2_000);

  await mock.control({ delay: { path, ms: 5_000, times: 1 } });
  const controller = new AbortController();
  const pending = failureOf(api.getMe({ signal: controller.signal, timeoutMs: 10_000 }));
  setTimeout(() => controller.abort(), 50);
  expect(await pending).toMatchObject({ reason: 'aborted', message: 'Bot API getMe: the call was aborted' });
});

test('an unreachable server, an impostor answering HTML and a redirect elsewhere all fail without leaking the token', async ({ mock }) => {
  const token = mock.bots[0]!.token;
  const closed = await serve(() => undefined);
  await closed.close();
  const unreachable = await failureOf(createBotApiClient({ token, apiRoot: closed.url }).getMe());
  expect(unreachable).toMatchObject({ reason: 'network' });
  expect(unreachable!.message).toMatch(new RegExp(`^Bot API getMe: could not reach ${closed.url} \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)$`));

  const impostor = await serve((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>Bad gateway</h1>'));
  const elsewhere = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true,"result":{}}'));
  const redirecting = await serve((req, res) => res.writeHead(307, { Location: `${elsewhere.url}${req.url}` }).end());
  try {
    expect(await failureOf(createBotApiClient({ token, apiRoot: impostor.url }).getMe())).toMatchObject({ reason: 'malformed', message: 'Bot API getMe: the answer (HTTP 502) is not a Bot API answer: check "apiRoot"' });
    expect(await failureOf(createBotApiClient({ token, apiRoot: redirecting.url }).getMe())).toMatchObject({ reason: 'network' });
    expect(elsewhere.hits).toEqual([]);
    expect(redirecting.hits).toEqual([`/bot${token}/getMe`]);
  } finally {
    await Promise.all([impostor.close(), elsewhere.close(), redirecting.close()]);
  }
  expect(`${unreachable!.message}`).not.toContain(token);
});

test('bad options are TypeErrors that name the option and never show the token', () => {
  const token = '7700000001:AAMock-bot-token-do-not-use-in-prod';
  expect(() => createBotApiClient({ token: 'mock-secret-7700000001' })).toThrow('"token" must be the bot token from BotFather (/mybots → API Token, like 123456789:AA…), got a string of 22 characters');
  expect(() => createBotApiClient({ token, apiRoot: 'http://api.example.com' })).toThrow('"apiRoot" must be https (the bot token travels in every request\'s path); plain http is allowed on localhost, 127.0.0.1 and [::1] only, got "http://api.example.com"');
  expect(() => createBotApiClient({ token, apiRoot: 'https://api.telegram.org/?x=1' })).toThrow('"apiRoot" must be a URL without ?query or #fragment');
  expect(() => createBotApiClient({ token, timeoutMs: 0 })).toThrow('"timeoutMs" must be a whole number of milliseconds ≥ 1, got 0');
  expect(createBotApiClient({ token, apiRoot: 'https://api.telegram.org/' }).apiRoot).toBe('https://api.telegram.org');
});
