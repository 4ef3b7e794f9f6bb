import { expect, test } from '@playwright/test';
import { loginErrors } from '../errors.js';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { escapeHtml } from '../oauth/html.js';
import type { AuthEvent, TelegramAuthHandlerOptions } from './handler.js';
import {
  ALICE,
  callbackFromMock,
  CAROL,
  cookiesOf,
  get,
  jsonOf,
  locationOf,
  makeHandler as makeHandlerFor,
  REDIRECT_URI,
  SECURE_SITE,
  setCookie,
  startRedirectLogin,
} from './handler.test-support.js';

// A bot whose Allowed URLs name the https site.
const HTTPS_CLIENT = { id: '7700000009', secret: 'mock-secret-for-the-https-site-0123456789' };
let mock: MockTelegram;
let events: AuthEvent[];

test.beforeAll(async () => {
  mock = await startMockTelegram({
    port: 0,
    control: true,
    autoConsent: true,
    clients: [{ id: HTTPS_CLIENT.id, secret: HTTPS_CLIENT.secret, allowedUrls: [`${SECURE_SITE}/*`] }],
  });
});
test.afterAll(() => mock.stop());
test.beforeEach(() => {
  events = [];
});
test.afterEach(async () => {
  await mock.control({ reset: true });
});

const makeHandler = (overrides: Partial<TelegramAuthHandlerOptions> = {}) => makeHandlerFor(mock, events, overrides);

async function consent(authorize: URL, form: Record<string, string>): Promise<URL> {
  const page = await (await fetch(authorize)).text();
  const requestId = /name="request" value="([^"]+)"/.exec(page)![1]!;
  const answer = await fetch(`${mock.issuer}/auth/consent`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: requestId, ...form }),
    redirect: 'manual',
  });
  return new URL(locationOf(answer));
}

