// Bot login under load and abuse: a store that fails, the rate limits (and another site's requests,
// which must not count against a visitor's), a flood of unauthenticated starts, the per-instance cap
// on requests, many polls on one request, a poll whose client went away; and a bot-only site.
import { createMemoryStore } from './stores/memory.js';
import type { TelegramAuthStore } from './stores/store.js';
import { ALICE, cookiesOf, post, quietly, SECRET, SITE, verifiedLogin } from './handler.test-support.js';
import { createBotApiClient } from './bot/api-client.js';
import { BOT, botOption, botSays, browser, call, expect, openAndStart, startLogin, startSite, status, test } from './bot-login.test-support.js';
import { createTelegramAuthHandler } from './handler.js';

/** A memory store that fails every call while `down` is set, like a Redis that went away. */
function switchableStore(): TelegramAuthStore & { down: boolean } {
  const store = createMemoryStore();
  const failing = { down: false } as TelegramAuthStore & { down: boolean };
  for (const method of ['add', 'set', 'get', 'take', 'delete', 'increment'] as const) {
    (failing as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      failing.down ? Promise.reject(new Error('connection lost')) : (store[method] as (...a: unknown[]) => Promise<unknown>)(...args);
  }
  return failing;
}

/** A real memory store that counts the kit's looks at bot login outcomes (what a waiting poll reads). */
function countingStore(options: Parameters<typeof createMemoryStore>[0] = {}): TelegramAuthStore & { outcomeReads: number } {
  const store = createMemoryStore(options);
  const counting: TelegramAuthStore & { outcomeReads: number } = {
    ...store,
    outcomeReads: 0,
    get(key) {
      if (key.startsWith('bot-outcome:')) counting.outcomeReads++;
      return store.get(key);
    },
  };
  return counting;
}

test('a failing store refuses: start and status answer 503, the webhook answers 503 until the store is back, then the update is acted on once', async ({ mock }) => {
  const store = switchableStore();
  const site = await startSite(mock, { options: { store } });
  try {
    const page = browser();
    const started = await startLogin(site, page);
    await mock.app.open(ALICE, started.links.https);
    const { logged } = await quietly(async () => {
      store.down = true;
      const start = await call(site, '/bot/start', browser(), { body: {} });
      expect({ status: start.status, error: ((await start.json()) as { error: string }).error }).toEqual({ status: 503, error: 'store_unavailable' });
      expect(start.headers.getSetCookie()).toEqual([]);
      const polled = await status(site, page, 0);
      expect({ status: polled.status, error: ((await polled.json()) as { error: string }).error }).toEqual({ status: 503, error: 'store_unavailable' });
      await mock.app.press(ALICE, 'Start');
      // The mock retries a refused delivery (every 50–200 ms here); it stays queued while the store is down.
      const api = createBotApiClient({ token: mock.bots[0]!.token, apiRoot: mock.issuer });
      await expect.poll(async () => (await api.getWebhookInfo()).last_error_message).toBe('Wrong response from the webhook: 503 Service Unavailable');
      store.down = false;
    });
    expect(logged.length).toBeGreaterThan(0);
    const question = await mock.app.waitForMessage(ALICE, BOT, 'Log in to');
    expect(question.buttons[0]).toHaveLength(3);
    expect(mock.app.messages(ALICE, BOT).filter((message) => message.from === 'bot')).toHaveLength(1);
    expect(site.events).toContainEqual({ type: 'store_unavailable', route: '/bot/start', at: expect.any(Date) });
    expect(site.events).toContainEqual({ type: 'store_unavailable', route: '/bot/status', at: expect.any(Date) });
  } finally {
    await site.stop();
  }
});

test('/bot/start and /bot/status have rate limits of their own, counted per client', async ({ mock }) => {
  const site = await startSite(mock, {
    options: { clientIp: () => '198.51.100.7', rateLimits: { botStart: { max: 2, windowSeconds: 60 }, botStatus: { max: 3, windowSeconds: 60 } } },
  });
  try {
    const page = browser();
    expect((await call(site, '/bot/start', page, { body: {} })).status).toBe(200);
    expect((await call(site, '/bot/start', page, { body: {} })).status).toBe(200);
    const limited = await call(site, '/bot/start', page, { body: {} });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await status(site, page, 0)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(site.events.filter((event) => event.type === 'rate_limited').map((event) => (event as { route: string }).route)).toEqual(['/bot/start', '/bot/status']);
  } finally {
    await site.stop();
  }
});

const VICTIM_IP = '203.0.113.9';

test('requests another site makes from the victim\'s browser (an attacker page full of <img> tags) do not use up the victim\'s /bot/status rate limit', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  try {
    const start = await site.handler(new Request(`${SITE}/auth/telegram/bot/start`, { method: 'POST', headers: { Origin: SITE } }), { remoteAddress: VICTIM_IP });
    expect(start.status).toBe(200);
    const cookie = cookiesOf(start);
    // The attacker's page: 120 images pointing at the status route. The browser marks them cross-site
    // and (SameSite=Lax) sends no cookie; the handler refuses each with 403, as it should.
    const crossSite = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' };
    for (let index = 0; index < 120; index++) {
      const image = await site.handler(new Request(`${SITE}/auth/telegram/bot/status`, { headers: crossSite }), { remoteAddress: VICTIM_IP });
      expect(image.status).toBe(403);
    }
    // The victim's own page then polls its login: it must not be rate limited by requests it never made.
    const poll = await site.handler(
      new Request(`${SITE}/auth/telegram/bot/status?wait=0`, { headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors', Cookie: cookie } }),
      { remoteAddress: VICTIM_IP },
    );
    expect({ status: poll.status, body: await poll.json() }).toMatchObject({ status: 200, body: { status: 'pending' } });
  } finally {
    await site.stop();
  }
});

test('a flood of unauthenticated /bot/start from many addresses (each within its rate limit) cannot fill the store for everyone: other users still log in and out', async ({ mock }) => {
  // The memory store sized small so the test is quick: the default 100 000 entries fell the same way
  // to 167 addresses (or IPv6 /64s, one /56 has 256) at the default 30 starts a minute, each start
  // writing two entries that lived 10 minutes whether or not a browser ever polled. A start now
  // writes one evictable entry: the flood below is more starts than the store has room for.
  const store = createMemoryStore({ maxEntries: 200 });
  const site = await startSite(mock, { webhook: false, options: { store } });
  try {
    const alice = await verifiedLogin(mock, site.handler);
    expect(alice.response.status).toBe(200);
    const aliceCookie = alice.jar.header;

    const answers: number[] = [];
    for (let net = 1; net <= 8; net++) {
      for (let index = 0; index < 30; index++) {
        const request = new Request(`${SITE}/auth/telegram/bot/start`, { method: 'POST', headers: { Origin: SITE } });
        answers.push((await site.handler(request, { remoteAddress: `2001:db8:0:${net}::1` })).status);
      }
    }
    expect(answers.filter((status) => status === 429)).toEqual([]);

    // Someone else logs in with Telegram's login, and Alice logs out: both need one store write.
    const other = await verifiedLogin(mock, site.handler);
    expect(other.response.status).toBe(200);
    const logout = await post(site.handler, '/auth/telegram/logout', '', { cookie: aliceCookie });
    expect(logout.status).toBe(204);
    expect(await site.handler.getSession(new Request(SITE, { headers: { Cookie: aliceCookie } }))).toBeNull();
    // A bot login started after the flood is among the newest requests: it is there to be polled.
    const page = browser();
    const started = await startLogin(site, page);
    const poll = await site.handler(new Request(`${SITE}/auth/telegram/bot/status?wait=0`, { headers: { Cookie: page.jar.header } }));
    expect(await poll.json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
  } finally {
    await site.stop();
  }
});

test('many long polls waiting on one request (over real HTTP, the default limits behind a proxy) do not multiply the store reads', async ({ mock }) => {
  const store = countingStore();
  const site = await startSite(mock, { webhook: false, options: { store } });
  const controller = new AbortController();
  try {
    const page = browser();
    await startLogin(site, page);
    // One request, one cookie, 100 polls: the peer is the loopback proxy, so no rate limit applies.
    const polls = Array.from({ length: 100 }, () =>
      fetch(`${site.url}/auth/telegram/bot/status?wait=25`, { headers: { Cookie: page.jar.header }, signal: controller.signal }).catch(() => undefined),
    );
    await expect.poll(() => store.outcomeReads, { timeout: 10_000 }).toBeGreaterThanOrEqual(100);
    const before = store.outcomeReads;
    // A rate is measured over a window: three seconds of waiting polls.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const perSecond = (store.outcomeReads - before) / 3;
    // One look a second per request (per instance) is what one waiting poll costs; 100 polls should cost no more.
    expect(perSecond).toBeLessThan(10);
    controller.abort();
    await Promise.all(polls);
  } finally {
    controller.abort();
    await site.stop();
  }
});

test('a request has at most two polls waiting on an instance: a third ends the oldest at once with pending, the other two hear the outcome', async ({ mock }) => {
  const store = countingStore();
  const site = await startSite(mock, { webhook: false, options: { store } });
  try {
    const page = browser();
    const started = await startLogin(site, page);
    const polls: Promise<Response>[] = [];
    // One at a time, so that the first is the oldest: each poll looks at the store once before it waits.
    for (let index = 0; index < 3; index++) {
      polls.push(status(site, page));
      await expect.poll(() => store.outcomeReads).toBeGreaterThanOrEqual(index + 1);
    }
    const oldest = await polls[0]!;
    expect(await oldest.json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
    expect((await call(site, '/bot/cancel', page, { body: {} })).status).toBe(200);
    for (const poll of polls.slice(1)) expect(await (await poll).json()).toEqual({ status: 'cancelled' });
  } finally {
    await site.stop();
  }
});

test('a poll whose client went away stops waiting at once: no more store reads, the request log says aborted', async ({ mock }) => {
  const store = countingStore();
  const lines: string[] = [];
  const site = await startSite(mock, { webhook: false, options: { store, log: (line) => void lines.push(line) } });
  try {
    const page = browser();
    await startLogin(site, page);
    const controller = new AbortController();
    const poll = fetch(`${site.url}/auth/telegram/bot/status?wait=25`, { headers: { Cookie: page.jar.header }, signal: controller.signal }).catch((error: unknown) => error);
    await expect.poll(() => store.outcomeReads).toBeGreaterThanOrEqual(2);
    controller.abort();
    expect(await poll).toMatchObject({ name: 'AbortError' });
    await expect.poll(() => lines.find((line) => line.startsWith('GET /auth/telegram/bot/status '))).toMatch(/^GET \/auth\/telegram\/bot\/status 400 aborted \d+ms$/);
    const after = store.outcomeReads;
    // Two store intervals: a poll still waiting would have looked twice more.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(store.outcomeReads).toBe(after);
  } finally {
    await site.stop();
  }
});

test('past bot.maxPendingRequests a new start drops the oldest request of this instance: its browser hears bot_request_missing, the newest go on', async ({ mock }) => {
  const store = createMemoryStore();
  const site = await startSite(mock, { bot: { maxPendingRequests: 2 }, options: { store } });
  try {
    const pages = [browser(), browser(), browser()];
    const started = [];
    for (const page of pages) started.push(await startLogin(site, page));
    const oldest = await status(site, pages[0]!, 0);
    expect({ status: oldest.status, error: ((await oldest.json()) as { error: string }).error }).toEqual({ status: 401, error: 'bot_request_missing' });
    // Gone from the store, not only from this instance's count: its link is spent too.
    expect(await store.get(`bot-request:${started[0]!.requestId}`)).toBeUndefined();
    for (const [index, page] of pages.slice(1).entries()) expect(await (await status(site, page, 0)).json()).toEqual({ status: 'pending', expiresAt: started[index + 1]!.expiresAt });
    const question = await openAndStart(mock, ALICE, started[0]!.links.https);
    expect(question.text).toBe('This login link has expired; start again on the site.');
  } finally {
    await site.stop();
  }
});

test('a bot-only site: no OAuth client, its OIDC routes are 404, and a login ends in a session', async ({ mock }) => {
  const events: unknown[] = [];
  const handler = createTelegramAuthHandler({
    bot: botOption(mock, { webhookSecret: undefined }) as never,
    allowedOrigins: ['http://localhost:3000'],
    session: { secret: SECRET },
    onEvent: (event) => void events.push(event),
  });
  for (const path of ['/nonce', '/login']) {
    const response = await handler(new Request(`http://localhost:3000/auth/telegram${path}`));
    expect({ status: response.status, ...((await response.json()) as object) }).toEqual({
      status: 404,
      error: 'invalid_request',
      message: `"/auth/telegram${path}" needs "clientId", "clientSecret" and "redirectUri" (Telegram's login), which this handler was not given`,
    });
  }
  const webhook = await handler(new Request('http://localhost:3000/auth/telegram/bot/webhook', { method: 'POST', body: '{}' }));
  expect(webhook.status).toBe(404);

  const controller = new AbortController();
  const polling = handler.pollBotUpdates({ signal: controller.signal, timeoutSeconds: 1 });
  try {
    const response = await handler(new Request('http://localhost:3000/auth/telegram/bot/start', { method: 'POST', headers: { Origin: 'http://localhost:3000' } }));
    const body = (await response.json()) as { links: { https: string }; matchCode: string };
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    await openAndStart(mock, ALICE, body.links.https);
    await mock.app.press(ALICE, body.matchCode);
    await botSays(mock, ALICE, 'You are logged in to localhost:3000.');
    const approved = await handler(new Request('http://localhost:3000/auth/telegram/bot/status?wait=0', { headers: { Cookie: cookie } }));
    const session = approved.headers.getSetCookie().find((line) => line.startsWith('tlk_session=ey'))!.split(';')[0]!;
    const me = await handler(new Request('http://localhost:3000/auth/telegram/session', { headers: { Cookie: session } }));
    expect(((await me.json()) as { user: { sub: string; amr: string[] } }).user).toMatchObject({ sub: 'tg:100001', amr: ['tg_bot'] });
  } finally {
    controller.abort();
    await polling;
  }
});
