import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { decodeJwt, SignJWT } from 'jose';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { createTelegramAuthHandler, type AuthEvent, type TelegramAuthHandler, type TelegramAuthHandlerOptions } from './handler.js';
import type { NonceStore } from './nonce.js';

// The mock runs on real time here: the handler verifies tokens against the current clock.
const SITE = 'http://localhost:3000';
const SECURE_SITE = 'https://example.com';
const REDIRECT_URI = `${SITE}/auth/telegram/callback`;
const SECRET = 'handler-test-session-secret-0123456789';
const ALICE = 100001;
const CAROL = 100004;

let mock: MockTelegram;
let events: AuthEvent[];

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, control: true, autoConsent: true });
});

test.afterAll(async () => {
  await mock.stop();
});

test.beforeEach(() => {
  events = [];
});

test.afterEach(async () => {
  await mock.control({ reset: true });
});

// ---- helpers -----------------------------------------------------------------------------------

function makeHandler(overrides: Partial<TelegramAuthHandlerOptions> = {}): TelegramAuthHandler {
  return createTelegramAuthHandler({
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    issuer: mock.issuer,
    redirectUri: REDIRECT_URI,
    allowedOrigins: [SITE, SECURE_SITE],
    session: { secret: SECRET },
    onEvent: (event) => {
      events.push(event);
    },
    ...overrides,
  });
}

interface Send {
  cookie?: string;
  origin?: string | null;
  site?: string;
  contentType?: string;
}

function get(handler: TelegramAuthHandler, path: string, { cookie, site = SITE }: Send = {}): Promise<Response> {
  return handler(new Request(new URL(path, site), { headers: cookie ? { Cookie: cookie } : {} }));
}

