// Two tabs of one browser: one request cookie, two login requests. The page names the request it
// waits on (`requestId`); the cookie stays the only proof that the browser may have it. A browser is
// a cookie jar: a call carries the cookies of the moment it is sent, and its answer's Set-Cookie
// lands when it arrives, as in a real browser.
import { ALICE, expectError } from './handler.test-support.js';
import { BOT, browser, call, expect, openAndStart, requestCookieSet, startLogin, status, test, botSays } from './bot-login.test-support.js';

const cancel = (site: { url: string }, from: ReturnType<typeof browser>, body: unknown) => call(site, '/bot/cancel', from, { body });

test('a newer login from another tab: the older tab hears superseded, its answers leave the cookie alone, and the newer one goes on to a session', async ({ mock, site }) => {
  const tabs = browser();
  const a = await startLogin(site, tabs);
  const aWaiting = status(site, tabs, 25, a.requestId); // sent with A's cookie
  const b = await startLogin(site, tabs); // cancels A, sets B's cookie
  expect(b.requestId).not.toBe(a.requestId);

  // A's waiting poll hears its request cancelled, and lands after B's start without unbinding B.
  const aCancelled = await aWaiting;
  expect(await aCancelled.json()).toEqual({ status: 'cancelled' });
  expect(requestCookieSet(aCancelled)).toEqual([]);
  // A's next poll carries B's cookie: it is told A was replaced, not B's state.
  const aNext = await status(site, tabs, 0, a.requestId);
  expect(await aNext.json()).toEqual({ status: 'superseded' });
  expect(requestCookieSet(aNext)).toEqual([]);
  // B's own poll, and a poll that names no request (a client of the site's own), follow B.
  expect(await (await status(site, tabs, 0, b.requestId)).json()).toEqual({ status: 'pending', expiresAt: b.expiresAt });
  expect(await (await status(site, tabs, 0)).json()).toEqual({ status: 'pending', expiresAt: b.expiresAt });

  await openAndStart(mock, ALICE, b.links.https);
  const bWaiting = status(site, tabs, 25, b.requestId);
  await mock.app.press(ALICE, b.matchCode);
  expect(await (await bWaiting).json()).toMatchObject({ status: 'approved', user: { tg_id: ALICE } });
  expect(((await (await call(site, '/session', tabs)).json()) as { user: { tg_id: number } }).user.tg_id).toBe(ALICE);
  expect(site.events.map((event) => event.type)).toEqual(['bot_login_started', 'bot_login_cancelled', 'bot_login_started', 'bot_login_approved', 'login']);
});

test('the older tab’s cancel (leaving its page) names its request: the newer one is not cancelled, and the bot’s newer question keeps its buttons', async ({ mock, site }) => {
  const tabs = browser();
  const a = await startLogin(site, tabs);
  const b = await startLogin(site, tabs);
  const question = await openAndStart(mock, ALICE, b.links.https);

  const aCancel = await cancel(site, tabs, { requestId: a.requestId });
  expect(await aCancel.json()).toEqual({ status: 'superseded' });
  expect(requestCookieSet(aCancel)).toEqual([]);
  expect(await (await status(site, tabs, 0, b.requestId)).json()).toEqual({ status: 'pending', expiresAt: b.expiresAt });
  expect(mock.app.messages(ALICE, BOT).find((message) => message.id === question.id)?.buttons.flat().length).toBe(4);

  // B's own cancel does cancel B.
  expect(await (await cancel(site, tabs, { requestId: b.requestId })).json()).toEqual({ status: 'cancelled' });
  await botSays(mock, ALICE, 'This login was cancelled on the site.');
  expect(site.events.filter((event) => event.type === 'bot_login_cancelled').map((event) => 'requestId' in event && event.requestId)).toEqual([a.requestId, b.requestId]);
});

test('a request id is no proof: without the cookie it is 401, and another browser’s own cookie gets the same superseded for a real or a made-up id', async ({ mock, site }) => {
  const victim = browser();
  const started = await startLogin(site, victim);
  await openAndStart(mock, ALICE, started.links.https);

  const stranger = browser();
  for (const answer of [await status(site, stranger, 0, started.requestId), await cancel(site, stranger, { requestId: started.requestId })]) {
    expect({ status: answer.status, ...((await answer.json()) as object) }).toMatchObject({ status: 401, error: 'bot_request_missing' });
    expect(requestCookieSet(answer)).toEqual([]);
  }
  // The attacker's own login gives them a cookie: naming the victim's request tells them nothing and touches nothing.
  const attacker = browser();
  await startLogin(site, attacker);
  for (const requestId of [started.requestId, 'A'.repeat(22)]) {
    expect(await (await status(site, attacker, 0, requestId)).json()).toEqual({ status: 'superseded' });
    expect(await (await cancel(site, attacker, { requestId })).json()).toEqual({ status: 'superseded' });
  }
  expect(await (await status(site, victim, 0, started.requestId)).json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
  const waiting = status(site, victim, 25, started.requestId);
  await mock.app.press(ALICE, started.matchCode);
  expect(await (await waiting).json()).toMatchObject({ status: 'approved', user: { tg_id: ALICE } });
  expect((await call(site, '/session', attacker)).status).toBe(401);
});

test('a malformed requestId is 400 invalid_request, in the status query and in the cancel body', async ({ site }) => {
  const page = browser();
  const started = await startLogin(site, page);
  const message = '"requestId" must be the requestId that POST /bot/start answered (22 characters of A-Za-z0-9_-)';
  for (const requestId of ['', 'short', `${started.requestId}x`, `${started.requestId.slice(0, 21)}.`]) {
    await expectError(await status(site, page, 0, requestId), 400, 'invalid_request', message);
  }
  for (const requestId of ['', 42, null, ['x'], { id: started.requestId }]) {
    await expectError(await cancel(site, page, { requestId }), 400, 'invalid_request', message);
  }
  expect(await (await status(site, page, 0, started.requestId)).json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
});
