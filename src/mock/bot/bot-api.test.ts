import { expect, test } from '@playwright/test';
import { DEFAULT_BOT } from './bots.js';
import { startMockTelegram, type MockTelegram } from '../server.js';

/** Every Bot API method and error over real HTTP, as a bot framework calls them. */

const ALICE = 100001;
const BOB = 100003;
const SHOP = { username: 'ShopLoginBot', token: '7700000042:AAShop-bot-token-for-tests-only-xyz', domains: ['shop.example'] };

let mock: MockTelegram;

test.beforeAll(async () => {
  mock = await startMockTelegram({ control: true, bots: [SHOP] });
});
test.afterAll(async () => {
  await mock.stop();
});
test.beforeEach(async () => {
  await mock.control({ reset: true });
});

type Answer = { ok: boolean; result?: any; error_code?: number; description?: string; parameters?: { retry_after?: number } };

async function call(method: string, params: Record<string, unknown> = {}, token = DEFAULT_BOT.token): Promise<Answer & { status: number }> {
  const response = await fetch(`${mock.issuer}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, ...((await response.json()) as Answer) };
}

/** Alice presses Start in the default bot's chat, so the bot may write to her. */
async function started(userId = ALICE, bot = DEFAULT_BOT.username) {
  await mock.app.open(userId, mock.deepLink(bot));
  await mock.app.press(userId, 'Start');
}

test('getMe describes the default bot, which is listed first in mock.bots', async () => {
  expect(mock.bots.map((bot) => bot.username)).toEqual(['MockLoginBot', 'ShopLoginBot']);
  expect(mock.bots[0]).toEqual(DEFAULT_BOT);
  expect(DEFAULT_BOT.token).toMatch(/^7700000001:[A-Za-z0-9_-]{35}$/);
  const me = await call('getMe');
  expect(me).toMatchObject({ status: 200, ok: true, result: { id: 7700000001, is_bot: true, first_name: 'Mock Login Bot', username: 'MockLoginBot' } });
  expect((await call('getMe', {}, SHOP.token)).result).toMatchObject({ id: 7700000042, username: 'ShopLoginBot' });
});

test('answers a wrong token with 401 Unauthorized and an unknown method with 404 Not Found', async () => {
  expect(await call('getMe', {}, '7700000001:wrong-secret-wrong-secret-wrong-secre')).toEqual({ status: 401, ok: false, error_code: 401, description: 'Unauthorized' });
  expect(await call('getMe', {}, 'not-a-token')).toMatchObject({ status: 401, description: 'Unauthorized' });
  expect(await call('sendPhoto')).toEqual({ status: 404, ok: false, error_code: 404, description: 'Not Found' });
  const empty = await fetch(`${mock.issuer}/bot/getMe`);
  expect(await empty.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
});

test('method names are case-insensitive and GET with query parameters works', async () => {
  const response = await fetch(`${mock.issuer}/bot${DEFAULT_BOT.token}/GETME`);
  expect(await response.json()).toMatchObject({ ok: true, result: { username: 'MockLoginBot' } });
  await started();
  const query = new URLSearchParams({ chat_id: String(ALICE), text: 'from a query', reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }) });
  const sent = await (await fetch(`${mock.issuer}/bot${DEFAULT_BOT.token}/sendMessage?${query}`)).json();
  expect(sent).toMatchObject({ ok: true, result: { text: 'from a query', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } } });
});

test('takes form-urlencoded and multipart bodies with JSON-serialized objects, as Telegraf and curl send them', async () => {
  await started();
  const form = await fetch(`${mock.issuer}/bot${DEFAULT_BOT.token}/sendMessage`, {
    method: 'POST',
    body: new URLSearchParams({ chat_id: String(ALICE), text: '<b>form</b>', parse_mode: 'HTML' }),
  });
  expect(await form.json()).toMatchObject({ ok: true, result: { text: 'form', entities: [{ type: 'bold', offset: 0, length: 4 }] } });
  const multipart = new FormData();
  multipart.set('chat_id', String(ALICE));
  multipart.set('text', 'multipart');
  multipart.set('reply_markup', JSON.stringify({ inline_keyboard: [[{ text: 'Docs', url: 'https://example.com/docs' }]] }));
  const response = await fetch(`${mock.issuer}/bot${DEFAULT_BOT.token}/sendMessage`, { method: 'POST', body: multipart });
  expect(await response.json()).toMatchObject({ ok: true, result: { text: 'multipart', reply_markup: { inline_keyboard: [[{ url: 'https://example.com/docs' }]] } } });
});

test('sendMessage delivers to a user who pressed Start, with HTML entities and every kind of inline button', async () => {
  await started();
  const sent = await call('sendMessage', {
    chat_id: ALICE,
    text: 'Hi <b>Alice</b>, <i>see</i> <a href="https://example.com">this</a> &amp; <code>x</code>',
    parse_mode: 'HTML',
    reply_markup: {
      inline_keyboard: [
        [{ text: 'Approve', callback_data: 'approve' }, { text: 'Docs', url: 'https://example.com/docs' }],
        [{ text: 'Log in', login_url: { url: 'http://localhost:5173/login', request_write_access: true } }],
      ],
    },
  });
  expect(sent.status).toBe(200);
  expect(sent.result).toMatchObject({
    message_id: expect.any(Number),
    from: { id: DEFAULT_BOT.id, is_bot: true, username: 'MockLoginBot' },
    chat: { id: ALICE, type: 'private', first_name: 'Alice', last_name: 'Anderson', username: 'alice' },
    date: expect.any(Number),
    text: 'Hi Alice, see this & x',
    entities: [
      { type: 'bold', offset: 3, length: 5 },
      { type: 'italic', offset: 10, length: 3 },
      { type: 'text_link', offset: 14, length: 4, url: 'https://example.com' },
      { type: 'code', offset: 21, length: 1 },
    ],
  });
  const seen = mock.app.messages(ALICE, 'MockLoginBot').at(-1)!;
  expect(seen.text).toBe('Hi Alice, see this & x');
  expect(seen.buttons).toEqual([
    [{ text: 'Approve', type: 'callback' }, { text: 'Docs', type: 'url', url: 'https://example.com/docs' }],
    [{ text: 'Log in', type: 'login_url', url: 'http://localhost:5173/login', login: { domain: 'localhost', bot: 'MockLoginBot', botName: 'Mock Login Bot', requestWriteAccess: true } }],
  ]);
});

test('sendMessage refuses users who never started the bot, who blocked it, and chats that do not exist', async () => {
  expect(await call('sendMessage', { chat_id: BOB, text: 'hi' })).toEqual({ status: 403, ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" });
  await started(BOB);
  await mock.control({ blockBot: { userId: BOB } });
  expect(await call('sendMessage', { chat_id: BOB, text: 'hi' })).toMatchObject({ status: 403, description: 'Forbidden: bot was blocked by the user' });
  await mock.control({ unblockBot: { userId: BOB } });
  expect(await call('sendMessage', { chat_id: BOB, text: 'hi' })).toMatchObject({ status: 200, ok: true });
  expect(await call('sendMessage', { chat_id: 999, text: 'hi' })).toMatchObject({ status: 400, description: 'Bad Request: chat not found' });
  expect(await call('sendMessage', { chat_id: '@alice', text: 'hi' })).toMatchObject({ status: 400, description: 'Bad Request: chat not found' });
  expect(await call('sendMessage', { text: 'hi' })).toMatchObject({ status: 400, description: 'Bad Request: chat_id is empty' });
});

test('each bot has its own chats: starting one bot does not let another write', async () => {
  await started(ALICE, 'MockLoginBot');
  expect(await call('sendMessage', { chat_id: ALICE, text: 'hi' }, SHOP.token)).toMatchObject({ status: 403 });
});

test('bad parameters get 400 Bad Request with what is wrong', async () => {
  await started();
  const cases: [Record<string, unknown>, string][] = [
    [{ chat_id: ALICE }, 'Bad Request: message text is empty'],
    [{ chat_id: ALICE, text: '   ' }, 'Bad Request: message text is empty'],
    [{ chat_id: ALICE, text: 'x'.repeat(4097) }, 'Bad Request: message is too long'],
    [{ chat_id: { id: ALICE }, text: 'hi' }, 'Bad Request: parameter "chat_id" must be of type Integer or String'],
    [{ chat_id: ALICE, text: { nested: true } }, 'Bad Request: parameter "text" must be of type String'],
    [{ chat_id: ALICE, text: '<b>open', parse_mode: 'HTML' }, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`],
    [{ chat_id: ALICE, text: '<blink>x</blink>', parse_mode: 'HTML' }, `Bad Request: can't parse entities: Unsupported start tag "blink" at byte offset 0`],
    [{ chat_id: ALICE, text: 'hi', parse_mode: 'BBCode' }, 'Bad Request: unsupported parse_mode "BBCode"'],
    [{ chat_id: ALICE, text: 'hi', reply_markup: '{not json' }, "Bad Request: can't parse reply keyboard markup JSON object"],
    [{ chat_id: ALICE, text: 'hi', reply_markup: { inline_keyboard: 'nope' } }, 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'],
    [{ chat_id: ALICE, text: 'hi', reply_markup: { inline_keyboard: [[{ text: 'x' }]] } }, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"],
    [{ chat_id: ALICE, text: 'hi', reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'd'.repeat(65) }]] } }, 'Bad Request: BUTTON_DATA_INVALID'],
    [{ chat_id: ALICE, text: 'hi', reply_markup: { inline_keyboard: [[{ text: 'x', url: 'javascript:alert(1)' }]] } }, "Bad Request: inline keyboard button URL 'javascript:alert(1)' is invalid: Wrong HTTP URL"],
    [{ chat_id: ALICE, text: 'hi', reply_markup: { inline_keyboard: [[{ text: 'x', login_url: { url: 'https://a.example', bot_username: 'NoSuchBot' } }]] } }, 'Bad Request: BOT_INVALID'],
    [{ chat_id: ALICE, text: 'hi', reply_markup: { keyboard: [[{ text: 'x' }]] } }, 'Bad Request: the mock supports reply_markup with "inline_keyboard" only (reply keyboards are not simulated)'],
  ];
  for (const [params, description] of cases) {
    expect(await call('sendMessage', params), JSON.stringify(params).slice(0, 80)).toEqual({ status: 400, ok: false, error_code: 400, description });
  }
});

