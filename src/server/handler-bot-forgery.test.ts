// Bot login against forgery and confusion: login CSRF and cookie tossing on an https site, markup in
// the bot's texts, decisions racing each other, an old question's buttons, a button press Telegram
// never sent, and what an approved poll says when the site's claims hook fails.
import type { BotApiUpdate } from './bot/api-types.js';
import { createTelegramAuthHandler, type TelegramAuthHandler } from './handler.js';
import { ALICE, CAROL, cookiesOf, quietly, SECURE_SITE } from './handler.test-support.js';
import { BOT, botOption, botSays, browser, call, expect, openAndStart, startLogin, startSite, status, test, updateReader, type Started } from './bot-login.test-support.js';
import type { MockTelegram } from '../mock/server.js';

/** Alice opens the link and presses Start, handled by the site; resolves with the update and the question. */
async function aliceStarts(mock: MockTelegram, handler: TelegramAuthHandler, next: () => Promise<BotApiUpdate>, started: Started) {
  await mock.app.open(ALICE, started.links.https);
  await mock.app.press(ALICE, 'Start');
  const start = await next();
  expect(await handler.handleBotUpdate(start)).toEqual({ handled: true, action: 'asked' });
  return start;
}

test('login CSRF on an https site: the attacker\'s own approved request cannot be collected by the victim\'s browser under any cookie name a sibling subdomain can set', async ({ mock }) => {
  const handler = createTelegramAuthHandler({
    bot: { ...botOption(mock), webhookSecret: undefined },
    allowedOrigins: [SECURE_SITE],
    session: { secret: 'handler-test-session-secret-0123456789' },
  });
  const next = updateReader(mock);
  const page = (path: string, cookie: string) =>
    handler(new Request(`${SECURE_SITE}/auth/telegram${path}`, { headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors', Cookie: cookie } }));

  // The attacker starts a login and approves it with their own Telegram account (Carol).
  const startResponse = await handler(new Request(`${SECURE_SITE}/auth/telegram/bot/start`, { method: 'POST', headers: { Origin: SECURE_SITE } }));
  const started = (await startResponse.json()) as Started;
  const planted = cookiesOf(startResponse).split('=').slice(1).join('=');
  await mock.app.open(CAROL, started.links.https);
  await mock.app.press(CAROL, 'Start');
  await handler.handleBotUpdate(await next());
  await mock.app.press(CAROL, started.matchCode);
  expect(await handler.handleBotUpdate(await next())).toEqual({ handled: true, action: 'approved' });

  // A sibling (evil.example.com) can set these for example.com, but never __Host-tlk_session_bot itself.
  const tossed = ['tlk_session_bot', '__Secure-tlk_session_bot', '__host-tlk_session_bot', '__HOST-tlk_session_bot', ' __Host-tlk_session_bot\u00a0'];
  for (const name of tossed) {
    const poll = await page('/bot/status?wait=0', `${name}=${planted}`);
    expect({ name, status: poll.status }).toEqual({ name, status: 401 });
    expect(poll.headers.getSetCookie().some((cookie) => cookie.startsWith('__Host-tlk_session='))).toBe(false);
  }
  // The request is still the attacker's alone: their own browser collects it.
  const own = await page('/bot/status?wait=0', `__Host-tlk_session_bot=${planted}`);
  expect(((await own.json()) as { user: { tg_id: number } }).user.tg_id).toBe(CAROL);
});

test('markup in the site name, the site\'s own texts and the User-Agent reaches the user as plain text: no link, no formatting but the site name in bold', async ({ mock }) => {
  const siteName = 'Shop</b><a href="tg://resolve?domain=evil">&amp;';
  const prompt = 'Sign in to {site}? <a href="https://evil.example">Claim a bonus</a> <i>now</i>';
  const site = await startSite(mock, { bot: { siteName, texts: { en: { prompt, approved: '<b>Welcome</b> to {site} &lt;3' } } } });
  try {
    const page = browser('Mozilla/5.0 <a href="https://evil.example">Chrome</a> "><b>');
    const started = await startLogin(site, page);
    const question = await openAndStart(mock, ALICE, started.links.https);
    const first = `Sign in to ${siteName}? <a href="https://evil.example">Claim a bonus</a> <i>now</i>`;
    expect(question.text).toBe(`${first}\nRequest from an unknown browser on an unknown system, ${question.text.match(/\d\d:\d\d [AP]M UTC/)![0]}.\n\nTap the code shown on the site.\nDid not start this login? Tap “Not me”: someone may be trying to log in as you.`);
    expect(question.entities).toEqual([{ type: 'bold', offset: 'Sign in to '.length, length: siteName.length }]);
    const waiting = status(site, page);
    await mock.app.press(ALICE, started.matchCode);
    expect(((await (await waiting).json()) as { status: string }).status).toBe('approved');
    const done = await botSays(mock, ALICE, 'Welcome');
    expect(done.text).toBe(`<b>Welcome</b> to ${siteName} &lt;3`);
    expect(done.entities).toEqual([{ type: 'bold', offset: '<b>Welcome</b> to '.length, length: siteName.length }]);
    expect(mock.app.chat(ALICE, BOT).lastAnswer).toMatchObject({ text: `<b>Welcome</b> to ${siteName} &lt;3` });
  } finally {
    await site.stop();
  }
});

test('decisions racing each other: an approval against the site\'s cancel, and the right code against "Not me", never give a session and decide once', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  const next = updateReader(mock);
  try {
    for (let round = 0; round < 4; round++) {
      const page = browser();
      const started = await startLogin(site, page);
      const cookie = page.jar.header;
      await aliceStarts(mock, site.handler, next, started);
      await mock.app.press(ALICE, started.matchCode);
      const tap = (await next()) as Required<BotApiUpdate>;
      // The same user's "Not me" on the same question, as a second, concurrent update.
      const notMe = { update_id: tap.update_id + 10_000, callback_query: { ...tap.callback_query, id: `${tap.callback_query.id}-2`, data: `tlk:${started.requestId}:no` } };
      const { result } = await quietly(() =>
        Promise.all([site.handler.handleBotUpdate(tap), site.handler.handleBotUpdate(notMe), call(site, '/bot/cancel', page, { body: {} })]),
      );
      expect(result[2].status).toBe(200);
      const decided = result.slice(0, 2).filter((answer) => 'action' in answer);
      expect(decided.length).toBeLessThanOrEqual(1);
      // The browser's cookie from before the cancel: never a session, whoever won.
      const poll = await call(site, '/bot/status?wait=0', browser(), { cookie });
      expect(poll.headers.getSetCookie().some((line) => line.startsWith('tlk_session=ey'))).toBe(false);
      const outcomes = site.events.filter((event) => 'requestId' in event && event.requestId === started.requestId && event.type !== 'bot_login_started');
      expect(outcomes).toHaveLength(1);
    }
    expect(site.events.filter((event) => event.type === 'login')).toEqual([]);
  } finally {
    await site.stop();
  }
});

test('an old question\'s buttons after the site moved on: Start pressed twice, a new login in the browser; the first question\'s right code logs nobody in', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  const next = updateReader(mock);
  try {
    const page = browser();
    const first = await startLogin(site, page);
    await aliceStarts(mock, site.handler, next, first);
    await aliceStarts(mock, site.handler, next, first);
    const asked = () => mock.app.messages(ALICE, BOT).filter((message) => message.from === 'bot' && message.buttons.length > 0);
    expect(asked()).toHaveLength(2);
    // A new login from the same browser cancels the first; only the newest question was edited.
    const second = await startLogin(site, page);
    await botSays(mock, ALICE, 'This login was cancelled on the site.');
    expect(asked()).toHaveLength(1);
    await mock.app.press(ALICE, first.matchCode);
    expect(await quietly(async () => site.handler.handleBotUpdate(await next())).then(({ result }) => result)).toEqual({ handled: true, refused: 'spent', code: 'bot_payload_invalid' });
    expect(mock.app.chat(ALICE, BOT).lastAnswer).toMatchObject({ text: 'This login was cancelled on the site.' });
    expect(asked()).toHaveLength(0);
    expect(await (await status(site, page, 0)).json()).toEqual({ status: 'pending', expiresAt: second.expiresAt });
    expect(site.events.filter((event) => event.type === 'bot_login_approved' || event.type === 'login')).toEqual([]);
  } finally {
    await site.stop();
  }
});

test('handleBotUpdate: a button press Telegram never sent (forged, e.g. through a site\'s webhook route without the secret token) does not log the forger in as the victim', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  try {
    // The attacker's browser: it knows its request id, its payload and its match code.
    const attacker = browser();
    const started = await startLogin(site, attacker);
    const victim = { id: ALICE, is_bot: false, first_name: 'Alice', last_name: 'Anderson', username: 'alice' };
    const date = Math.floor(Date.now() / 1000);
    const forgedStart = { update_id: 900_001, message: { message_id: 1, date, chat: { id: ALICE, type: 'private' }, from: victim, text: `/start ${started.payload}` } };
    const forgedTap = { update_id: 900_002, callback_query: { id: '4242424242424242', from: victim, chat_instance: '1', data: `tlk:${started.requestId}:${started.matchCode}` } };
    // The same forged updates at the kit's own webhook are refused (no secret token).
    for (const update of [forgedStart, forgedTap]) {
      const response = await fetch(`${site.url}/auth/telegram/bot/webhook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(update) });
      expect(response.status).toBe(401);
    }
    // Telegram does not know this callback query: answering it fails, so Telegram never sent it.
    const { logged } = await quietly(async () => {
      // A forged /start cannot be told from a real one: at worst the bot asks the victim (here it may
      // not even write first), and only the code on the forger's screen approves.
      expect(await site.handler.handleBotUpdate(forgedStart)).toEqual({ handled: true, action: 'asked' });
      expect(await site.handler.handleBotUpdate(forgedTap)).toEqual({ handled: true, refused: 'unverified', code: 'bot_update_rejected' });
    });
    expect(logged.map(([line]) => line)).toEqual([
      'telegram-login-kit: bot login could not answer /start: Bot API sendMessage: 403 Forbidden: bot can\'t initiate conversation with a user',
      'telegram-login-kit: bot login could not answer a button: Bot API answerCallbackQuery: 400 Bad Request: query is too old and response timeout expired or query ID is invalid',
    ]);
    expect(site.events.at(-1)).toEqual({ type: 'bot_update_refused', code: 'bot_update_rejected', reason: 'unverified', updateId: forgedTap.update_id, tgId: ALICE, at: expect.any(Date) });
    const poll = await status(site, attacker, 0);
    expect(((await poll.json()) as { status: string }).status).not.toBe('approved');
    expect(site.events.filter((event) => event.type === 'login')).toEqual([]);
  } finally {
    await site.stop();
  }
});

test('the site\'s session claims hook failing on an approved login: 500 "internal error" with nothing of the failure, no session, and the request is spent', async ({ mock }) => {
  const site = await startSite(mock, {
    options: {
      session: {
        secret: 'handler-test-session-secret-0123456789',
        claims: () => {
          throw new Error('users table: connection to postgres://admin:hunter2@db failed');
        },
      },
    },
  });
  try {
    const page = browser();
    const started = await startLogin(site, page);
    await openAndStart(mock, ALICE, started.links.https);
    const waiting = quietly(() => status(site, page));
    await mock.app.press(ALICE, started.matchCode);
    const { result: approved, logged } = await waiting;
    const text = await approved.text();
    expect({ status: approved.status, body: JSON.parse(text) }).toEqual({ status: 500, body: { error: 'server_error', message: 'internal error' } });
    expect(text).not.toContain('hunter2');
    expect(approved.headers.getSetCookie().some((line) => line.startsWith('tlk_session=ey'))).toBe(false);
    expect(logged).toHaveLength(1);
    expect((await status(site, page, 0)).status).toBe(401);
    expect(site.events.filter((event) => event.type === 'login')).toEqual([]);
  } finally {
    await site.stop();
  }
});
