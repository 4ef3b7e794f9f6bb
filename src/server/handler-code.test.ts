import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import type { AuthEvent, TelegramAuthHandlerOptions } from './handler.js';
import {
  ALICE,
  browserCode,
  CookieJar,
  expectError,
  jsonOf,
  makeHandler as makeHandlerFor,
  nonceFrom,
  pkce,
  post,
  REDIRECT_URI,
  setCookie,
} from './handler.test-support.js';

let mock: MockTelegram;
let events: AuthEvent[];

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, control: true, autoConsent: true });
});
test.afterAll(() => mock.stop());
test.beforeEach(() => {
  events = [];
});
test.afterEach(async () => {
  await mock.control({ reset: true });
});

const makeHandler = (overrides: Partial<TelegramAuthHandlerOptions> = {}) => makeHandlerFor(mock, events, overrides);

test('exchanges the browser code flow result with the configured redirect URI, without handing out the id_token', async () => {
  const handler = makeHandler();
  const { verifier, challenge } = await pkce();
  const res = await post(handler, '/auth/telegram/exchange', { code: await browserCode(mock, challenge), codeVerifier: verifier, state: 'browser-state', redirectUri: REDIRECT_URI });
  expect(res.status).toBe(200);
  const body = await jsonOf(res);
  expect(body).toEqual({ user: expect.objectContaining({ id: ALICE }), session: { expiresAt: expect.any(Number) } });
  expect(setCookie(res, 'tlk_session')).toBeDefined();
  expect(events).toEqual([{ type: 'login', method: 'code', sub: expect.any(String), at: expect.any(Date) }]);
});

test('hands out the id_token only when the site opts in with returnIdToken', async () => {
  const handler = makeHandler({ returnIdToken: true });
  const { verifier, challenge } = await pkce();
  const body = await jsonOf(await post(handler, '/auth/telegram/exchange', { code: await browserCode(mock, challenge), codeVerifier: verifier }));
  expect(body.idToken).toEqual(expect.stringMatching(/^eyJ/));
});

test('an id_token handed out by /exchange cannot make a second session at /verify', async () => {
  // The attack: an XSS takes the id_token /exchange returned and posts it to /verify. Its nonce was
  // issued to this very browser and never used, so only single-use tokens stop it.
  const handler = makeHandler({ returnIdToken: true });
  const jar = new CookieJar();
  const { nonce } = await nonceFrom(handler, jar);
  const { verifier, challenge } = await pkce();
  const exchanged = await jsonOf(await post(handler, '/auth/telegram/exchange', { code: await browserCode(mock, challenge, { nonce }), codeVerifier: verifier, nonce }, { cookie: jar.header }));
  expect((exchanged.user as { nonce?: string }).nonce).toBe(nonce);
  const replay = await post(handler, '/auth/telegram/verify', { idToken: exchanged.idToken }, { cookie: jar.header });
  // No session; only the spent nonce's binding cookie is cleared.
  expect(replay.headers.getSetCookie()).toEqual([`tlk_session_nonce_${nonce.slice(0, 12)}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`]);
  await expectError(replay, 400, 'id_token_invalid', '"id_token" was already used');
});

test('refuses a redirectUri other than the configured one with invalid_config naming both', async () => {
  const handler = makeHandler();
  const { verifier, challenge } = await pkce();
  const res = await post(handler, '/auth/telegram/exchange', { code: await browserCode(mock, challenge), codeVerifier: verifier, state: 's', redirectUri: 'https://evil.example/cb' });
  await expectError(res, 400, 'invalid_config', 'the page\'s "redirect-uri" "https://evil.example/cb" is not the server\'s "redirectUri" "http://localhost:3000/auth/telegram/callback": make them the same URL');
});

test('reports a reused code as token_exchange_failed with invalid_grant (400)', async () => {
  const handler = makeHandler();
  const { verifier, challenge } = await pkce();
  const request = { code: await browserCode(mock, challenge), codeVerifier: verifier, state: 's' };
  expect((await post(handler, '/auth/telegram/exchange', request)).status).toBe(200);
  await expectError(await post(handler, '/auth/telegram/exchange', request), 400, 'token_exchange_failed', 'token endpoint answered "invalid_grant"', { providerError: 'invalid_grant' });
  expect(events.at(-1)).toEqual({ type: 'login_failed', method: 'code', code: 'token_exchange_failed', at: expect.any(Date) });
});

test('reports a provider that refuses the client as 502 with a hint about the secret, without leaking it', async () => {
  await mock.control({ tokenError: { error: 'invalid_client', error_description: `bad secret ${DEFAULT_CLIENT.secret}`, status: 401 } });
  const handler = makeHandler();
  const { verifier, challenge } = await pkce();
  const res = await post(handler, '/auth/telegram/exchange', { code: await browserCode(mock, challenge), codeVerifier: verifier, state: 's' });
  await expectError(res, 502, 'token_exchange_failed', 'token endpoint answered "invalid_client": check "clientSecret" (the Client Secret from BotFather → Bot Settings → Web Login, not the bot token)', { providerError: 'invalid_client' });
});

test('requires code and codeVerifier', async () => {
  const handler = makeHandler();
  await expectError(await post(handler, '/auth/telegram/exchange', { code: 'c', state: 's' }), 400, 'invalid_request', '"codeVerifier" must be a non-empty string');
  await expectError(await post(handler, '/auth/telegram/exchange', { codeVerifier: 'v', state: 's' }), 400, 'invalid_request', '"code" must be a non-empty string');
  await expectError(await post(handler, '/auth/telegram/exchange', { code: 'c', codeVerifier: 'v', state: 42 }), 400, 'invalid_request', '"state" must be a string');
});
