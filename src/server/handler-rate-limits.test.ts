import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startMockTelegram, type MockTelegram } from '../mock/server.js';
import { forwardedForClientIp, type TelegramAuthRequestInfo } from './client-ip.js';
import type { AuthEvent, TelegramAuthHandler, TelegramAuthHandlerOptions } from './handler.js';
import { CookieJar, expectError, libraryToken, makeHandler as makeHandlerFor, nonceFrom, post, quietly, SITE, verifiedLogin } from './handler.test-support.js';
import { toNodeListener } from './node.js';
import { DEFAULT_RATE_LIMITS } from './rate-limit.js';
import { createMemoryStore } from './stores/memory.js';
import type { TelegramAuthStore } from './stores/store.js';

let mock: MockTelegram;
let events: AuthEvent[];

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, autoConsent: true });
});
test.afterAll(() => mock.stop());
test.beforeEach(() => {
  events = [];
});

const makeHandler = (overrides: Partial<TelegramAuthHandlerOptions> = {}) => makeHandlerFor(mock, events, overrides);
const from = (remoteAddress: string): TelegramAuthRequestInfo => ({ remoteAddress });

function nonce(handler: TelegramAuthHandler, info: TelegramAuthRequestInfo = {}, headers: Record<string, string> = {}) {
  return handler(new Request(`${SITE}/auth/telegram/nonce`, { headers }), info);
}

/** How many of `count` requests got through before the first 429, which must then stay. */
async function admitted(count: number, send: () => Promise<Response>): Promise<number> {
  let through = 0;
  for (let index = 0; index < count; index++) {
    const res = await send();
    if (res.status === 429) continue;
    expect(res.status, `request ${index + 1}`).toBe(200);
    expect(through, `request ${index + 1} got through after a 429`).toBe(index);
    through++;
  }
  return through;
}

test('the default limits hold per client address: the 121st nonce in a minute is refused with 429 and Retry-After', async () => {
  const handler = makeHandler();
  expect(DEFAULT_RATE_LIMITS.nonce).toEqual({ max: 120, windowSeconds: 60 });
  expect(await admitted(121, () => nonce(handler, from('203.0.113.7')))).toBe(120);
  const refused = await nonce(handler, from('203.0.113.7'));
  await expectError(refused, 429, 'rate_limited', /^too many requests to \/auth\/telegram\/nonce from this client: try again in \d+ s$/);
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused.headers.getSetCookie()).toEqual([]);
  // Another client is not affected.
  expect((await nonce(handler, from('203.0.113.8'))).status).toBe(200);
});

test('a client may come back when its window is over', async () => {
  let now = Date.now();
  const handler = makeHandler({ store: createMemoryStore({ clock: () => now }), rateLimits: { nonce: { max: 2, windowSeconds: 10 } } });
  expect(await admitted(3, () => nonce(handler, from('198.51.100.1')))).toBe(2);
  now += 9_000;
  expect((await nonce(handler, from('198.51.100.1'))).status).toBe(429);
  now += 1_000;
  expect((await nonce(handler, from('198.51.100.1'))).status).toBe(200);
});

test('/verify, /exchange, /login and /callback count too, each route on its own, and a limited login is an event', async () => {
  const limit = { max: 1, windowSeconds: 60 };
  const handler = makeHandler({ rateLimits: { verify: limit, exchange: limit, login: limit, callback: limit } });
  const client = from('203.0.113.20');
  const send = {
    verify: () => handler(new Request(`${SITE}/auth/telegram/verify`, { method: 'POST', headers: { Origin: SITE, 'Content-Type': 'application/json' }, body: '{}' }), client),
    exchange: () => handler(new Request(`${SITE}/auth/telegram/exchange`, { method: 'POST', headers: { Origin: SITE, 'Content-Type': 'application/json' }, body: '{}' }), client),
    login: () => handler(new Request(`${SITE}/auth/telegram/login`), client),
    callback: () => handler(new Request(`${SITE}/auth/telegram/callback?state=x&code=y`), client),
  };
  expect([(await send.verify()).status, (await send.exchange()).status, (await send.login()).status, (await send.callback()).status]).toEqual([400, 400, 302, 400]);
  await expectError(await send.verify(), 429, 'rate_limited', /^too many requests to \/auth\/telegram\/verify from this client: try again in \d+ s$/);
  await expectError(await send.exchange(), 429, 'rate_limited', /^too many requests to \/auth\/telegram\/exchange from this client: try again in \d+ s$/);
  await expectError(await send.login(), 429, 'rate_limited', /^too many requests to \/auth\/telegram\/login from this client: try again in \d+ s$/);
  // The callback is a page the browser lands on: an HTML page, with Retry-After.
  const page = await send.callback();
  expect([page.status, page.headers.get('content-type')]).toEqual([429, 'text/html; charset=utf-8']);
  expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await page.text()).toContain('<code>rate_limited</code>');
  // The nonce route has its own, default, budget.
  expect((await nonce(handler, client)).status).toBe(200);
  const limited = events.filter((event) => event.type === 'rate_limited');
  expect(limited.map((event) => event.type === 'rate_limited' && event.route)).toEqual(['/verify', '/exchange', '/login', '/callback']);
  expect(limited[0]).toEqual({ type: 'rate_limited', route: '/verify', clientIp: '203.0.113.20', retryAfterSeconds: expect.any(Number), at: expect.any(Date) });
  expect(events).toContainEqual({ type: 'login_failed', method: 'id_token', code: 'rate_limited', at: expect.any(Date) });
});

