// Bot login under attack: each case of the "Bad input" list performs the attack against the
// handler on a real server, with the mock's Bot API and simulated app, and checks nothing gave way.
import type { BotApiUpdate } from './bot/api-types.js';
import { ALICE, CAROL, quietly, SITE } from './handler.test-support.js';
import { BOT, browser, call, expect, FIREFOX_ON_LINUX, openAndStart, startLogin, startSite, status, test, botSays, updateReader, WEBHOOK_SECRET } from './bot-login.test-support.js';
import type { MockTelegram } from '../mock/server.js';

const webhook = (url: string, body: unknown, secret: string | null = WEBHOOK_SECRET) =>
  fetch(`${url}/auth/telegram/bot/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const botMessages = (mock: MockTelegram, userId: number) => mock.app.messages(userId, BOT).filter((message) => message.from === 'bot');

test('a relayed link: the victim sees the attacker\'s browser, a guessed code denies, and no other browser ever gets the session', async ({ mock, site }) => {
  const attacker = browser(FIREFOX_ON_LINUX);
  const started = await startLogin(site, attacker);
  const question = await openAndStart(mock, ALICE, started.links.https);
  expect(question.text).toContain('Request from Firefox on Linux');
  const guess = question.buttons[0]!.map((button) => button.text).find((code) => code !== started.matchCode)!;
  const waiting = status(site, attacker);
  await mock.app.press(ALICE, guess);
  expect(await (await waiting).json()).toEqual({ status: 'denied' });

  // Knowing the request id or the payload is worth nothing without the cookie's secret.
  const other = browser();
  for (const cookie of ['', `tlk_session_bot=${started.requestId}.${'A'.repeat(43)}`, `tlk_session_bot=${started.payload}`, `tlk_session_bot=${started.requestId}`]) {
    const response = await call(site, '/bot/status?wait=0', other, { cookie });
    expect({ status: response.status, ...((await response.json()) as object) }).toMatchObject({ status: 401, error: 'bot_request_missing' });
  }
  expect((await call(site, '/session', other)).status).toBe(401);
  expect(site.events.some((event) => event.type === 'login')).toBe(false);
});

test('the same link twice logs in at most once: 20 polls race for the approved request and one gets the session; a second user gets the polite answer', async ({ mock, site }) => {
  const page = browser();
  const started = await startLogin(site, page);
  await openAndStart(mock, ALICE, started.links.https);
  await mock.app.press(ALICE, started.matchCode);
  await botSays(mock, ALICE, 'You are logged in');
  const cookie = page.jar.header;
  const answers = await Promise.all(Array.from({ length: 20 }, () => call(site, '/bot/status?wait=0', browser(), { cookie })));
  const sessions = answers.filter((response) => response.headers.getSetCookie().some((line) => line.startsWith('tlk_session=ey')));
  expect(sessions).toHaveLength(1);
  expect(answers.map((response) => response.status).sort()).toEqual([200, ...Array(19).fill(401)]);
  expect(site.events.filter((event) => event.type === 'login')).toHaveLength(1);

  await mock.app.open(CAROL, started.links.https);
  await mock.app.press(CAROL, 'Start');
  await botSays(mock, CAROL, 'This login link has expired; start again on the site.');
});

test('a replayed update (same update_id) is ignored, whether handed to handleBotUpdate or posted to the webhook again', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  try {
    const next = updateReader(mock);
    const page = browser();
    const started = await startLogin(site, page);
    await mock.app.open(ALICE, started.links.https);
    await mock.app.press(ALICE, 'Start');
    const start = await next();
    expect(await site.handler.handleBotUpdate(start)).toEqual({ handled: true, action: 'asked' });
    expect(await site.handler.handleBotUpdate(start)).toEqual({ handled: true, refused: 'replayed', code: 'bot_update_rejected' });
    expect((await webhook(site.url, start)).status).toBe(200);
    expect(botMessages(mock, ALICE)).toHaveLength(1);

    await mock.app.press(ALICE, started.matchCode);
    const tap = await next();
    expect(await site.handler.handleBotUpdate(tap)).toEqual({ handled: true, action: 'approved' });
    expect(await site.handler.handleBotUpdate(tap)).toEqual({ handled: true, refused: 'replayed', code: 'bot_update_rejected' });
    expect(site.events.filter((event) => event.type === 'bot_update_refused')).toEqual([
      { type: 'bot_update_refused', code: 'bot_update_rejected', reason: 'replayed', updateId: start.update_id, tgId: ALICE, at: expect.any(Date) },
      { type: 'bot_update_refused', code: 'bot_update_rejected', reason: 'replayed', updateId: start.update_id, tgId: ALICE, at: expect.any(Date) },
      { type: 'bot_update_refused', code: 'bot_update_rejected', reason: 'replayed', updateId: tap.update_id, tgId: ALICE, at: expect.any(Date) },
    ]);
    expect((await (await status(site, page, 0)).json()) as object).toMatchObject({ status: 'approved' });
  } finally {
    await site.stop();
  }
});

test('a confirm from another Telegram user than the one who pressed Start is refused; the right user then logs in', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  try {
    const next = updateReader(mock);
    const page = browser();
    const started = await startLogin(site, page);
    await mock.app.open(ALICE, started.links.https);
    await mock.app.press(ALICE, 'Start');
    await site.handler.handleBotUpdate(await next());
    // Carol's client forges a tap on Alice's question with the right code (a query of its own: only
    // whoever reads the bot's updates could know the id of Alice's).
    await mock.app.press(ALICE, started.matchCode);
    const tap = (await next()) as Required<BotApiUpdate>;
    const carol = { id: CAROL, is_bot: false, first_name: 'Carol', last_name: 'Chen', username: 'carol' };
    const forged = { ...tap, update_id: tap.update_id + 1000, callback_query: { ...tap.callback_query, id: `${tap.callback_query.id}9`, from: carol } };
    const { result: refusal, logged: forgedLogged } = await quietly(() => site.handler.handleBotUpdate(forged));
    expect(refusal).toEqual({ handled: true, refused: 'other_user', code: 'bot_update_rejected' });
    // Telegram never sent that query: the answer to it fails, which is logged, not fatal.
    expect(forgedLogged.map(([line]) => line)).toEqual(['telegram-login-kit: bot login could not answer a button: Bot API answerCallbackQuery: 400 Bad Request: query is too old and response timeout expired or query ID is invalid']);
    expect(await (await status(site, page, 0)).json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
    expect(site.events.at(-1)).toEqual({ type: 'bot_update_refused', code: 'bot_update_rejected', reason: 'other_user', updateId: forged.update_id, tgId: CAROL, at: expect.any(Date) });
    // Carol opening the link after Alice pressed Start gets the polite answer, nothing else.
    await mock.app.open(CAROL, started.links.https);
    await mock.app.press(CAROL, 'Start');
    expect(await site.handler.handleBotUpdate(await next())).toEqual({ handled: true, refused: 'claimed', code: 'bot_payload_invalid' });
    await botSays(mock, CAROL, 'This login link has expired; start again on the site.');

    // Alice's own tap, which Telegram sent, logs her in.
    expect(await site.handler.handleBotUpdate(tap)).toEqual({ handled: true, action: 'approved' });
    const approved = (await (await status(site, page, 0)).json()) as { user: { sub: string } };
    expect(approved.user.sub).toBe('tg:100001');
  } finally {
    await site.stop();
  }
});

test('the webhook refuses a missing or wrong secret token with 401 and changes nothing', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  try {
    const next = updateReader(mock);
    const page = browser();
    const started = await startLogin(site, page);
    await mock.app.open(ALICE, started.links.https);
    await mock.app.press(ALICE, 'Start');
    const start = await next();
    for (const secret of [null, '', 'wrong-secret-wrong-secret-1234', `${WEBHOOK_SECRET}x`, WEBHOOK_SECRET.slice(0, -1)]) {
      const response = await webhook(site.url, start, secret);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'bot_update_rejected', message: 'missing or wrong "X-Telegram-Bot-Api-Secret-Token": the webhook must be set with secret_token equal to "bot.webhookSecret"' });
    }
    expect(botMessages(mock, ALICE)).toHaveLength(0);
    expect(site.events.map((event) => event.type)).toEqual(['bot_login_started']);
    // Nothing was claimed or remembered: the genuine delivery works.
    expect((await webhook(site.url, start)).status).toBe(200);
    await botSays(mock, ALICE, 'Log in to localhost:3000?');
  } finally {
    await site.stop();
  }
});

test('malformed and foreign updates: the kit\'s own get the polite answer, everyone else\'s are passed on, broken ones are refused', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  try {
    const next = updateReader(mock);
    await mock.app.open(ALICE, `https://t.me/${BOT}`);
    await mock.app.press(ALICE, 'Start');
    const plain = (await next()) as Required<BotApiUpdate>;
    expect(await site.handler.handleBotUpdate(plain)).toEqual({ handled: false });
    let id = plain.update_id;
    const withText = (text: string) => ({ update_id: ++id, message: { ...plain.message, text } });
    expect(await site.handler.handleBotUpdate(withText('/start hello'))).toEqual({ handled: false });
    expect(await site.handler.handleBotUpdate(withText('/start@OtherBot tlk_x'))).toEqual({ handled: false });
    expect(await site.handler.handleBotUpdate(withText('/start tlk_short'))).toEqual({ handled: true, refused: 'malformed', code: 'bot_payload_invalid' });
    expect(await site.handler.handleBotUpdate(withText(`/start tlk_${'A'.repeat(43)}`))).toEqual({ handled: true, refused: 'unknown', code: 'bot_payload_invalid' });
    expect(botMessages(mock, ALICE).map((message) => message.text)).toEqual(Array(2).fill('This login link has expired; start again on the site.'));
    const group = { update_id: ++id, message: { ...plain.message, text: `/start tlk_${'B'.repeat(43)}`, chat: { id: -100, type: 'group' } } };
    expect(await site.handler.handleBotUpdate(group)).toEqual({ handled: true, refused: 'not_private', code: 'bot_payload_invalid' });

    // Forged queries: Telegram does not know their ids, so the kit's answers to them fail (logged).
    const query = { id: 'q-1', from: plain.message.from, chat_instance: '1', message: plain.message };
    const { logged } = await quietly(async () => {
      expect(await site.handler.handleBotUpdate({ update_id: ++id, callback_query: { ...query, data: 'site:buy' } })).toEqual({ handled: false });
      expect(await site.handler.handleBotUpdate({ update_id: ++id, callback_query: { ...query, data: 'tlk:junk' } })).toEqual({ handled: true, refused: 'malformed', code: 'bot_payload_invalid' });
      expect(await site.handler.handleBotUpdate({ update_id: ++id, callback_query: { ...query, data: `tlk:${'C'.repeat(22)}:47` } })).toEqual({ handled: true, refused: 'unknown', code: 'bot_payload_invalid' });
    });
    expect(logged).toHaveLength(2);
    expect(await site.handler.handleBotUpdate({ update_id: ++id, my_chat_member: {} })).toEqual({ handled: false });

    for (const broken of [null, 'update', [], {}, { update_id: 'x' }, { update_id: -1 }]) {
      await expect(site.handler.handleBotUpdate(broken)).rejects.toMatchObject({ code: 'bot_update_rejected', message: 'an update must be a Bot API Update object with a numeric "update_id"' });
    }
  } finally {
    await site.stop();
  }
});