test('oversized bodies, malformed JSON and odd content types get the Bot API error shape, and the mock keeps working', async () => {
  const url = `${mock.issuer}/bot${DEFAULT_BOT.token}/sendMessage`;
  const big = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(300 * 1024) }) });
  expect([big.status, await big.json()]).toEqual([413, { ok: false, error_code: 413, description: 'Request Entity Too Large' }]);
  const malformed = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"chat_id": ' });
  expect(await malformed.json()).toEqual({ ok: false, error_code: 400, description: "Bad Request: can't parse JSON request body" });
  const array = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[1,2]' });
  expect(await array.json()).toMatchObject({ error_code: 400, description: 'Bad Request: JSON request body must be an object' });
  const xml = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<a/>' });
  expect(await xml.json()).toMatchObject({ error_code: 400, description: expect.stringContaining('unsupported Content-Type "text/xml"') });
  const put = await fetch(url, { method: 'PUT' });
  expect([put.status, (await put.json()).description]).toEqual([404, 'Not Found']);
  expect((await call('getMe')).ok).toBe(true);
});

test('editMessageText edits the bot message, drops the keyboard unless it is sent again, and refuses no-op edits', async () => {
  await started();
  const keyboard = { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] };
  const { result: sent } = await call('sendMessage', { chat_id: ALICE, text: 'Before', reply_markup: keyboard });
  const edited = await call('editMessageText', { chat_id: ALICE, message_id: sent.message_id, text: 'After <b>all</b>', parse_mode: 'HTML', reply_markup: keyboard });
  expect(edited.result).toMatchObject({ message_id: sent.message_id, text: 'After all', edit_date: expect.any(Number), reply_markup: keyboard });
  expect(await call('editMessageText', { chat_id: ALICE, message_id: sent.message_id, text: 'After <b>all</b>', parse_mode: 'HTML', reply_markup: keyboard })).toMatchObject({
    status: 400,
    description: expect.stringMatching(/^Bad Request: message is not modified/),
  });
  const plain = await call('editMessageText', { chat_id: ALICE, message_id: sent.message_id, text: 'Done' });
  expect(plain.result.reply_markup).toBeUndefined();
  expect(mock.app.messages(ALICE, 'MockLoginBot').at(-1)).toMatchObject({ text: 'Done', buttons: [], edited: true });
  expect(await call('editMessageText', { chat_id: ALICE, message_id: 9999, text: 'x' })).toMatchObject({ description: 'Bad Request: message to edit not found' });
  expect(await call('editMessageText', { chat_id: ALICE, text: 'x' })).toMatchObject({ description: 'Bad Request: message identifier is not specified' });
  const userMessage = mock.app.messages(ALICE, 'MockLoginBot').find((message) => message.from === 'user')!;
  expect(await call('editMessageText', { chat_id: ALICE, message_id: userMessage.id, text: 'x' })).toMatchObject({ description: "Bad Request: message can't be edited" });
});