test('another site\'s requests from a visitor\'s browser (images, scripts, fetches) are refused before they count: /nonce and /login still answer the visitor', async () => {
  const handler = makeHandler();
  const visitor = from('203.0.113.30');
  const images = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' };
  const sibling = { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' };
  // One more than each default limit (nonce 120, login 60), from another site's page.
  for (let index = 0; index < 121; index++) {
    await expectError(await nonce(handler, visitor, index % 2 ? images : sibling), 403, 'origin_not_allowed', 'a nonce is fetched by the site\'s own script (fetch from a page of this origin), not by a navigation or another site');
  }
  for (let index = 0; index < 61; index++) {
    const image = await handler(new Request(`${SITE}/auth/telegram/login`, { headers: index % 2 ? images : sibling }), visitor);
    await expectError(image, 403, 'origin_not_allowed', 'the login is opened by navigating to it, not by another site\'s image, script or fetch');
  }
  expect(events.filter((event) => event.type === 'rate_limited')).toEqual([]);
  // The visitor's own page fetches a nonce; a link on any site (a navigation) opens the login.
  expect((await nonce(handler, visitor, { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' })).status).toBe(200);
  const navigation = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
  expect((await handler(new Request(`${SITE}/auth/telegram/login`, { headers: navigation }), visitor)).status).toBe(302);
});

test('requests from a loopback or private connection, or with no known address, are not limited by default', async () => {
  const handler = makeHandler({ rateLimits: { nonce: { max: 1, windowSeconds: 60 } } });
  for (const info of [from('127.0.0.1'), from('::1'), from('10.0.0.5'), from('192.168.1.20'), from('fd00::7'), {}]) {
    expect(await admitted(3, () => nonce(handler, info)), JSON.stringify(info)).toBe(3);
  }
});

test('IPv6 clients are counted by /64, and an IPv4-mapped address as its IPv4', async () => {
  const handler = makeHandler({ rateLimits: { nonce: { max: 2, windowSeconds: 60 } } });
  expect((await nonce(handler, from('2001:db8:7:7::1'))).status).toBe(200);
  expect((await nonce(handler, from('2001:db8:7:7:abcd::2'))).status).toBe(200);
  expect((await nonce(handler, from('2001:db8:7:7::3'))).status).toBe(429);
  expect((await nonce(handler, from('2001:db8:7:8::1'))).status).toBe(200);
  expect((await nonce(handler, from('203.0.113.30'))).status).toBe(200);
  expect((await nonce(handler, from('::ffff:203.0.113.30'))).status).toBe(200);
  expect((await nonce(handler, from('203.0.113.30'))).status).toBe(429);
});

test('behind a proxy, forwardedForClientIp counts the address the proxy saw; entries the client wrote change nothing', async () => {
  const handler = makeHandler({ clientIp: forwardedForClientIp({ proxies: 1 }), rateLimits: { nonce: { max: 2, windowSeconds: 60 } } });
  const through = (spoofed: string) => nonce(handler, from('127.0.0.1'), { 'X-Forwarded-For': `${spoofed}, 198.51.100.40` });
  expect(await admitted(4, () => through(`10.0.0.${Math.floor(Math.random() * 250)}`))).toBe(2);
  expect((await nonce(handler, from('127.0.0.1'), { 'X-Forwarded-For': '198.51.100.41' })).status).toBe(200);
});

test('with the default clientIp, a proxy header gets one warning naming the option, and is never trusted', async () => {
  const handler = makeHandler({ rateLimits: { nonce: { max: 1, windowSeconds: 60 } } });
  const warned: unknown[][] = [];
  const realWarn = console.warn;
  console.warn = (...args: unknown[]) => void warned.push(args);
  try {
    const headers = { 'X-Forwarded-For': '198.51.100.50' };
    expect(await admitted(3, () => nonce(handler, from('10.0.0.1'), headers))).toBe(3);
    // A client on the Internet that sends the header is still counted by its own address.
    expect(await admitted(2, () => nonce(handler, from('203.0.113.51'), { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250)}` }))).toBe(1);
  } finally {
    console.warn = realWarn;
  }
  expect(warned).toHaveLength(1);
  expect(String(warned[0]![0])).toMatch(/"x-forwarded-for" header.*Set the handler's "clientIp" option, e\.g\. forwardedForClientIp\(\{ proxies: 1 \}\).*docs\/stores\.md#client-addresses-and-proxies/);
});

test('limits can be changed per route, turned off per route, or turned off altogether', async () => {
  const oneNonce = makeHandler({ rateLimits: { nonce: { max: 1, windowSeconds: 60 } } });
  expect(await admitted(2, () => nonce(oneNonce, from('203.0.113.60')))).toBe(1);
  const noNonceLimit = makeHandler({ rateLimits: { nonce: false } });
  expect(await admitted(130, () => nonce(noNonceLimit, from('203.0.113.61')))).toBe(130);
  const none = makeHandler({ rateLimits: false });
  expect(await admitted(130, () => nonce(none, from('203.0.113.62')))).toBe(130);
});

test('clientIp may be async, may exempt a request with undefined, and a broken one is a 500 with the cause in the log', async () => {
  const byHeader = makeHandler({
    clientIp: async (request) => (request.headers.get('x-health-check') ? undefined : 'one-key'),
    rateLimits: { nonce: { max: 1, windowSeconds: 60 } },
  });
  expect(await admitted(2, () => nonce(byHeader))).toBe(1);
  expect(await admitted(3, () => nonce(byHeader, {}, { 'X-Health-Check': '1' }))).toBe(3);
  const broken = makeHandler({ clientIp: (() => 42) as never });
  const { result, logged } = await quietly(() => nonce(broken));
  await expectError(result, 500, 'server_error', 'internal error');
  expect(String(logged[0]?.[1])).toContain('"clientIp" must return a string, null or undefined, got 42');
});

test('a store failure is an audit event on every route, logout included, and refuses the request', async () => {
  const store = createMemoryStore();
  let down = false;
  const flaky: TelegramAuthStore = Object.fromEntries(
    Object.entries(store).map(([name, method]) => [name, (...args: never[]) => (down ? Promise.reject(new Error('connection refused')) : (method as (...a: never[]) => unknown)(...args))]),
  ) as unknown as TelegramAuthStore;
  const handler = makeHandler({ store: flaky });
  const jar = new CookieJar();
  expect((await verifiedLogin(mock, handler, jar)).response.status).toBe(200);
  const idToken = await libraryToken(mock, (await nonceFrom(handler, jar)).nonce);
  down = true;
  await quietly(async () => {
    // The rate-limit counter cannot be read: refused.
    await expectError(await nonce(handler, from('203.0.113.70')), 503, 'store_unavailable', 'the session store is unavailable; try again shortly');
    // A valid token whose nonce cannot be checked: refused, no session.
    const verify = await post(handler, '/auth/telegram/verify', { idToken }, { cookie: jar.header });
    // No session cookie (only the nonce's binding cookie is cleared).
    expect(verify.headers.getSetCookie().filter((cookie) => !cookie.includes('Max-Age=0'))).toEqual([]);
    await expectError(verify, 503, 'store_unavailable', 'the session store is unavailable; try again shortly');
    // Logout cannot read or record the revocation: it says so, and still drops the cookie in this browser.
    const logout = await post(handler, '/auth/telegram/logout', '', { cookie: jar.header });
    expect(logout.headers.getSetCookie()).toEqual([expect.stringMatching(/^tlk_session=; .*Max-Age=0/)]);
    await expectError(logout, 503, 'store_unavailable', 'the session store is unavailable; try again shortly');
  });
  const failures = events.filter((event) => event.type === 'store_unavailable', 'the session store is unavailable; try again shortly');
  expect(failures.map((event) => event.type === 'store_unavailable' && event.route)).toEqual(['/nonce', '/verify', '/logout']);
  expect(events).toContainEqual({ type: 'login_failed', method: 'id_token', code: 'store_unavailable', at: expect.any(Date) });
});

test('toNodeListener hands the socket address to clientIp', async () => {
  const seen: (string | undefined)[] = [];
  const handler = makeHandler({
    clientIp: (_request, info) => {
      seen.push(info.remoteAddress);
      return undefined;
    },
  });
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/telegram/nonce`);
    expect(res.status).toBe(200);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
});