function post(handler: TelegramAuthHandler, path: string, body: unknown, { cookie, origin = SITE, site = SITE, contentType = 'application/json' }: Send = {}) {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (origin !== null) headers.Origin = origin;
  if (cookie) headers.Cookie = cookie;
  return handler(new Request(new URL(path, site), { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}

/** `name=value` pairs of the response's Set-Cookie headers, as a browser would send them back. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}

async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await response.json()) as Record<string, unknown>;
}

async function expectError(response: Response, status: number, error: string, extra: Record<string, unknown> = {}) {
  const body = await jsonOf(response);
  expect({ status: response.status, ...body }).toEqual({ status, error, message: expect.any(String), ...extra });
  expect(JSON.stringify(body)).not.toContain(DEFAULT_CLIENT.secret);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+/);
}

/** The library flow: the mock's post_message result page (auto-consent) carries the id_token. */
async function libraryToken(nonce?: string): Promise<string> {
  const auth = new URL(mock.authorizationEndpoint);
  auth.search = new URLSearchParams({
    response_type: 'post_message',
    client_id: DEFAULT_CLIENT.id,
    redirect_uri: `${SITE}/`,
    scope: 'openid profile',
    ...(nonce ? { nonce } : {}),
  }).toString();
  const html = await (await fetch(auth)).text();
  const match = /<script type="application\/json" id="auth-result">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no auth-result on the mock page');
  return (JSON.parse(match[1]) as { message: { result: string } }).message.result;
}

async function nonceFrom(handler: TelegramAuthHandler): Promise<string> {
  const res = await get(handler, '/auth/telegram/nonce');
  expect(res.status).toBe(200);
  return (await jsonOf(res)).nonce as string;
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The browser's code flow up to the callback: a code for REDIRECT_URI with a PKCE challenge. */
async function browserCode(challenge: string): Promise<string> {
  const auth = new URL(mock.authorizationEndpoint);
  auth.search = new URLSearchParams({
    response_type: 'code',
    client_id: DEFAULT_CLIENT.id,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile',
    state: 'browser-state',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const res = await fetch(auth, { redirect: 'manual' });
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

function locationOf(response: Response): string {
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

/** Follows the handler's /login redirect through the mock; returns the callback URL and the transaction cookie. */
async function startRedirectLogin(handler: TelegramAuthHandler, returnTo?: string) {
  const login = await get(handler, `/auth/telegram/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
  const authorize = new URL(locationOf(login));
  const transaction = cookiesOf(login);
  return { login, authorize, transaction };
}

async function callbackFromMock(authorize: URL): Promise<URL> {
  return new URL(locationOf(await fetch(authorize, { redirect: 'manual' })));
}

// ---- /nonce ------------------------------------------------------------------------------------

test.describe('GET /nonce', () => {
  test('issues a fresh nonce into the store for 600 seconds, never cached', async () => {
    const issued: Array<[string, number]> = [];
    const store: NonceStore = { issue: (nonce, ttl) => void issued.push([nonce, ttl]), consume: () => false };
    const res = await get(makeHandler({ nonces: store }), '/auth/telegram/nonce');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { nonce } = await jsonOf(res);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued).toEqual([[nonce, 600]]);
  });

  test('answers 405 with Allow for another method', async () => {
    const res = await post(makeHandler(), '/auth/telegram/nonce', {});
    expect(res.headers.get('allow')).toBe('GET');
    await expectError(res, 405, 'invalid_request');
  });
});

// ---- /verify -----------------------------------------------------------------------------------

test.describe('POST /verify', () => {
  test('verifies an id_token carrying an issued nonce, sets the session and reports a login', async () => {
    const handler = makeHandler();
    const nonce = await nonceFrom(handler);
    const idToken = await libraryToken(nonce);
    const res = await post(handler, '/auth/telegram/verify', { idToken });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body).toEqual({ user: expect.objectContaining({ id: ALICE, nonce, aud: DEFAULT_CLIENT.id }), idToken, session: { expiresAt: expect.any(Number) } });
    const cookie = setCookie(res, 'tlk_session')!;
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=900', 'Path=/', 'SameSite=Lax']);
    const session = await get(handler, '/auth/telegram/session', { cookie: cookiesOf(res) });
    expect(await jsonOf(session)).toEqual({ user: expect.objectContaining({ tg_id: ALICE, name: 'Alice Anderson', scope: 'openid profile' }), expiresAt: (body.session as { expiresAt: number }).expiresAt });
    expect(events).toEqual([{ type: 'login', method: 'id_token', sub: (body.user as { sub: string }).sub, at: expect.any(Date) }]);
  });

  test('sets a Secure cookie for an https site', async () => {
    const handler = makeHandler();
    const idToken = await libraryToken(await nonceFrom(handler));
    const res = await post(handler, '/auth/telegram/verify', { idToken }, { site: SECURE_SITE, origin: SECURE_SITE });
    expect(res.status).toBe(200);
    expect(setCookie(res, 'tlk_session')!.split('; ')).toContain('Secure');
  });

  test('refuses a replayed token: its nonce is single use', async () => {
    const handler = makeHandler();
    const idToken = await libraryToken(await nonceFrom(handler));
    expect((await post(handler, '/auth/telegram/verify', { idToken })).status).toBe(200);
    const replay = await post(handler, '/auth/telegram/verify', { idToken });
    expect(replay.headers.getSetCookie()).toEqual([]);
    await expectError(replay, 400, 'nonce_mismatch');
    expect(events.map((event) => event.type)).toEqual(['login', 'login_failed']);
    expect(events[1]).toEqual({ type: 'login_failed', method: 'id_token', code: 'nonce_mismatch', at: expect.any(Date) });
  });

  test('refuses a nonce this server never issued, and a token without a nonce', async () => {
    const handler = makeHandler();
    await expectError(await post(handler, '/auth/telegram/verify', { idToken: await libraryToken('made-up-nonce') }), 400, 'nonce_mismatch');
    const missing = await post(handler, '/auth/telegram/verify', { idToken: await libraryToken() });
    expect(await missing.clone().json()).toMatchObject({ message: 'missing "nonce" claim' });
    await expectError(missing, 400, 'nonce_mismatch');
  });

  test('refuses a tampered token with id_token_invalid, and the nonce stays unused', async () => {
    const handler = makeHandler();
    const idToken = await libraryToken(await nonceFrom(handler));
    const [header, payload, signature] = idToken.split('.');
    const tampered = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    await expectError(await post(handler, '/auth/telegram/verify', { idToken: tampered }), 400, 'id_token_invalid');
    expect((await post(handler, '/auth/telegram/verify', { idToken })).status).toBe(200);
  });

  test('answers 502 when the JWKS cannot be fetched', async () => {
    const handler = makeHandler({ jwksUri: 'http://127.0.0.1:9/jwks.json' });
    const idToken = await libraryToken(await nonceFrom(handler));
    await expectError(await post(handler, '/auth/telegram/verify', { idToken }), 502, 'jwks_unavailable');
  });

  test('refuses a POST without Origin or from a foreign origin with 403', async () => {
    const handler = makeHandler();
    const idToken = await libraryToken(await nonceFrom(handler));
    await expectError(await post(handler, '/auth/telegram/verify', { idToken }, { origin: null }), 403, 'origin_not_allowed');
    await expectError(await post(handler, '/auth/telegram/verify', { idToken }, { origin: 'https://evil.example' }), 403, 'origin_not_allowed');
    // The allowed origin still works with the same token: the refused requests consumed nothing.
    expect((await post(handler, '/auth/telegram/verify', { idToken })).status).toBe(200);
  });

  test('allows only the origin of redirectUri by default', async () => {
    const handler = makeHandler({ allowedOrigins: undefined });
    const idToken = await libraryToken(await nonceFrom(handler));
    await expectError(await post(handler, '/auth/telegram/verify', { idToken }, { origin: SECURE_SITE }), 403, 'origin_not_allowed');
    expect((await post(handler, '/auth/telegram/verify', { idToken }, { origin: SITE })).status).toBe(200);
  });

  test('takes JSON bodies only, up to 16 KB, with an idToken string', async () => {
    const handler = makeHandler();
    await expectError(await post(handler, '/auth/telegram/verify', 'idToken=x', { contentType: 'application/x-www-form-urlencoded' }), 400, 'invalid_request');
    await expectError(await post(handler, '/auth/telegram/verify', '{"idToken":'), 400, 'invalid_request');
    await expectError(await post(handler, '/auth/telegram/verify', '[1]'), 400, 'invalid_request');
    await expectError(await post(handler, '/auth/telegram/verify', { idToken: 42 }), 400, 'invalid_request');
    await expectError(await post(handler, '/auth/telegram/verify', { idToken: 'x'.repeat(17 * 1024) }), 413, 'invalid_request');
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
    await expectError(await makeHandler()(request), 413, 'invalid_request');
    expect(pulled).toBeLessThan(10);
  });
});

// ---- /exchange ---------------------------------------------------------------------------------

test.describe('POST /exchange', () => {
  test('exchanges the browser code flow result with the configured redirect URI', async () => {
    const handler = makeHandler();
    const { verifier, challenge } = pkce();
    const res = await post(handler, '/auth/telegram/exchange', { code: await browserCode(challenge), codeVerifier: verifier, state: 'browser-state', redirectUri: REDIRECT_URI });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body).toEqual({ user: expect.objectContaining({ id: ALICE }), idToken: expect.any(String), session: { expiresAt: expect.any(Number) } });
    expect(setCookie(res, 'tlk_session')).toBeDefined();
    expect(events).toEqual([{ type: 'login', method: 'code', sub: expect.any(String), at: expect.any(Date) }]);
  });

  test('refuses a redirectUri other than the configured one with invalid_config', async () => {
    const handler = makeHandler();
    const { verifier, challenge } = pkce();
    const res = await post(handler, '/auth/telegram/exchange', { code: await browserCode(challenge), codeVerifier: verifier, state: 's', redirectUri: 'https://evil.example/cb' });
    await expectError(res, 400, 'invalid_config');
  });

  test('reports a reused code as token_exchange_failed with invalid_grant (400)', async () => {
    const handler = makeHandler();
    const { verifier, challenge } = pkce();
    const request = { code: await browserCode(challenge), codeVerifier: verifier, state: 's' };
    expect((await post(handler, '/auth/telegram/exchange', request)).status).toBe(200);
    await expectError(await post(handler, '/auth/telegram/exchange', request), 400, 'token_exchange_failed', { providerError: 'invalid_grant' });
    expect(events.at(-1)).toEqual({ type: 'login_failed', method: 'code', code: 'token_exchange_failed', at: expect.any(Date) });
  });

  test('reports a provider that refuses the client as 502, without leaking the secret', async () => {
    await mock.control({ tokenError: { error: 'invalid_client', error_description: `bad secret ${DEFAULT_CLIENT.secret}`, status: 401 } });
    const handler = makeHandler();
    const { verifier, challenge } = pkce();
    const res = await post(handler, '/auth/telegram/exchange', { code: await browserCode(challenge), codeVerifier: verifier, state: 's' });
    await expectError(res, 502, 'token_exchange_failed', { providerError: 'invalid_client' });
  });

  test('requires code and codeVerifier', async () => {
    const handler = makeHandler();
    await expectError(await post(handler, '/auth/telegram/exchange', { code: 'c', state: 's' }), 400, 'invalid_request');
    await expectError(await post(handler, '/auth/telegram/exchange', { codeVerifier: 'v', state: 's' }), 400, 'invalid_request');
  });
});

// ---- /login and /callback ----------------------------------------------------------------------

test.describe('the server-side redirect flow', () => {
  test('/login redirects to Telegram with state, PKCE S256 and a nonce, kept in a signed transaction cookie', async () => {
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
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/auth/telegram', 'SameSite=Lax']);
    const transaction = decodeJwt(cookie.split(';')[0]!.slice('tlk_session_tx='.length));
    expect(transaction).toMatchObject({ state: params.state, nonce: params.nonce, returnTo: '/dashboard' });
    const verifier = transaction.verifier as string;
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(params.code_challenge);
  });

  test('logs in end to end: /login → Telegram → /callback → returnTo with a session', async () => {
    const handler = makeHandler();
    const { authorize, transaction } = await startRedirectLogin(handler, '/dashboard?tab=1');
    const callback = await callbackFromMock(authorize);
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    const done = await get(handler, callback.pathname + callback.search, { cookie: transaction });
    expect(locationOf(done)).toBe('/dashboard?tab=1');
    const cookies = done.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(setCookie(done, 'tlk_session_tx')).toContain('Max-Age=0');
    const session = await jsonOf(await get(handler, '/auth/telegram/session', { cookie: cookiesOf(done) }));
    expect(session.user).toMatchObject({ tg_id: ALICE });
    expect(events).toEqual([{ type: 'login', method: 'redirect', sub: (session.user as { sub: string }).sub, at: expect.any(Date) }]);
  });

  test('works through the consent form as another user', async () => {
    await mock.control({ autoConsent: false });
    const handler = makeHandler();
    const { authorize, transaction } = await startRedirectLogin(handler);
    const page = await (await fetch(authorize)).text();
    const requestId = /name="request" value="([^"]+)"/.exec(page)![1]!;
    const consent = await fetch(`${mock.issuer}/auth/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: requestId, user: String(CAROL), decision: 'allow' }),
      redirect: 'manual',
    });
    const callback = new URL(locationOf(consent));
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
    expect(await res.text()).toContain('<code>state_mismatch</code>');
    expect(res.headers.getSetCookie()).toEqual(['tlk_session_tx=; HttpOnly; SameSite=Lax; Path=/auth/telegram; Max-Age=0']);
    expect(events).toEqual([{ type: 'login_failed', method: 'redirect', code: 'state_mismatch', at: expect.any(Date) }]);
  });

  test('a callback without the transaction cookie is a state_mismatch', async () => {
    const handler = makeHandler();
    const { authorize } = await startRedirectLogin(handler);
    const callback = await callbackFromMock(authorize);
    const res = await get(handler, callback.pathname + callback.search);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<code>state_mismatch</code>');
  });

  test('a forged transaction cookie is a state_mismatch', async () => {
    const handler = makeHandler();
    const forged = await new SignJWT({ state: 'x', verifier: 'v'.repeat(43), nonce: 'n', returnTo: '/' })
      .setProtectedHeader({ alg: 'HS256', typ: 'tlk-transaction+jwt' })
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('attacker-secret-of-at-least-32-characters'));
    const res = await get(handler, '/auth/telegram/callback?code=c&state=x', { cookie: `tlk_session_tx=${forged}` });
    expect(await res.text()).toContain('<code>state_mismatch</code>');
  });

  test('a denied consent renders an access_denied page', async () => {
    await mock.control({ autoConsent: false });
    const handler = makeHandler();
    const { authorize, transaction } = await startRedirectLogin(handler);
    const requestId = /name="request" value="([^"]+)"/.exec(await (await fetch(authorize)).text())![1]!;
    const deny = await fetch(`${mock.issuer}/auth/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: requestId, decision: 'deny' }),
      redirect: 'manual',
    });
    const callback = new URL(locationOf(deny));
    const res = await get(handler, callback.pathname + callback.search, { cookie: transaction });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<code>access_denied</code>');
    expect(events).toEqual([{ type: 'login_failed', method: 'redirect', code: 'access_denied', at: expect.any(Date) }]);
  });

  test('another provider error renders provider_error, without Telegram\'s free-text description', async () => {
    const handler = makeHandler();
    const { authorize, transaction } = await startRedirectLogin(handler);
    const state = authorize.searchParams.get('state')!;
    const query = new URLSearchParams({ error: 'temporarily_unavailable', error_description: 'internal detail 42', state });
    const res = await get(handler, `/auth/telegram/callback?${query}`, { cookie: transaction });
    const page = await res.text();
    expect(page).toContain('<code>provider_error</code>');
    expect(page).toContain('temporarily_unavailable');
    expect(page).not.toContain('internal detail 42');
    expect(events).toEqual([{ type: 'login_failed', method: 'redirect', code: 'provider_error', at: expect.any(Date) }]);
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
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'dashboard', '/ok\nSet-Cookie: x']) {
      const { login } = await startRedirectLogin(handler, returnTo);
      const transaction = decodeJwt(setCookie(login, 'tlk_session_tx')!.split(';')[0]!.slice('tlk_session_tx='.length));
      expect(transaction.returnTo, returnTo).toBe('/home');
    }
    const { authorize, transaction } = await startRedirectLogin(handler, '//evil.example/phish');
    const callback = await callbackFromMock(authorize);
    expect(locationOf(await get(handler, callback.pathname + callback.search, { cookie: transaction }))).toBe('/home');
  });
});

// ---- sessions ----------------------------------------------------------------------------------

test.describe('sessions', () => {
  async function loggedIn(handler: TelegramAuthHandler): Promise<string> {
    const res = await post(handler, '/auth/telegram/verify', { idToken: await libraryToken(await nonceFrom(handler)) });
    expect(res.status).toBe(200);
    return cookiesOf(res);
  }

  test('GET /session answers 401 session_invalid without a cookie', async () => {
    await expectError(await get(makeHandler(), '/auth/telegram/session'), 401, 'session_invalid');
  });

  test('an expired session cookie is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ sub: 's', jti: 'j', scope: 'openid' })
      .setProtectedHeader({ alg: 'HS256', typ: 'tlk-session+jwt' })
      .setIssuedAt(now - 1000)
      .setExpirationTime(now - 1)
      .sign(new TextEncoder().encode(SECRET));
    await expectError(await get(makeHandler(), '/auth/telegram/session', { cookie: `tlk_session=${expired}` }), 401, 'session_invalid');
  });

  test('logout revokes the session, clears the cookie and reports it', async () => {
    const handler = makeHandler();
    const cookie = await loggedIn(handler);
    const sub = ((await handler.getSession(new Request(SITE, { headers: { Cookie: cookie } })))!).user.sub;
    const res = await post(handler, '/auth/telegram/logout', '', { cookie });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual(['tlk_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0']);
    await expectError(await get(handler, '/auth/telegram/session', { cookie }), 401, 'session_invalid');
    expect(await handler.getSession(new Request(SITE, { headers: { Cookie: cookie } }))).toBeNull();
    expect(events.at(-1)).toEqual({ type: 'logout', sub, at: expect.any(Date) });
  });

  test('logout needs an allowed Origin too', async () => {
    const handler = makeHandler();
    const cookie = await loggedIn(handler);
    await expectError(await post(handler, '/auth/telegram/logout', '', { cookie, origin: 'https://evil.example' }), 403, 'origin_not_allowed');
    expect((await get(handler, '/auth/telegram/session', { cookie })).status).toBe(200);
  });

  test('adds the claims hook result to the session', async () => {
    const handler = makeHandler({ session: { secret: SECRET, ttlSeconds: 60, claims: (verified) => ({ role: verified.id === ALICE ? 'admin' : 'user' }) } });
    const cookie = await loggedIn(handler);
    const session = await jsonOf(await get(handler, '/auth/telegram/session', { cookie }));
    expect(session.user).toMatchObject({ role: 'admin', tg_id: ALICE });
  });
});

// ---- events, routing, configuration ------------------------------------------------------------

test.describe('the handler', () => {
  test('a throwing or rejecting onEvent does not break the response', async () => {
    const logged: unknown[] = [];
    const realError = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      for (const onEvent of [() => { throw new Error('sync'); }, () => Promise.reject(new Error('async'))]) {
        const handler = makeHandler({ onEvent });
        const res = await post(handler, '/auth/telegram/verify', { idToken: await libraryToken(await nonceFrom(handler)) });
        expect(res.status).toBe(200);
        expect(setCookie(res, 'tlk_session')).toBeDefined();
      }
    } finally {
      console.error = realError;
    }
    expect(logged).toHaveLength(2);
  });

  test('answers 404 JSON for unknown paths and 405 with Allow for wrong methods', async () => {
    const handler = makeHandler();
    await expectError(await get(handler, '/auth/telegram/unknown'), 404, 'invalid_request');
    await expectError(await get(handler, '/elsewhere'), 404, 'invalid_request');
    await expectError(await get(handler, '/auth/telegram'), 404, 'invalid_request');
    const wrong = await get(handler, '/auth/telegram/verify');
    expect(wrong.headers.get('allow')).toBe('POST');
    await expectError(wrong, 405, 'invalid_request');
  });

  test('serves under a custom basePath', async () => {
    const handler = makeHandler({ basePath: '/api/tg' });
    expect(handler.basePath).toBe('/api/tg');
    expect((await get(handler, '/api/tg/nonce')).status).toBe(200);
    expect((await get(handler, '/auth/telegram/nonce')).status).toBe(404);
  });

  test('a failing store answers 500 server_error without details', async () => {
    const realError = console.error;
    console.error = () => undefined;
    try {
      const broken: NonceStore = { issue: () => Promise.reject(new Error('redis is down at 10.0.0.5')), consume: () => false };
      const res = await get(makeHandler({ nonces: broken }), '/auth/telegram/nonce');
      expect(await res.clone().json()).toEqual({ error: 'server_error', message: 'internal error' });
      await expectError(res, 500, 'server_error');
    } finally {
      console.error = realError;
    }
  });

  test('refuses bad configuration with a TypeError', () => {
    expect(() => makeHandler({ clientId: 'abc' })).toThrow(TypeError);
    expect(() => makeHandler({ redirectUri: 'not a url' })).toThrow(TypeError);
    expect(() => makeHandler({ allowedOrigins: ['https://example.com/path'] })).toThrow(TypeError);
    expect(() => makeHandler({ basePath: 'auth/' })).toThrow(TypeError);
    expect(() => makeHandler({ returnTo: '//evil.example' })).toThrow(TypeError);
    expect(() => makeHandler({ session: { secret: 'short' } })).toThrow(TypeError);
  });
});