test('editMessageReplyMarkup replaces or removes the keyboard only', async () => {
  await started();
  const { result: sent } = await call('sendMessage', { chat_id: ALICE, text: 'Pick', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
  const replaced = await call('editMessageReplyMarkup', { chat_id: ALICE, message_id: sent.message_id, reply_markup: { inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] } });
  expect(replaced.result).toMatchObject({ text: 'Pick', reply_markup: { inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] } });
  const removed = await call('editMessageReplyMarkup', { chat_id: ALICE, message_id: sent.message_id });
  expect(removed.result.reply_markup).toBeUndefined();
  expect(await call('editMessageReplyMarkup', { chat_id: ALICE, message_id: sent.message_id })).toMatchObject({ status: 400, description: expect.stringContaining('message is not modified') });
});

test('deleteMessage removes a message from the chat the user sees', async () => {
  await started();
  const { result: sent } = await call('sendMessage', { chat_id: ALICE, text: 'Short-lived' });
  expect(await call('deleteMessage', { chat_id: ALICE, message_id: sent.message_id })).toMatchObject({ ok: true, result: true });
  expect(mock.app.messages(ALICE, 'MockLoginBot').map((message) => message.text)).not.toContain('Short-lived');
  expect(await call('deleteMessage', { chat_id: ALICE, message_id: sent.message_id })).toMatchObject({ status: 400, description: 'Bad Request: message to delete not found' });
});