test('the webhook answers broken bodies with 400 and oversized ones (never the kit\'s) with 200; a foreign update is 200', async ({ site }) => {
  const refused = async (body: string, error: string) => {
    const response = await webhook(site.url, body);
    expect({ status: response.status, error: ((await response.json()) as { error: string }).error }).toEqual({ status: 400, error });
  };
  await refused('{"update_id":', 'invalid_request');
  await refused('[]', 'invalid_request');
  await refused('{}', 'bot_update_rejected');
  const big = await webhook(site.url, { update_id: 9, message: { text: 'x'.repeat(20_000) } });
  expect(big.status).toBe(200);
  const foreign = await webhook(site.url, { update_id: 10, my_chat_member: {} });
  expect({ status: foreign.status, body: await foreign.json() }).toEqual({ status: 200, body: {} });
});

test('POSTs need the site\'s Origin; the status is for the page\'s own fetch, not a navigation or another site', async ({ site }) => {
  const noOrigin = await fetch(`${site.url}/auth/telegram/bot/start`, { method: 'POST' });
  expect(noOrigin.status).toBe(403);
  const evil = await fetch(`${site.url}/auth/telegram/bot/cancel`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
  expect(evil.status).toBe(403);
  const page = browser();
  await startLogin(site, page);
  // Node's fetch sets Sec-Fetch-* itself: these requests go to the handler as a browser would send them.
  for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate' }] as Record<string, string>[]) {
    const response = await site.handler(new Request(`${SITE}/auth/telegram/bot/status?wait=0`, { headers: { ...headers, Cookie: page.jar.header } }));
    expect(response.status).toBe(403);
  }
  expect((await site.handler(new Request(`${SITE}/auth/telegram/bot/status?wait=0`, { headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors', Cookie: page.jar.header } }))).status).toBe(200);
  for (const wait of ['26', '-1', '2.5', 'x']) expect((await call(site, `/bot/status?wait=${wait}`, page)).status).toBe(400);
  expect((await fetch(`${site.url}/auth/telegram/bot/start`, { method: 'POST', headers: { Origin: SITE, 'Content-Type': 'application/json' }, body: '{"lang":"<b>"}' })).status).toBe(400);
});
