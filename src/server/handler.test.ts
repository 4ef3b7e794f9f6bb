import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import type { AuthEvent, TelegramAuthHandlerOptions } from './handler.js';
import { expectError, get, makeHandler as makeHandlerFor, quietly, setCookie, SITE, verifiedLogin } from './handler.test-support.js';
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

test('a throwing or rejecting onEvent does not break the response', async () => {
  const { logged } = await quietly(async () => {
    for (const onEvent of [() => { throw new Error('sync'); }, () => Promise.reject(new Error('async'))]) {
      const { response } = await verifiedLogin(mock, makeHandler({ onEvent }));
      expect(response.status).toBe(200);
      expect(setCookie(response, 'tlk_session')).toBeDefined();
    }
  });
  expect(logged).toHaveLength(2);
});

test('answers 404 JSON for unknown paths and 405 with Allow for wrong methods', async () => {
  const handler = makeHandler();
  await expectError(await get(handler, '/auth/telegram/unknown'), 404, 'invalid_request', 'no route for "/auth/telegram/unknown"');
  await expectError(await get(handler, '/elsewhere'), 404, 'invalid_request', 'no route for "/elsewhere"');
  await expectError(await get(handler, '/auth/telegram'), 404, 'invalid_request', 'no route for "/auth/telegram"');
  await expectError(await get(handler, '/auth/telegram/__proto__'), 404, 'invalid_request', 'no route for "/auth/telegram/__proto__"');
  const wrong = await get(handler, '/auth/telegram/verify');
  expect(wrong.headers.get('allow')).toBe('POST');
  await expectError(wrong, 405, 'invalid_request', 'GET is not allowed on "/auth/telegram/verify"');
});

test('methods named after Object.prototype members find no route: 405, no stack, no log', async () => {
  // Deno, Bun and Workers pass any method token through to the handler.
  const handler = makeHandler();
  const { logged } = await quietly(async () => {
    for (const method of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__']) {
      const res = await handler(new Request(`${SITE}/auth/telegram/nonce`, { method }));
      await expectError(res, 405, 'invalid_request', `${method} is not allowed on "/auth/telegram/nonce"`);
    }
  });
  expect(logged).toEqual([]);
});

test('serves under a custom basePath', async () => {
  const handler = makeHandler({ basePath: '/api/tg' });
  expect(handler.basePath).toBe('/api/tg');
  expect((await get(handler, '/api/tg/nonce')).status).toBe(200);
  expect((await get(handler, '/auth/telegram/nonce')).status).toBe(404);
});

test('a failing store answers 503 store_unavailable without details; the cause goes to the server log', async () => {
  const broken: TelegramAuthStore = {
    add: () => Promise.reject(new Error('redis is down at 10.0.0.5')),
    set: () => Promise.reject(new Error('redis is down at 10.0.0.5')),
    get: () => Promise.reject(new Error('redis is down at 10.0.0.5')),
    take: () => Promise.reject(new Error('redis is down at 10.0.0.5')),
    delete: () => Promise.reject(new Error('redis is down at 10.0.0.5')),
    increment: () => Promise.reject(new Error('redis is down at 10.0.0.5')),
  };
  // The login gets as far as using its nonce, which needs the store: refused, not accepted.
  const { result, logged } = await quietly(() => verifiedLogin(mock, makeHandler({ store: broken })));
  const res = result.response;
  expect(res.headers.getSetCookie().filter((cookie) => !cookie.includes('Max-Age=0'))).toEqual([]);
  const body = await res.clone().json();
  expect(JSON.stringify(body)).not.toContain('10.0.0.5');
  await expectError(res, 503, 'store_unavailable', 'the session store is unavailable; try again shortly');
  expect(JSON.stringify(logged.map(String))).toContain('the store failed in get()');
});

test('a polluted Object.prototype does not loosen the checks: options are read as given', async () => {
  const handler = makeHandler();
  const polluted = Object.prototype as Record<string, unknown>;
  try {
    // A deep-merge bug elsewhere in the app sets these for every object.
    Object.assign(polluted, { clockTolerance: 1e9, maxAgeSeconds: 1e12, returnIdToken: true, algorithms: ['RS256', 'ES256', 'EdDSA'] });
    const handler2 = makeHandler();
    const { response } = await verifiedLogin(mock, handler2);
    expect(response.status).toBe(200);
    expect((await response.json()).idToken).toBeUndefined();
  } finally {
    for (const key of ['clockTolerance', 'maxAgeSeconds', 'returnIdToken', 'algorithms']) delete polluted[key];
  }
  expect(handler.basePath).toBe('/auth/telegram');
});

test('refuses bad configuration with a TypeError that names the option, what it got, and the fix', () => {
  const cases: [Partial<TelegramAuthHandlerOptions>, string][] = [
    [{ clientId: 'abc' }, '"clientId" must be the bot\'s numeric client id (BotFather → Bot Settings → Web Login), got "abc"'],
    [{ clientId: undefined }, 'got undefined'],
    [{ clientSecret: '7700000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' }, 'this is a bot token; use the Client Secret from BotFather'],
    [{ clientSecret: '' }, '"clientSecret" is required'],
    [{ redirectUri: 'not a url' }, '"redirectUri" must be an absolute http(s) URL, got "not a url"'],
    [{ redirectUri: 'http://example.com/callback' }, '"redirectUri" must be https outside local development'],
    [{ redirectUri: 'https://example.com/cb#frag' }, '"redirectUri" must not have a #fragment'],
    [{ allowedOrigins: ['https://example.com/path'] }, '"allowedOrigins" entry "https://example.com/path" is not an origin'],
    [{ basePath: 'auth/' }, '"basePath" must start with "/"'],
    [{ returnTo: '//evil.example' }, '"returnTo" must be a path on this site'],
    [{ session: { secret: 'short' } }, '"session.secret" must be at least 32 characters or bytes, got a string of 5 characters'],
    [{ session: { secret: 'x'.repeat(40), cookieName: '__Host-sid' } }, 'only over https'],
    [{ algorithms: ['HS256' as never] }, '"algorithms" must be a non-empty list of RS256, ES256, EdDSA'],
    [{ rateLimits: true as never }, '"rateLimits" must be false or an object such as { verify: { max: 10, windowSeconds: 60 } }, got true'],
    [{ rateLimits: { verfy: false } as never }, '"rateLimits.verfy" is not a rate-limited route: use nonce, verify, exchange, login, callback'],
    [{ rateLimits: { verify: { max: 0, windowSeconds: 60 } } }, '"rateLimits.verify" must be false or { max, windowSeconds } with whole numbers ≥ 1'],
    [{ rateLimits: { nonce: { max: 10 } as never } }, '"rateLimits.nonce" must be false or { max, windowSeconds }'],
    [{ clientIp: 'x-forwarded-for' as never }, '"clientIp" must be a function (request, info) => address, e.g. forwardedForClientIp({ proxies: 1 }), got "x-forwarded-for"'],
  ];
  for (const [override, message] of cases) {
    let thrown: unknown;
    try {
      makeHandler(override);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, JSON.stringify(override)).toBeInstanceOf(TypeError);
    expect((thrown as Error).message, JSON.stringify(override)).toContain(message);
  }
  // Secrets never show up in messages, only their shape.
  expect(() => makeHandler({ session: { secret: 'my-secret' } })).toThrow(/^(?!.*my-secret).*$/);
  expect(DEFAULT_CLIENT.secret.length).toBeGreaterThan(0);
});