test('answerCallbackQuery answers a query once, only the bot it was sent to, and never a query it did not send', async () => {
  await started();
  await call('sendMessage', { chat_id: ALICE, text: 'Pick', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
  const pressed = await mock.app.press(ALICE, 'A');
  if (pressed.action !== 'callback_query') throw new Error('expected a callback query');
  const invalid = 'Bad Request: query is too old and response timeout expired or query ID is invalid';
  // An id Telegram never sent (a forged update): the same 400, which is how a bot can tell.
  expect(await call('answerCallbackQuery', { callback_query_id: `${pressed.callbackQueryId}0` })).toMatchObject({ status: 400, description: invalid });
  expect(await call('answerCallbackQuery', { callback_query_id: pressed.callbackQueryId }, SHOP.token)).toMatchObject({ status: 400, description: invalid });
  expect(await call('answerCallbackQuery', { callback_query_id: pressed.callbackQueryId, text: 'x'.repeat(201) })).toMatchObject({ description: 'Bad Request: MESSAGE_TOO_LONG' });
  expect(await call('answerCallbackQuery', { callback_query_id: pressed.callbackQueryId, text: 'Saved', show_alert: true })).toMatchObject({ ok: true, result: true });
  expect(mock.app.chat(ALICE, 'MockLoginBot').lastAnswer).toEqual({ text: 'Saved', showAlert: true });
  expect(await call('answerCallbackQuery', { callback_query_id: pressed.callbackQueryId })).toMatchObject({ status: 400, description: invalid });
  expect(await call('answerCallbackQuery', {})).toMatchObject({ status: 400, description: invalid });
});

test('control botApiError fails the next calls with 429 and retry_after, or 500, then recovers', async () => {
  await mock.control({ botApiError: { error_code: 429, retry_after: 3, times: 2 } });
  const limited = await call('getMe');
  expect(limited).toEqual({ status: 429, ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
  expect((await call('getMe')).status).toBe(429);
  expect((await call('getMe')).status).toBe(200);
  await mock.control({ botApiError: { error_code: 500, method: 'sendMessage', bot: 'MockLoginBot' } });
  expect((await call('getMe')).status).toBe(200);
  expect((await call('getMe', {}, SHOP.token)).status).toBe(200);
  expect(await call('sendMessage', { chat_id: ALICE, text: 'x' })).toEqual({ status: 500, ok: false, error_code: 500, description: 'Internal Server Error' });
});

test('control commands are validated: bad ones are refused with the field and change nothing', async () => {
  await expect(mock.control({ botApiError: { error_code: 200 } })).rejects.toThrow('"botApiError.error_code" must be an HTTP error status');
  await expect(mock.control({ botApiError: { error_code: 429, bot: 'NoBot' } })).rejects.toThrow('"botApiError.bot" must be the username of a mock bot');
  await expect(mock.control({ webhookDelay: { ms: -1 } })).rejects.toThrow('"webhookDelay.ms" must be 0 to 600000');
  await expect(mock.control({ blockBot: { userId: 1 } })).rejects.toThrow('"blockBot.userId" must be the id of a mock user');
  await expect(mock.control({ reset: true, blockBot: { userId: ALICE }, botApiError: { error_code: 1 } })).rejects.toThrow(TypeError);
  expect(mock.app.chat(ALICE, 'MockLoginBot').blocked).toBe(false);
  expect((await call('getMe')).status).toBe(200);
  const response = await fetch(`${mock.issuer}/__mock/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ botApiError: { error_code: 502 } }) });
  expect(response.status).toBe(200);
  expect(await call('getMe')).toMatchObject({ status: 502, description: 'Bad Gateway' });
});