test('/login redirects to Telegram with state, PKCE S256 and a nonce, kept in an encrypted transaction cookie', async () => {
  const { login, authorize } = await startRedirectLogin(makeHandler(), '/dashboard');
  expect(authorize.origin + authorize.pathname).toBe(`${mock.issuer}/auth`);
  const params = Object.fromEntries(authorize.searchParams);
  expect(params).toEqual({
    response_type: 'code',
    client_id: DEFAULT_CLIENT.id,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile',
    state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    code_challenge_method: 'S256',
    nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  });
  const cookie = setCookie(login, 'tlk_session_tx')!;
  expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax']);
  const value = cookie.split(';')[0]!.slice('tlk_session_tx='.length);
  // A JWE (five parts): neither the verifier nor the state can be read from the cookie.
  expect(value.split('.')).toHaveLength(5);
  expect(JSON.parse(Buffer.from(value.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'tlk-transaction+jwt' });
  const plaintext = value.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1')).join('');
  for (const secret of [params.state!, params.nonce!, 'dashboard']) expect(plaintext).not.toContain(secret);
});

test('logs in end to end: /login → Telegram → /callback → returnTo with a session', async () => {
  const handler = makeHandler();
  const { authorize, transaction } = await startRedirectLogin(handler, '/dashboard?tab=1');
  const callback = await callbackFromMock(authorize);
  expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
  const done = await get(handler, callback.pathname + callback.search, { cookie: transaction });
  expect(locationOf(done)).toBe('/dashboard?tab=1');
  expect(done.headers.get('x-content-type-options')).toBe('nosniff');
  expect(done.headers.getSetCookie()).toHaveLength(2);
  expect(setCookie(done, 'tlk_session_tx')).toContain('Max-Age=0');
  const session = await jsonOf(await get(handler, '/auth/telegram/session', { cookie: cookiesOf(done) }));
  expect(session.user).toMatchObject({ tg_id: ALICE });
  expect(events).toEqual([{ type: 'login', method: 'server_redirect', sub: (session.user as { sub: string }).sub, at: expect.any(Date) }]);
});

test('an https site keeps the transaction in a __Host- cookie at Path=/, so the whole flow works with the prefix', async () => {
  const handler = makeHandler({
    clientId: HTTPS_CLIENT.id,
    clientSecret: HTTPS_CLIENT.secret,
    redirectUri: `${SECURE_SITE}/auth/telegram/callback`,
    allowedOrigins: undefined,
  });
  const { login, authorize, transaction } = await startRedirectLogin(handler, '/', SECURE_SITE);
  expect(setCookie(login, '__Host-tlk_session_tx')!.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax', 'Secure']);
  const callback = await callbackFromMock(authorize);
  const done = await get(handler, callback.pathname + callback.search, { cookie: transaction, site: SECURE_SITE });
  expect(locationOf(done)).toBe('/');
  expect(setCookie(done, '__Host-tlk_session')).toContain('; Secure');
});

test('a returnTo with characters above U+00FF lands percent-encoded, with the session, and the code is spent once', async () => {
  const handler = makeHandler();
  const { authorize, transaction } = await startRedirectLogin(handler, '/☃?q=naïve');
  const callback = await callbackFromMock(authorize);
  const done = await get(handler, callback.pathname + callback.search, { cookie: transaction });
  expect(locationOf(done)).toBe('/%E2%98%83?q=na%C3%AFve');
  expect(setCookie(done, 'tlk_session')).toBeDefined();
  expect(events.map((event) => event.type)).toEqual(['login']);
});

test('works through the consent form as another user', async () => {
  await mock.control({ autoConsent: false });
  const handler = makeHandler();
  const { authorize, transaction } = await startRedirectLogin(handler);
  const callback = await consent(authorize, { user: String(CAROL), decision: 'allow' });
  const done = await get(handler, callback.pathname + callback.search, { cookie: transaction });
  expect(locationOf(done)).toBe('/');
  const session = await jsonOf(await get(handler, '/auth/telegram/session', { cookie: cookiesOf(done) }));
  expect(session.user).toMatchObject({ tg_id: CAROL });
});

test('a tampered state renders a state_mismatch page and never redirects', async () => {
  const handler = makeHandler();
  const { authorize, transaction } = await startRedirectLogin(handler, '/dashboard');
  const callback = await callbackFromMock(authorize);
  callback.searchParams.set('state', 'attacker-state');
  const res = await get(handler, callback.pathname + callback.search, { cookie: transaction });
  expect(res.status).toBe(400);
  expect(res.headers.get('location')).toBeNull();
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  const page = await res.text();
  expect(page).toContain('<code>state_mismatch</code>');
  // The same words as the browser flows use for the same situation.
  expect(page).toContain(escapeHtml(loginErrors.stateMismatch().message));
  expect(res.headers.getSetCookie()).toEqual(['tlk_session_tx=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0']);
  expect(events).toEqual([{ type: 'login_failed', method: 'server_redirect', code: 'state_mismatch', at: expect.any(Date) }]);
});

test('a callback without the transaction cookie, or with a forged one, is a state_mismatch', async () => {
  const handler = makeHandler();
  const { authorize, transaction } = await startRedirectLogin(handler);
  const callback = await callbackFromMock(authorize);
  expect(await (await get(handler, callback.pathname + callback.search)).text()).toContain('<code>state_mismatch</code>');
  // Another handler's (another secret's) transaction, and a flipped byte, both fail to decrypt.
  const other = makeHandler({ session: { secret: 'a-completely-different-secret-of-32-chars' } });
  const { transaction: foreign } = await startRedirectLogin(other);
  expect(await (await get(handler, callback.pathname + callback.search, { cookie: foreign })).text()).toContain('<code>state_mismatch</code>');
  // Flip a character of the ciphertext (the 4th part): A256GCM's tag no longer matches.
  const parts = transaction.split('.');
  parts[3] = parts[3]!.replace(/^./, (first) => (first === 'A' ? 'B' : 'A'));
  const flipped = parts.join('.');
  expect(await (await get(handler, callback.pathname + callback.search, { cookie: flipped })).text()).toContain('<code>state_mismatch</code>');
});

test('a denied consent renders an access_denied page', async () => {
  await mock.control({ autoConsent: false });
  const handler = makeHandler();
  const { authorize, transaction } = await startRedirectLogin(handler);
  const callback = await consent(authorize, { decision: 'deny' });
  const res = await get(handler, callback.pathname + callback.search, { cookie: transaction });
  expect(res.status).toBe(400);
  expect(await res.text()).toContain('<code>access_denied</code>');
  expect(events).toEqual([{ type: 'login_failed', method: 'server_redirect', code: 'access_denied', at: expect.any(Date) }]);
});

test("another provider error renders provider_error, without Telegram's free-text description", async () => {
  const handler = makeHandler();
  const { authorize, transaction } = await startRedirectLogin(handler);
  const state = authorize.searchParams.get('state')!;
  const query = new URLSearchParams({ error: 'temporarily_unavailable', error_description: 'internal detail 42', state });
  const page = await (await get(handler, `/auth/telegram/callback?${query}`, { cookie: transaction })).text();
  expect(page).toContain('<code>provider_error</code>');
  expect(page).toContain('temporarily_unavailable');
  expect(page).not.toContain('internal detail 42');
});

test('a replayed callback fails: the code is single use', async () => {
  const handler = makeHandler();
  const { authorize, transaction } = await startRedirectLogin(handler);
  const callback = await callbackFromMock(authorize);
  expect((await get(handler, callback.pathname + callback.search, { cookie: transaction })).status).toBe(302);
  const replay = await get(handler, callback.pathname + callback.search, { cookie: transaction });
  expect(replay.status).toBe(400);
  expect(await replay.text()).toContain('<code>token_exchange_failed</code>');
});

test('ignores a returnTo that leaves the site (no open redirect)', async () => {
  const handler = makeHandler({ returnTo: '/home' });
  for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/..//evil.example', '/%2e%2e//evil.example', 'javascript:alert(1)', 'dashboard', '/ok\nSet-Cookie: x']) {
    const { authorize, transaction } = await startRedirectLogin(handler, returnTo);
    const callback = await callbackFromMock(authorize);
    expect(locationOf(await get(handler, callback.pathname + callback.search, { cookie: transaction })), returnTo).toBe('/home');
  }
});

test('refuses a default returnTo that leaves the site at configuration time', () => {
  for (const returnTo of ['//evil.example', 'https://evil.example', '/..//evil.example']) {
    expect(() => makeHandler({ returnTo }), returnTo).toThrow(TypeError);
  }
});
