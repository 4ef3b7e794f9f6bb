import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import type { AuthEvent } from './handler.js';
import {
  ALICE,
  CookieJar,
  expectError,
  get,
  jsonOf,
  libraryToken,
  makeHandler as makeHandlerFor,
  nonceFrom,
  post,
  SECURE_SITE,
  setCookie,
  SITE,
  verifiedLogin,
} from './handler.test-support.js';
import { createMemoryStore } from './stores/memory.js';
import type { TelegramAuthHandlerOptions } from './handler.js';

let mock: MockTelegram;
let events: AuthEvent[];

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, control: true, autoConsent: true });
});
test.afterAll(() => mock.stop());
test.beforeEach(() => {
  events = [];
});

const makeHandler = (overrides: Partial<TelegramAuthHandlerOptions> = {}) => makeHandlerFor(mock, events, overrides);

test.describe('GET /nonce', () => {
  test('issues a fresh nonce bound to this browser by an HttpOnly cookie, never cached', async () => {
    const store = createMemoryStore();
    const res = await get(makeHandler({ store }), '/auth/telegram/nonce');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const { nonce } = await jsonOf(res);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    const binding = setCookie(res, `tlk_session_nonce_${(nonce as string).slice(0, 12)}`)!;
    expect(binding.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax']);
    // Issuing stores nothing (the nonce carries its expiry and a MAC): a flood of /nonce cannot fill the store.
    expect(await store.get(`nonce-used:${(nonce as string).split('.')[0]}`)).toBeUndefined();
  });

  test('nonces fetched at once by two buttons or tabs of one browser each keep their own binding', async () => {
    const handler = makeHandler();
    const jar = new CookieJar();
    const [first, second] = await Promise.all([nonceFrom(handler, jar), nonceFrom(handler, jar)]);
    expect(first.cookie).not.toBe(second.cookie);
    for (const { nonce } of [second, first]) {
      const idToken = await libraryToken(mock, nonce);
      const res = jar.take(await post(handler, '/auth/telegram/verify', { idToken }, { cookie: jar.header }));
      expect(res.status).toBe(200);
      // The used binding cookie is cleared with the login.
      expect(setCookie(res, `tlk_session_nonce_${nonce.slice(0, 12)}`)).toContain('Max-Age=0');
    }
  });

  test('refuses a navigation or another site: a nonce is for the site\'s own scripts', async () => {
    const handler = makeHandler();
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' }, { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'cors' }, { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate' }]) {
      const res = await handler(new Request(`${SITE}/auth/telegram/nonce`, { headers }));
      expect(res.headers.getSetCookie(), JSON.stringify(headers)).toEqual([]);
      await expectError(res, 403, 'origin_not_allowed', "a nonce is fetched by the site's own script (fetch from a page of this origin), not by a navigation or another site");
    }
    const own = await handler(new Request(`${SITE}/auth/telegram/nonce`, { headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' } }));
    expect(own.status).toBe(200);
  });

  test('a browser never holds more than a few binding cookies, however many nonces a page fetches', async () => {
    const handler = makeHandler();
    const jar = new CookieJar();
    let most = 0;
    for (let index = 0; index < 40; index++) {
      await nonceFrom(handler, jar);
      most = Math.max(most, (jar.header.match(/tlk_session_nonce_/g) ?? []).length);
    }
    expect(most).toBeLessThanOrEqual(8);
    // The newest nonce still works.
    const { nonce } = await nonceFrom(handler, jar);
    const idToken = await libraryToken(mock, nonce);
    expect((await post(handler, '/auth/telegram/verify', { idToken }, { cookie: jar.header })).status).toBe(200);
  });

  test('answers 405 with Allow for another method', async () => {
    const res = await post(makeHandler(), '/auth/telegram/nonce', {});
    expect(res.headers.get('allow')).toBe('GET');
    await expectError(res, 405, 'invalid_request', 'POST is not allowed on "/auth/telegram/nonce"');
  });
});

test.describe('POST /verify', () => {
  test('verifies an id_token carrying an issued nonce, sets the session and reports a login', async () => {
    const handler = makeHandler();
    const { response, nonce, jar } = await verifiedLogin(mock, handler);
    expect(response.status).toBe(200);
    const body = await jsonOf(response);
    // The page sent the token itself: the answer does not hand it back.
    expect(body).toEqual({ user: expect.objectContaining({ id: ALICE, nonce, aud: DEFAULT_CLIENT.id }), session: { expiresAt: expect.any(Number) } });
    const cookie = setCookie(response, 'tlk_session')!;
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=900', 'Path=/', 'SameSite=Lax']);
    const session = await get(handler, '/auth/telegram/session', { cookie: jar.header });
    expect(await jsonOf(session)).toEqual({ user: expect.objectContaining({ tg_id: ALICE, name: 'Alice Anderson', scope: 'openid profile' }), expiresAt: (body.session as { expiresAt: number }).expiresAt });
    expect(events).toEqual([{ type: 'login', method: 'id_token', sub: (body.user as { sub: string }).sub, at: expect.any(Date) }]);
  });

  test('an https site gets __Host- cookies that are Secure: a sibling subdomain cannot toss them', async () => {
    const handler = makeHandler({ redirectUri: `${SECURE_SITE}/auth/telegram/callback`, allowedOrigins: undefined });
    const jar = new CookieJar();
    const nonce = jar.take(await get(handler, '/auth/telegram/nonce', { site: SECURE_SITE }));
    expect(nonce.headers.getSetCookie()[0]!.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax', 'Secure']);
    expect(nonce.headers.getSetCookie()[0]).toMatch(/^__Host-tlk_session_nonce_[A-Za-z0-9_-]{12}=/);
    const idToken = await libraryToken(mock, (await jsonOf(nonce)).nonce as string);
    const res = await post(handler, '/auth/telegram/verify', { idToken }, { site: SECURE_SITE, origin: SECURE_SITE, cookie: jar.header });
    expect(res.status).toBe(200);
    expect(setCookie(res, '__Host-tlk_session')!.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=900', 'Path=/', 'SameSite=Lax', 'Secure']);
    // A tossed plain-named cookie (set by a sibling for the parent domain) is not even read.
    const tossed = `tlk_session=${setCookie(res, '__Host-tlk_session')!.split(';')[0]!.split('=')[1]}`;
    expect((await get(handler, '/auth/telegram/session', { site: SECURE_SITE, cookie: tossed })).status).toBe(401);
  });

  test('Secure follows the configured redirectUri, not the Host a proxy forwards', async () => {
    const handler = makeHandler({ redirectUri: `${SECURE_SITE}/auth/telegram/callback`, allowedOrigins: [SECURE_SITE, SITE] });
    // Behind a TLS-terminating proxy the request may look like http://localhost:3000.
    const jar = new CookieJar();
    const nonce = jar.take(await get(handler, '/auth/telegram/nonce', { site: SITE }));
    expect(nonce.headers.getSetCookie()[0]).toMatch(/^__Host-tlk_session_nonce_.*; Secure$/);
    const idToken = await libraryToken(mock, (await jsonOf(nonce)).nonce as string);
    const res = await post(handler, '/auth/telegram/verify', { idToken }, { site: SITE, cookie: jar.header });
    expect(setCookie(res, '__Host-tlk_session')).toContain('; Secure');
  });

  test('refuses a replayed token: its nonce is single use', async () => {
    const handler = makeHandler();
    const { response, idToken, jar } = await verifiedLogin(mock, handler);
    expect(response.status).toBe(200);
    const replay = await post(handler, '/auth/telegram/verify', { idToken }, { cookie: jar.header });
    expect(replay.headers.getSetCookie().filter((cookie) => !cookie.includes('Max-Age=0'))).toEqual([]);
    await expectError(replay, 400, 'nonce_mismatch', '"nonce" claim is unknown, expired or already used');
    expect(events.map((event) => event.type)).toEqual(['login', 'login_failed']);
    expect(events[1]).toEqual({ type: 'login_failed', method: 'id_token', code: 'nonce_mismatch', at: expect.any(Date) });
  });

  test('a stolen, unused token is refused from another browser: the nonce is bound to the one that fetched it', async () => {
    const handler = makeHandler();
    const victim = new CookieJar();
    const { nonce } = await nonceFrom(handler, victim);
    const idToken = await libraryToken(mock, nonce);
    const attacker = new CookieJar();
    await nonceFrom(handler, attacker); // the attacker has a binding cookie of their own
    const res = await post(handler, '/auth/telegram/verify', { idToken }, { cookie: attacker.header });
    await expectError(res, 400, 'nonce_mismatch', '"nonce" claim was not issued to this browser by this server');
    const bare = await post(handler, '/auth/telegram/verify', { idToken: await libraryToken(mock, (await nonceFrom(handler)).nonce) });
    await expectError(bare, 400, 'nonce_mismatch', '"nonce" claim was not issued to this browser by this server');
  });

  test('refuses a nonce this server never issued, and a token without a nonce', async () => {
    const handler = makeHandler();
    await expectError(await post(handler, '/auth/telegram/verify', { idToken: await libraryToken(mock, 'made-up-nonce') }), 400, 'nonce_mismatch', '"nonce" claim is unknown, expired or already used');
    const missing = await post(handler, '/auth/telegram/verify', { idToken: await libraryToken(mock) });
    await expectError(missing, 400, 'nonce_mismatch', 'missing "nonce" claim: fetch a nonce from the handler\'s /nonce route and pass it to the button');
  });

  test('refuses a tampered token with id_token_invalid, and the nonce stays unused', async () => {
    const handler = makeHandler();
    const jar = new CookieJar();
    const idToken = await libraryToken(mock, (await nonceFrom(handler, jar)).nonce);
    const [header, payload, signature] = idToken.split('.');
    const tampered = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    await expectError(await post(handler, '/auth/telegram/verify', { idToken: tampered }, { cookie: jar.header }), 400, 'id_token_invalid', 'signature verification failed');
    expect((await post(handler, '/auth/telegram/verify', { idToken }, { cookie: jar.header })).status).toBe(200);
  });

  test('answers 502 naming "issuer" when the JWKS cannot be fetched', async () => {
    const handler = makeHandler({ jwksUri: 'http://127.0.0.1:9/jwks.json' });
    const jar = new CookieJar();
    const idToken = await libraryToken(mock, (await nonceFrom(handler, jar)).nonce);
    const res = await post(handler, '/auth/telegram/verify', { idToken }, { cookie: jar.header });
    await expectError(res, 502, 'jwks_unavailable', '"jwks_uri" could not be fetched or is not a valid key set (http://127.0.0.1:9/jwks.json): check "issuer" (in development, the mock\'s issuer) or "jwksUri"');
  });

  test('refuses a POST without Origin or from a foreign origin with 403, naming allowedOrigins', async () => {
    const handler = makeHandler();
    const jar = new CookieJar();
    const idToken = await libraryToken(mock, (await nonceFrom(handler, jar)).nonce);
    await expectError(await post(handler, '/auth/telegram/verify', { idToken }, { origin: null, cookie: jar.header }), 403, 'origin_not_allowed', 'missing "Origin" header');
    const foreign = await post(handler, '/auth/telegram/verify', { idToken }, { origin: 'https://evil.example', cookie: jar.header });
    await expectError(foreign, 403, 'origin_not_allowed', 'origin "https://evil.example" is not allowed: add it to the handler\'s "allowedOrigins"');
    // The allowed origin still works with the same token: the refused requests consumed nothing.
    expect((await post(handler, '/auth/telegram/verify', { idToken }, { cookie: jar.header })).status).toBe(200);
  });

  test('allows the origin of redirectUri by default, in both loopback spellings', async () => {
    const handler = makeHandler({ allowedOrigins: undefined });
    for (const origin of [SITE, 'http://127.0.0.1:3000']) {
      const { response } = await verifiedLogin(mock, handler, undefined, { origin });
      expect(response.status, origin).toBe(200);
    }
    const jar = new CookieJar();
    const idToken = await libraryToken(mock, (await nonceFrom(handler, jar)).nonce);
    await expectError(await post(handler, '/auth/telegram/verify', { idToken }, { origin: SECURE_SITE, cookie: jar.header }), 403, 'origin_not_allowed', 'origin "https://example.com" is not allowed: add it to the handler\'s "allowedOrigins"');
    await expectError(await post(handler, '/auth/telegram/verify', { idToken }, { origin: 'http://127.0.0.1:3001', cookie: jar.header }), 403, 'origin_not_allowed', 'origin "http://127.0.0.1:3001" is not allowed: add it to the handler\'s "allowedOrigins"');
  });

  test('a loopback origin listed in allowedOrigins allows its other spelling too, and nothing else', async () => {
    const handler = makeHandler({ allowedOrigins: ['http://localhost:3000'] });
    for (const origin of [SITE, 'http://127.0.0.1:3000']) {
      const { response } = await verifiedLogin(mock, handler, undefined, { origin });
      expect(response.status, origin).toBe(200);
    }
    const jar = new CookieJar();
    const idToken = await libraryToken(mock, (await nonceFrom(handler, jar)).nonce);
    await expectError(await post(handler, '/auth/telegram/verify', { idToken }, { origin: 'http://localhost:3001', cookie: jar.header }), 403, 'origin_not_allowed', 'origin "http://localhost:3001" is not allowed: add it to the handler\'s "allowedOrigins"');
  });

  test('takes JSON bodies only, up to 16 KB, with an idToken string', async () => {
    const handler = makeHandler();
    await expectError(await post(handler, '/auth/telegram/verify', 'idToken=x', { contentType: 'application/x-www-form-urlencoded' }), 400, 'invalid_request', '"Content-Type" must be application/json');
    await expectError(await post(handler, '/auth/telegram/verify', '{"idToken":'), 400, 'invalid_request', 'request body is not valid json');
    await expectError(await post(handler, '/auth/telegram/verify', '[1]'), 400, 'invalid_request', 'request body must be a json object');
    await expectError(await post(handler, '/auth/telegram/verify', { idToken: 42 }), 400, 'invalid_request', '"idToken" must be a non-empty string');
    await expectError(await post(handler, '/auth/telegram/verify', '{"__proto__":{"idToken":"x"}}'), 400, 'invalid_request', '"idToken" must be a non-empty string');
    await expectError(await post(handler, '/auth/telegram/verify', { idToken: 'x'.repeat(17 * 1024) }), 413, 'invalid_request', 'request body is larger than 16384 bytes');
  });

  test('reads a large body from a stream without a Content-Length and still stops at 16 KB', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(4096));
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request(`${SITE}/auth/telegram/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SITE },
      body,
      duplex: 'half',
    } as RequestInit);
    await expectError(await makeHandler()(request), 413, 'invalid_request', 'request body is larger than 16384 bytes');
    expect(pulled).toBeLessThan(10);
  });
});
