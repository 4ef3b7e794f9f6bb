// Bot login when the store fails, past the rate limits, and on a bot-only site.
import { createMemoryStore } from './stores/memory.js';
import type { TelegramAuthStore } from './stores/store.js';
import { ALICE, quietly, SECRET } from './handler.test-support.js';
import { createBotApiClient } from './bot/api-client.js';
import { BOT, botOption, browser, call, expect, openAndStart, startLogin, startSite, status, test, botSays } from './bot-login.test-support.js';
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
