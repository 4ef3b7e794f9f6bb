import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';
import { startMockTelegram, type MockTelegram } from '../mock/server.js';
import type { AuthEvent, TelegramAuthHandler, TelegramAuthHandlerOptions } from './handler.js';
import { ALICE, CookieJar, expectError, get, jsonOf, makeHandler as makeHandlerFor, post, SECRET, SITE, verifiedLogin } from './handler.test-support.js';
import { createMemoryStore } from './stores/memory.js';

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

async function loggedIn(handler: TelegramAuthHandler, jar = new CookieJar()): Promise<CookieJar> {
  const { response } = await verifiedLogin(mock, handler, jar);
  expect(response.status).toBe(200);
  return jar;
}

function sessionOf(handler: TelegramAuthHandler, cookie: string) {
  return handler.getSession(new Request(SITE, { headers: { Cookie: cookie } }));
}

test('GET /session answers 401 session_invalid without a cookie', async () => {
  await expectError(await get(makeHandler(), '/auth/telegram/session'), 401, 'session_invalid', 'no valid session cookie');
});

test('a session signed with the raw secret, or an expired one, is refused', async () => {
  const now = Math.floor(Date.now() / 1000);
  const key = new TextEncoder().encode(SECRET);
  const forged = await new SignJWT({ sub: 's', jti: 'j', scope: 'openid', iss: SITE, aud: '7700000001' })
    .setProtectedHeader({ alg: 'HS256', typ: 'tlk-session+jwt' })
    .setIssuedAt(now - 1000)
    .setExpirationTime(now + 1000)
    .sign(key);
  await expectError(await get(makeHandler(), '/auth/telegram/session', { cookie: `tlk_session=${forged}` }), 401, 'session_invalid', 'no valid session cookie');
});

test('logout revokes the session, clears the cookie and reports it', async () => {
  const handler = makeHandler();
  const { header: cookie } = await loggedIn(handler);
  const sub = (await sessionOf(handler, cookie))!.user.sub;
  const res = await post(handler, '/auth/telegram/logout', '', { cookie });
  expect(res.status).toBe(204);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.getSetCookie()).toEqual(['tlk_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0']);
  await expectError(await get(handler, '/auth/telegram/session', { cookie }), 401, 'session_invalid', 'no valid session cookie');
  expect(await sessionOf(handler, cookie)).toBeNull();
  expect(events.at(-1)).toEqual({ type: 'logout', sub, at: expect.any(Date) });
});

test('a logout that cannot record its revocation says so with 503, and still clears the cookie', async () => {
  // A login leaves two live entries (its used nonce and its used id_token): the store is then full.
  const store = createMemoryStore({ maxEntries: 2 });
  const handler = makeHandler({ store });
  const jar = await loggedIn(handler);
  const res = await post(handler, '/auth/telegram/logout', '', { cookie: jar.header });
  expect(res.headers.getSetCookie()).toEqual(['tlk_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0']);
  await expectError(res, 503, 'store_unavailable', 'the memory store is full: raise "maxEntries" or use a shared store such as Redis');
});

test('logout needs an allowed Origin too', async () => {
  const handler = makeHandler();
  const { header: cookie } = await loggedIn(handler);
  await expectError(await post(handler, '/auth/telegram/logout', '', { cookie, origin: 'https://evil.example' }), 403, 'origin_not_allowed', 'origin "https://evil.example" is not allowed: add it to the handler\'s "allowedOrigins"');
  expect((await get(handler, '/auth/telegram/session', { cookie })).status).toBe(200);
});

test('a re-login in the same browser revokes the session cookie it replaces', async () => {
  const handler = makeHandler();
  const jar = await loggedIn(handler);
  const first = jar.header.match(/tlk_session=[^;]+/)![0];
  await loggedIn(handler, jar);
  const second = jar.header.match(/tlk_session=[^;]+/)![0];
  expect(second).not.toBe(first);
  expect(await sessionOf(handler, first)).toBeNull();
  expect(await sessionOf(handler, second)).not.toBeNull();
});

test('revokeUser ends every session of that user', async () => {
  const handler = makeHandler();
  const phone = await loggedIn(handler);
  const laptop = await loggedIn(handler);
  const sub = (await sessionOf(handler, phone.header))!.user.sub;
  await handler.revokeUser(sub);
  expect(await sessionOf(handler, phone.header)).toBeNull();
  expect(await sessionOf(handler, laptop.header)).toBeNull();
  const again = await loggedIn(handler);
  expect((await sessionOf(handler, again.header))!.user.tg_id).toBe(ALICE);
});

test('adds the claims hook result to the session', async () => {
  const handler = makeHandler({ session: { secret: SECRET, ttlSeconds: 60, claims: (verified) => ({ role: verified.id === ALICE ? 'admin' : 'user' }) } });
  const { header: cookie } = await loggedIn(handler);
  const session = await jsonOf(await get(handler, '/auth/telegram/session', { cookie }));
  expect(session.user).toMatchObject({ role: 'admin', tg_id: ALICE });
});

test('a session secret list rotates: the old cookie keeps working while the old secret is listed', async () => {
  const before = makeHandler();
  const { header: cookie } = await loggedIn(before);
  const during = makeHandler({ session: { secret: ['the-next-session-secret-of-32-characters!', SECRET] } });
  const after = makeHandler({ session: { secret: 'the-next-session-secret-of-32-characters!' } });
  expect(await sessionOf(during, cookie)).not.toBeNull();
  expect(await sessionOf(after, cookie)).toBeNull();
});
