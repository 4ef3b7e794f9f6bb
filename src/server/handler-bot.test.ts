// Bot login end to end: a browser (cookie jar) against the handler on a real server, the mock's Bot
// API delivering updates to its webhook, and a user in the simulated Telegram app.
import { ALICE } from './handler.test-support.js';
import { BOT, browser, call, CHROME_ON_WINDOWS, expect, openAndStart, requestCookieSet, startLogin, startSite, status, test, botSays, updateReader } from './bot-login.test-support.js';

const timeOf = (ms: number) => new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(ms);

test('full login: the app opens the link, presses Start and the right code; the waiting poll sets the session once and /session shows the Telegram user', async ({ mock, site }) => {
  const page = browser(CHROME_ON_WINDOWS);
  const started = await startLogin(site, page);
  const question = await openAndStart(mock, ALICE, started.links.https);
  const createdAt = started.expiresAt - 300_000;
  expect(question.text).toBe(`Log in to localhost:3000?\nRequest from Chrome on Windows, ${timeOf(createdAt)}.\n\nTap the code shown on the site.\nDid not start this login? Tap “Not me”: someone may be trying to log in as you.`);
  expect(question.entities).toContainEqual({ type: 'bold', offset: 'Log in to '.length, length: 'localhost:3000'.length });
  const codes = question.buttons[0]!.map((button) => button.text);
  expect(codes).toHaveLength(3);
  expect(new Set(codes).size).toBe(3);
  expect(codes).toContain(started.matchCode);
  expect(question.buttons[1]!.map((button) => button.text)).toEqual(['Not me']);

  const waiting = status(site, page);
  await mock.app.press(ALICE, started.matchCode);
  const approved = await waiting;
  expect(approved.status).toBe(200);
  const body = (await approved.json()) as { status: string; user: Record<string, unknown> };
  const user = { sub: 'tg:100001', tg_id: ALICE, name: 'Alice Anderson', preferred_username: 'alice', scope: 'profile', amr: ['tg_bot'] };
  expect(body).toEqual({ status: 'approved', user, session: { expiresAt: expect.any(Number) } });
  expect(approved.headers.getSetCookie().filter((cookie) => cookie.startsWith('tlk_session=ey'))).toHaveLength(1);
  // The request cookie is left to its Max-Age: clearing it could unbind a newer login of another tab.
  expect(requestCookieSet(approved)).toEqual([]);

  const session = await call(site, '/session', page);
  expect(await session.json()).toEqual({ user, expiresAt: expect.any(Number) });
  await botSays(mock, ALICE, 'You are logged in to localhost:3000.');
  expect(mock.app.chat(ALICE, BOT).lastAnswer).toMatchObject({ text: 'You are logged in to localhost:3000.' });
  const final = mock.app.messages(ALICE, BOT).at(-1)!;
  expect(final).toMatchObject({ edited: true, buttons: [] });
  expect(site.events.map((event) => event.type)).toEqual(['bot_login_started', 'bot_login_approved', 'login']);
  expect(site.events[1]).toEqual({ type: 'bot_login_approved', requestId: started.requestId, sub: 'tg:100001', tgId: ALICE, at: expect.any(Date) });
  expect(site.events[2]).toEqual({ type: 'login', method: 'bot', sub: 'tg:100001', at: expect.any(Date) });
});

test('"Not me" denies: the poll answers denied, the bot says so, nobody is logged in', async ({ mock, site }) => {
  const page = browser();
  const started = await startLogin(site, page);
  await openAndStart(mock, ALICE, started.links.https);
  const waiting = status(site, page);
  await mock.app.press(ALICE, 'Not me');
  const denied = await waiting;
  expect(await denied.json()).toEqual({ status: 'denied' });
  expect(denied.headers.getSetCookie().some((cookie) => cookie.startsWith('tlk_session='))).toBe(false);
  await botSays(mock, ALICE, 'Login to localhost:3000 denied. Nobody was logged in.');
  expect((await call(site, '/session', page)).status).toBe(401);
  const again = await status(site, page);
  expect(await again.json()).toEqual({ status: 'denied' });
  expect(requestCookieSet(denied).concat(requestCookieSet(again))).toEqual([]);
  expect(site.events.find((event) => event.type === 'bot_login_denied')).toEqual({ type: 'bot_login_denied', requestId: started.requestId, reason: 'not_me', tgId: ALICE, at: expect.any(Date) });
});

