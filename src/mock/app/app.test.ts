import { expect, test } from '@playwright/test';
// Tests may use the server kit to prove the mock's signatures; src/mock itself never imports it.
import { verifyLoginWidget } from '../../server/login-widget.js';
import { DEFAULT_BOT, registerBots } from '../bot/bots.js';
import { startMockTelegram, type MockTelegram } from '../server.js';
import { MockAppError } from './errors.js';

/** mock.app, deepLink and login_url, as a test drives them. */

const ALICE = 100001;
const DMITRY = 100002;
const BOB = 100003;
const SHOP = { username: 'ShopLoginBot', domains: ['shop.example'] };
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

let mock: MockTelegram;

test.beforeEach(async () => {
  mock = await startMockTelegram({ control: true, bots: [SHOP], clock: () => NOW });
});
test.afterEach(async () => {
  await mock.stop();
});

async function botSends(userId: number, text: string, inlineKeyboard: unknown[][], token = DEFAULT_BOT.token) {
  const response = await fetch(`${mock.issuer}/bot${token}/sendMessage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ chat_id: userId, text, reply_markup: { inline_keyboard: inlineKeyboard } }),
  });
  const answer = (await response.json()) as { ok: boolean; description?: string };
  if (!answer.ok) throw new Error(answer.description);
}

async function start(userId: number, bot = 'MockLoginBot') {
  await mock.app.open(userId, mock.deepLink(bot));
  await mock.app.press(userId, 'Start');
}

test('deepLink builds the app URL; t.me, telegram.me, tg://resolve and deep links all open the chat with Start', async () => {
  expect(mock.deepLink('MockLoginBot', 'abc_1-2')).toBe(`${mock.issuer}/app/resolve?domain=MockLoginBot&start=abc_1-2`);
  expect(mock.deepLink('@mockloginbot')).toBe(`${mock.issuer}/app/resolve?domain=MockLoginBot`);
  const links = [
    ['https://t.me/MockLoginBot?start=p1', 'p1'],
    ['t.me/mockloginbot?start=p2', 'p2'],
    ['https://telegram.me/MockLoginBot?start=p3', 'p3'],
    ['tg://resolve?domain=MockLoginBot&start=p4', 'p4'],
    [mock.deepLink('MockLoginBot', 'p5'), 'p5'],
    ['https://t.me/MockLoginBot', null],
  ] as const;
  for (const [link, payload] of links) {
    const chat = await mock.app.open(ALICE, link);
    expect(chat, link).toMatchObject({ bot: 'MockLoginBot', botName: 'Mock Login Bot', startButton: true, startPayload: payload });
  }
});

test('a payload outside Telegram\'s 1-64 characters of A-Za-z0-9_- opens the chat without one', async () => {
  for (const payload of ['', 'has space', 'ünï', 'a'.repeat(65), 'semi;colon']) {
    const chat = await mock.app.open(ALICE, `https://t.me/MockLoginBot?start=${encodeURIComponent(payload)}`);
    expect(chat.startPayload, payload).toBeNull();
  }
  await mock.app.press(ALICE, 'Start');
  expect(mock.app.messages(ALICE, 'MockLoginBot').at(-1)).toMatchObject({ from: 'user', text: '/start' });
  expect(() => mock.deepLink('MockLoginBot', 'bad payload')).toThrow('a start payload is 1 to 64 characters of A-Za-z0-9_-');
  expect(() => mock.deepLink('NoSuchBot')).toThrow(MockAppError);
});

test('Start sends /start with the payload once; the Start button then gives way to typing', async () => {
  await mock.app.open(ALICE, mock.deepLink('MockLoginBot', 'xyz'));
  const pressed = await mock.app.press(ALICE, 'Start');
  expect(pressed).toMatchObject({ action: 'start', message: { from: 'user', text: '/start xyz', entities: [{ type: 'bot_command', offset: 0, length: 6 }] } });
  expect(mock.app.chat(ALICE, 'MockLoginBot')).toMatchObject({ started: true, startButton: false, startPayload: null });
  await expect(mock.app.press(ALICE, 'Start')).rejects.toMatchObject({ code: 'no_such_button' });
  expect(await mock.app.send(ALICE, '/help@MockLoginBot now')).toMatchObject({ text: '/help@MockLoginBot now', entities: [{ type: 'bot_command', offset: 0, length: 18 }] });
  // A new deep link shows Start again, for the new payload.
  await mock.app.open(ALICE, mock.deepLink('MockLoginBot', 'second'));
  expect((await mock.app.press(ALICE, 'Start')).action).toBe('start');
});