test('a wrong code denies the request for good: the right code afterwards logs nobody in', async ({ mock, site }) => {
  const page = browser();
  const started = await startLogin(site, page);
  const question = await openAndStart(mock, ALICE, started.links.https);
  const wrong = question.buttons[0]!.map((button) => button.text).find((code) => code !== started.matchCode)!;
  await mock.app.press(ALICE, wrong);
  await botSays(mock, ALICE, 'Wrong code: login to localhost:3000 denied. If it was you, start again on the site.');
  expect(await (await status(site, page, 0)).json()).toEqual({ status: 'denied' });
  // The edited message has no buttons left; a client that still sends the right code is refused.
  await expect(mock.app.press(ALICE, started.matchCode)).rejects.toThrow(/no_such_button|no button/i);
  expect(site.events.filter((event) => event.type === 'bot_login_denied')).toEqual([expect.objectContaining({ reason: 'wrong_code' })]);
  expect(site.events.some((event) => event.type === 'login')).toBe(false);
});

test('cancel on the site: a waiting poll answers cancelled, the bot\'s question says so, and the request stays cancelled', async ({ mock, site }) => {
  const page = browser();
  const started = await startLogin(site, page);
  await openAndStart(mock, ALICE, started.links.https);
  const waiting = status(site, page);
  const cancelled = await call(site, '/bot/cancel', page, { body: {} });
  expect(await cancelled.json()).toEqual({ status: 'cancelled' });
  expect(await (await waiting).json()).toEqual({ status: 'cancelled' });
  await botSays(mock, ALICE, 'This login was cancelled on the site.');
  expect(mock.app.messages(ALICE, BOT).at(-1)).toMatchObject({ edited: true, buttons: [] });
  const again = await call(site, '/bot/cancel', page, { body: { requestId: started.requestId } });
  expect(await again.json()).toEqual({ status: 'cancelled' });
  expect(await (await status(site, page, 0)).json()).toEqual({ status: 'cancelled' });
  expect(requestCookieSet(cancelled).concat(requestCookieSet(again))).toEqual([]);
  expect(site.events.map((event) => event.type)).toEqual(['bot_login_started', 'bot_login_cancelled']);
});

test('an expired request: the waiting poll answers expired at expiry, the question says so, and Start on the link gets the polite answer', async ({ mock }) => {
  const site = await startSite(mock, { bot: { requestTtlSeconds: 2 } });
  try {
    const page = browser();
    const started = await startLogin(site, page);
    await openAndStart(mock, ALICE, started.links.https);
    const before = Date.now();
    const expired = await status(site, page);
    expect(Date.now()).toBeGreaterThanOrEqual(started.expiresAt - 50);
    expect(Date.now() - before).toBeLessThan(5_000);
    expect(await expired.json()).toEqual({ status: 'expired' });
    await botSays(mock, ALICE, 'This login link has expired; start again on the site.');
    expect(mock.app.messages(ALICE, BOT).at(-1)).toMatchObject({ edited: true, buttons: [] });
    expect(site.events.filter((event) => event.type === 'bot_login_expired')).toEqual([{ type: 'bot_login_expired', requestId: started.requestId, at: expect.any(Date) }]);

    await mock.app.open(100004, started.links.https);
    await mock.app.press(100004, 'Start');
    expect((await botSays(mock, 100004, 'expired')).text).toBe('This login link has expired; start again on the site.');
  } finally {
    await site.stop();
  }
});

test('a new start from the same browser cancels its open request; the old link then gets the polite answer', async ({ mock, site }) => {
  const page = browser();
  const first = await startLogin(site, page);
  await openAndStart(mock, ALICE, first.links.https);
  const second = await startLogin(site, page);
  await botSays(mock, ALICE, 'This login was cancelled on the site.');
  expect(second.requestId).not.toBe(first.requestId);
  expect(await (await status(site, page, 0)).json()).toEqual({ status: 'pending', expiresAt: second.expiresAt });
  await mock.app.open(ALICE, first.links.https);
  await mock.app.press(ALICE, 'Start');
  await botSays(mock, ALICE, 'This login link has expired; start again on the site.');
});

test('/bot/start answers the links, the QR code and the match code, and binds the request with an HttpOnly cookie', async ({ mock, site }) => {
  const page = browser();
  const response = await call(site, '/bot/start', page, { body: '' });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { requestId: string; links: { https: string; tg: string }; qr: { size: number; modules: string }; matchCode: string; expiresAt: number };
  const payload = new URL(body.links.https).searchParams.get('start')!;
  expect(payload).toMatch(/^tlk_[A-Za-z0-9_-]{43}$/);
  expect(body.links).toEqual({ https: `${mock.app.url}/resolve?domain=${BOT}&start=${payload}`, tg: `tg://resolve?domain=${BOT}&start=${payload}` });
  expect(body.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(body.matchCode).toMatch(/^\d{2}$/);
  expect(body.qr.size).toBeGreaterThanOrEqual(21);
  expect(body.expiresAt).toBeGreaterThan(Date.now() + 290_000);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('tlk_session_bot='))!;
  expect(cookie).toMatch(new RegExp(`^tlk_session_bot=${body.requestId}\\.[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=/; Max-Age=360$`));
  expect(JSON.stringify(body)).not.toContain(cookie.split(';')[0]!.split('.')[1]!);
  expect(response.headers.get('cache-control')).toBe('no-store');
});

test('without a t.me stand-in the links are t.me and tg://; on an https site the request cookie is __Host- and Secure', async ({ mock }) => {
  const { createTelegramAuthHandler } = await import('./handler.js');
  const handler = createTelegramAuthHandler({
    bot: { token: mock.bots[0]!.token, username: BOT, apiRoot: mock.issuer },
    allowedOrigins: ['https://example.com'],
    session: { secret: 'handler-test-session-secret-0123456789' },
  });
  const response = await handler(new Request('https://example.com/auth/telegram/bot/start', { method: 'POST', headers: { Origin: 'https://example.com' } }));
  const body = (await response.json()) as { links: { https: string } };
  expect(body.links.https).toMatch(/^https:\/\/t\.me\/MockLoginBot\?start=tlk_[A-Za-z0-9_-]{43}$/);
  expect(response.headers.getSetCookie()[0]).toMatch(/^__Host-tlk_session_bot=[^;]+; HttpOnly; SameSite=Lax; Path=\/; Max-Age=360; Secure$/);
  expect((await handler(new Request('https://example.com/auth/telegram/nonce'))).status).toBe(404);
});

test('the question and its outcome speak the Telegram user\'s language_code; bot.texts replace the wording', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false, bot: { texts: { en: { approved: 'Welcome back to {site}!' } }, siteName: 'Example Shop' } });
  try {
    const next = updateReader(mock);
    const russian = browser(CHROME_ON_WINDOWS);
    const started = await startLogin(site, russian);
    await mock.app.open(ALICE, started.links.https);
    await mock.app.press(ALICE, 'Start');
    // The mock's users send no language_code: this one's app is in Russian.
    const start = (await next()) as unknown as { message: { from: Record<string, unknown> } };
    start.message.from.language_code = 'ru';
    await site.handler.handleBotUpdate(start);
    const question = await botSays(mock, ALICE, 'Войти на');
    expect(question.text).toMatch(/^Войти на Example Shop\?\nЗапрос: Chrome, Windows, \d\d:\d\d UTC\.\n\nНажмите код, который показан на сайте\.\nНе вы начали этот вход\? Нажмите «Это не я»: возможно, кто-то пытается войти от вашего имени\.$/);
    expect(question.buttons[1]!.map((button) => button.text)).toEqual(['Это не я']);
    await mock.app.press(ALICE, started.matchCode);
    const tap = (await next()) as unknown as { callback_query: { from: Record<string, unknown> } };
    tap.callback_query.from.language_code = 'ru-RU';
    await site.handler.handleBotUpdate(tap);
    await botSays(mock, ALICE, 'Вы вошли на Example Shop.');

    const english = browser();
    const second = await startLogin(site, english);
    await mock.app.open(ALICE, second.links.https);
    await mock.app.press(ALICE, 'Start');
    await site.handler.handleBotUpdate(await next());
    await mock.app.press(ALICE, second.matchCode);
    await site.handler.handleBotUpdate(await next());
    await botSays(mock, ALICE, 'Welcome back to Example Shop!');
  } finally {
    await site.stop();
  }
});