test('pressing buttons: callback_data queues a callback query, url opens the URL, the newest button wins', async () => {
  await start(ALICE);
  await botSends(ALICE, 'Old', [[{ text: 'Go', callback_data: 'old' }]]);
  await botSends(ALICE, 'New', [[{ text: 'Go', callback_data: 'new' }, { text: 'Docs', url: 'https://example.com/docs' }]]);
  const pressed = await mock.app.press(ALICE, 'Go');
  expect(pressed).toEqual({ action: 'callback_query', callbackQueryId: expect.stringMatching(/^\d+$/) });
  const updates = (await (await fetch(`${mock.issuer}/bot${DEFAULT_BOT.token}/getUpdates`)).json()) as { result: { callback_query?: Record<string, unknown> }[] };
  const query = updates.result.at(-1)!.callback_query!;
  expect(query).toMatchObject({ from: { id: ALICE, first_name: 'Alice' }, data: 'new', message: { text: 'New', chat: { id: ALICE } }, chat_instance: expect.stringMatching(/^-?\d+$/) });
  expect(query.id).toBe(pressed.action === 'callback_query' ? pressed.callbackQueryId : '');
  expect(await mock.app.press(ALICE, 'Docs')).toEqual({ action: 'open_url', url: 'https://example.com/docs' });
  await expect(mock.app.press(ALICE, 'Nope')).rejects.toThrow(`no button "Nope" in @MockLoginBot's chat; buttons: "Go", "Go", "Docs"`);
});

test('a login_url button logs the user in with data the server kit\'s verifyLoginWidget accepts', async () => {
  await start(DMITRY);
  await botSends(DMITRY, 'Log in to the site', [[{ text: 'Log in', login_url: { url: 'http://127.0.0.1:5173/auth/widget?next=%2Fhome' } }]]);
  const pressed = await mock.app.press(DMITRY, 'Log in');
  if (pressed.action !== 'login_url') throw new Error(`expected login_url, got ${pressed.action}`);
  expect(pressed.loggedIn).toBe(true);
  const url = new URL(pressed.url);
  expect(url.origin + url.pathname).toBe('http://127.0.0.1:5173/auth/widget');
  expect(url.searchParams.get('next')).toBe('/home');
  expect(Object.fromEntries(url.searchParams)).toMatchObject({
    id: String(DMITRY),
    first_name: 'Дмитрий 🚀',
    last_name: 'Иванов',
    username: 'dmitry_ivanov',
    photo_url: `${mock.issuer}/avatars/${DMITRY}.svg`,
    auth_date: String(NOW / 1000),
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  const options = { currentDate: new Date(NOW), fields: ['id', 'first_name', 'last_name', 'username', 'photo_url', 'auth_date'] };
  expect(await verifyLoginWidget(url, DEFAULT_BOT.token, options)).toEqual({
    id: DMITRY,
    first_name: 'Дмитрий 🚀',
    last_name: 'Иванов',
    username: 'dmitry_ivanov',
    photo_url: `${mock.issuer}/avatars/${DMITRY}.svg`,
    auth_date: NOW / 1000,
  });
  await expect(verifyLoginWidget(url, mock.bots[1]!.token, options)).rejects.toMatchObject({ code: 'login_widget_invalid' });
});

test('a login_url for a domain the bot does not own, or a declined prompt, opens the plain URL', async () => {
  await start(ALICE);
  await botSends(ALICE, 'Links', [[{ text: 'Foreign', login_url: { url: 'https://elsewhere.example/login' } }, { text: 'Ours', login_url: { url: 'http://localhost:3000/login' } }]]);
  expect(mock.app.messages(ALICE, 'MockLoginBot').at(-1)!.buttons[0]![0]).toEqual({ text: 'Foreign', type: 'login_url', url: 'https://elsewhere.example/login' });
  expect(await mock.app.press(ALICE, 'Foreign')).toEqual({ action: 'login_url', url: 'https://elsewhere.example/login', loggedIn: false });
  expect(await mock.app.press(ALICE, 'Ours', { login: false })).toEqual({ action: 'login_url', url: 'http://localhost:3000/login', loggedIn: false });
});

test('a login_url naming another bot signs with that bot, for its domains; request_write_access lets it write', async () => {
  await start(BOB);
  await botSends(BOB, 'Shop', [[{ text: 'Shop login', login_url: { url: 'https://shop.example/tg', bot_username: 'ShopLoginBot', request_write_access: true } }]]);
  const shop = mock.bots.find((bot) => bot.username === 'ShopLoginBot')!;
  expect(mock.app.messages(BOB, 'MockLoginBot').at(-1)!.buttons[0]![0]!.login).toEqual({ domain: 'shop.example', bot: 'ShopLoginBot', botName: 'ShopLoginBot', requestWriteAccess: true });
  const before = await fetch(`${mock.issuer}/bot${shop.token}/sendMessage`, { method: 'POST', body: new URLSearchParams({ chat_id: String(BOB), text: 'hi' }) });
  expect(before.status).toBe(403);
  const pressed = await mock.app.press(BOB, 'Shop login');
  if (pressed.action !== 'login_url') throw new Error('expected login_url');
  expect(await verifyLoginWidget(pressed.url, shop.token, { currentDate: new Date(NOW) })).toMatchObject({ id: BOB, first_name: 'Bob' });
  await botSends(BOB, 'Thanks for logging in', [], shop.token);
  expect(mock.app.messages(BOB, 'ShopLoginBot').map((message) => message.text)).toEqual(['Thanks for logging in']);
});

test('unticking "Allow … to send me messages" logs in without write access', async () => {
  await start(BOB);
  await botSends(BOB, 'Shop', [[{ text: 'Shop login', login_url: { url: 'https://shop.example/tg', bot_username: 'ShopLoginBot', request_write_access: true } }]]);
  expect((await mock.app.press(BOB, 'Shop login', { writeAccess: false })).action).toBe('login_url');
  await expect(botSends(BOB, 'hi', [], mock.bots[1]!.token)).rejects.toThrow("Forbidden: bot can't initiate conversation with a user");
});

test('block and unblock: the bot cannot write meanwhile, and the user cannot press anything', async () => {
  await start(ALICE);
  await botSends(ALICE, 'Pick', [[{ text: 'A', callback_data: 'a' }]]);
  await mock.app.block(ALICE, 'MockLoginBot');
  expect(mock.app.chat(ALICE, 'MockLoginBot')).toMatchObject({ blocked: true, startButton: false });
  await expect(botSends(ALICE, 'hi', [])).rejects.toThrow('Forbidden: bot was blocked by the user');
  await expect(mock.app.press(ALICE, 'A')).rejects.toMatchObject({ code: 'bot_blocked' });
  await expect(mock.app.send(ALICE, 'hello')).rejects.toMatchObject({ code: 'bot_blocked' });
  await mock.app.unblock(ALICE, 'MockLoginBot');
  await botSends(ALICE, 'welcome back', []);
});

test('waitForMessage resolves with a matching bot message now or when it arrives, and times out clearly', async () => {
  await start(ALICE);
  const waiting = mock.app.waitForMessage(ALICE, 'MockLoginBot', /code \d+/);
  await botSends(ALICE, 'unrelated', []);
  await botSends(ALICE, 'Your code 4242', []);
  expect((await waiting).text).toBe('Your code 4242');
  expect((await mock.app.waitForMessage(ALICE, 'MockLoginBot', (message) => message.text.startsWith('Your'))).text).toBe('Your code 4242');
  await expect(mock.app.waitForMessage(ALICE, 'MockLoginBot', 'never', { timeoutMs: 50 })).rejects.toMatchObject({ code: 'timeout' });
});

test('helpers refuse unknown users, bots, links and chats with a MockAppError code', async () => {
  await expect(mock.app.open(42, mock.deepLink('MockLoginBot'))).rejects.toMatchObject({ code: 'unknown_user', message: expect.stringContaining('100001') });
  await expect(mock.app.open(ALICE, 'https://t.me/NoSuchBot')).rejects.toMatchObject({ code: 'unknown_bot' });
  await expect(mock.app.open(ALICE, 'https://example.com/')).rejects.toMatchObject({ code: 'invalid_link' });
  await expect(mock.app.press(BOB, 'Start')).rejects.toMatchObject({ code: 'no_open_chat' });
  await expect(mock.app.send(BOB, 'hi', { bot: 'MockLoginBot' })).rejects.toMatchObject({ code: 'not_started' });
  expect(() => mock.app.messages(ALICE, 'NoSuchBot')).toThrow(MockAppError);
});

test('bots options are checked: usernames, tokens, ids and domains, each with the fix', async () => {
  const bad: [unknown, string][] = [
    [{ username: 'NoSuffix' }, 'end in "bot"'],
    [{ username: 'x_bot' }, 'must be 5 to 32 characters'],
    [{ username: 'GoodBot', token: 'abc' }, '"token" must look like "<numeric id>:'],
    [{ username: 'GoodBot', id: 5, token: '6:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'they must be equal'],
    [{ username: 'GoodBot', domains: ['https://x.example'] }, '"domains" must be host names'],
    [{ username: 'mockloginbot' }, 'already taken by @MockLoginBot'],
  ];
  for (const [options, message] of bad) expect(() => registerBots([options as never]), JSON.stringify(options)).toThrow(message);
  await expect(startMockTelegram({ bots: [{ username: 'NoSuffix' }] })).rejects.toThrow(TypeError);
  await expect(startMockTelegram({ botApi: { webhookTimeoutMs: 0 } })).rejects.toThrow('"botApi.webhookTimeoutMs" must be 1 to 600000 milliseconds');
  expect(mock.bots[1]).toMatchObject({ id: DEFAULT_BOT.id + 1, username: 'ShopLoginBot', name: 'ShopLoginBot', domains: ['shop.example'], token: expect.stringMatching(/^7700000002:[A-Za-z0-9_-]{35}$/) });
});

test('the OIDC telegram:bot_access scope lets the bot write to the user', async () => {
  await mock.control({ autoConsent: { userId: BOB } });
  const auth = new URL(mock.authorizationEndpoint);
  auth.search = new URLSearchParams({ response_type: 'code', client_id: String(DEFAULT_BOT.id), redirect_uri: 'http://localhost:5173/callback', scope: 'openid profile telegram:bot_access' }).toString();
  expect((await fetch(auth, { redirect: 'manual' })).status).toBe(302);
  await botSends(BOB, 'You allowed me to write', []);
  expect(mock.app.messages(BOB, 'MockLoginBot').map((message) => message.text)).toEqual(['You allowed me to write']);
});
