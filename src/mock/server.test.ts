import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { DEFAULT_CLIENT, startMockTelegram, type MockClient, type MockSigningAlgorithm, type MockTelegram } from './server.js';

// ---- fixtures ----------------------------------------------------------------------------------

/** Frozen clock shared by every mock in this file; tests advance it to cross expiry limits. */
const START = Date.UTC(2026, 0, 15, 12, 0, 0);
let now = START;
const clock = () => now;

const ALICE = 100001;
const DMITRY = 100002;
const BOB = 100003;
const CAROL = 100004;

const REDIRECT = 'http://localhost:5173/callback';
const OTHER = { id: '7700000002', secret: 'other-secret', allowedUrls: ['https://app.example/callback'] };
const OTHER_REDIRECT = 'https://app.example/callback';
const ES256_CLIENT = { id: '7700000003', secret: 'es256-secret', algorithm: 'ES256' as const };
const EDDSA_CLIENT = { id: '7700000004', secret: 'eddsa-secret', algorithm: 'EdDSA' as const };

const FORM = 'application/x-www-form-urlencoded';

let mock: MockTelegram;

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, control: true, clock, clients: [OTHER, ES256_CLIENT, EDDSA_CLIENT] });
});

test.afterAll(async () => {
  await mock.stop();
});

test.beforeEach(() => {
  now = START;
});

// ---- helpers -----------------------------------------------------------------------------------

/** Query or form parameters; `undefined` removes a default. */
type Params = Record<string, string | undefined>;

function withDefaults(defaults: Params, params: Params): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...defaults, ...params })) if (value !== undefined) out.set(key, value);
  return out;
}

function clientById(id: string, target = mock): MockClient {
  const client = target.clients.find((candidate) => candidate.id === id);
  if (!client) throw new Error(`no client ${id} in this mock`);
  return client;
}

function authUrl(params: Params = {}, target = mock): string {
  const query = withDefaults(
    { response_type: 'code', client_id: DEFAULT_CLIENT.id, redirect_uri: REDIRECT, scope: 'openid profile', state: 'state-1' },
    params,
  );
  return `${target.authorizationEndpoint}?${query}`;
}

function getAuth(params: Params = {}, target = mock): Promise<Response> {
  return fetch(authUrl(params, target), { redirect: 'manual' });
}

function requestIdOf(html: string): string {
  const match = /<input type="hidden" name="request" value="([^"]+)">/.exec(html);
  if (!match?.[1]) throw new Error('the consent page has no request id');
  return match[1];
}

/** Opens the consent page and returns its request id. */
async function openConsent(params: Params = {}, target = mock): Promise<string> {
  const res = await getAuth(params, target);
  expect(res.status).toBe(200);
  return requestIdOf(await res.text());
}

function consent(requestId: string, decision: 'allow' | 'deny', userId = ALICE, target = mock): Promise<Response> {
  return fetch(`${target.issuer}/auth/consent`, {
    method: 'POST',
    headers: { 'Content-Type': FORM },
    body: new URLSearchParams({ request: requestId, user: String(userId), decision }),
    redirect: 'manual',
  });
}

function locationOf(res: Response): URL {
  expect(res.status).toBe(302);
  const location = res.headers.get('location');
  if (!location) throw new Error('no Location header');
  return new URL(location);
}

/** The code flow up to the redirect: consent page, Allow as `userId`, code from the Location. */
async function obtainCode(params: Params = {}, userId = ALICE, target = mock): Promise<string> {
  const location = locationOf(await consent(await openConsent(params, target), 'allow', userId, target));
  const state = 'state' in params ? params.state : 'state-1';
  expect(location.searchParams.get('state')).toBe(state ?? null);
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location.href}`);
  return code;
}

function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

interface ExchangeOptions {
  client?: { id: string; secret: string };
  /** How the client authenticates: client_secret_basic, client_secret_post, or not at all. */
  auth?: 'basic' | 'post' | 'none';
  target?: MockTelegram;
}

/** POST /token with grant_type, code and redirect_uri filled in. */
function exchange(code: string, form: Params = {}, { client = DEFAULT_CLIENT, auth = 'basic', target = mock }: ExchangeOptions = {}) {
  const body = withDefaults(
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      ...(auth === 'post' ? { client_id: client.id, client_secret: client.secret } : {}),
    },
    form,
  );
  const headers: Record<string, string> = { 'Content-Type': FORM };
  if (auth === 'basic') headers.Authorization = basicAuth(client.id, client.secret);
  return fetch(target.tokenEndpoint, { method: 'POST', headers, body });
}

async function expectOAuthError(res: Response, status: number, error: string) {
  expect({ status: res.status, error: ((await res.json()) as { error?: string }).error }).toEqual({ status, error });
}

async function idTokenOf(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { id_token: string }).id_token;
}

/** Verifies an id_token against the mock's JWKS exactly as a relying party would. */
async function verify(idToken: string, clientId = DEFAULT_CLIENT.id, alg: MockSigningAlgorithm = 'RS256', target = mock) {
  // A fresh key set per call: jose's cache would otherwise hide a rotation for 30 s.
  return jwtVerify(idToken, createRemoteJWKSet(new URL(target.jwksUri)), {
    issuer: target.issuer,
    audience: clientId,
    algorithms: [alg],
    currentDate: new Date(clock()),
  });
}

/** A whole code-flow login; returns the verified claims. */
async function login(params: Params = {}, userId = ALICE): Promise<JWTPayload> {
  const client = clientById(params.client_id ?? DEFAULT_CLIENT.id);
  const code = await obtainCode(params, userId);
  const idToken = await idTokenOf(await exchange(code, { redirect_uri: params.redirect_uri ?? REDIRECT }, { client }));
  return (await verify(idToken, client.id, client.algorithm)).payload;
}

interface AuthResult {
  targetOrigin: string;
  message: { event: string; result?: string; error?: string };
}

/** The JSON the post_message result page hands to its script. */
async function authResultOf(res: Response): Promise<AuthResult> {
  expect(res.status).toBe(200);
  const match = /<script type="application\/json" id="auth-result">([\s\S]*?)<\/script>/.exec(await res.text());
  if (!match?.[1]) throw new Error('no auth-result script on the page');
  return JSON.parse(match[1]) as AuthResult;
}

function pkce(method: 'S256' | 'plain' = 'S256') {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return { verifier, challenge };
}

async function control(command: unknown, target = mock) {
  const res = await fetch(`${target.issuer}/__mock/control`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(command),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
}

async function jwksOf(target = mock): Promise<JWK[]> {
  return ((await (await fetch(target.jwksUri)).json()) as { keys: JWK[] }).keys;
}

// ---- discovery and keys ------------------------------------------------------------------------

test.describe('discovery and JWKS', () => {
  test('publishes the discovery document of Telegram with the mock origin as issuer', async () => {
    const res = await fetch(`${mock.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(mock.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await res.json()).toEqual({
      issuer: mock.issuer,
      authorization_endpoint: `${mock.issuer}/auth`,
      token_endpoint: `${mock.issuer}/token`,
      jwks_uri: `${mock.issuer}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256', 'ES256', 'EdDSA', 'ES256K'],
      scopes_supported: ['openid', 'phone', 'profile', 'telegram:bot_access', 'ton:wallet'],
      claims_supported: ['aud', 'preferred_username', 'phone_number', 'exp', 'iat', 'iss', 'name', 'picture', 'sub', 'ton'],
      code_challenge_methods_supported: ['plain', 'S256'],
      grant_types_supported: ['authorization_code'],
    });
  });

  test('serves discovery and JWKS to any origin', async () => {
    for (const url of [`${mock.issuer}/.well-known/openid-configuration`, mock.jwksUri]) {
      const res = await fetch(url, { headers: { Origin: 'https://site.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  test('publishes exactly the RS256, ES256 and EdDSA public keys', async () => {
    const keys = await jwksOf();
    expect(keys.map((key) => key.kid)).toEqual(['oidc-1', 'oidc-es256-1', 'oidc-eddsa-1']);
    const [rsa, ec, okp] = keys;
    // Exact member lists: no `d`, `p`, `q`… and no `use` on the RSA key, as Telegram publishes it.
    expect(Object.keys(rsa!).sort()).toEqual(['alg', 'e', 'ext', 'key_ops', 'kid', 'kty', 'n']);
    expect(rsa).toMatchObject({ kty: 'RSA', alg: 'RS256', e: 'AQAB', ext: true, key_ops: ['verify'] });
    expect(Buffer.from(rsa!.n!, 'base64url').length * 8).toBe(2048);
    expect(Object.keys(ec!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(ec).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(Object.keys(okp!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(okp).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
  });
});

test.describe('key rotation', () => {
  let rotating: MockTelegram;

  test.beforeEach(async () => {
    rotating = await startMockTelegram({ port: 0, control: true, clock });
  });

  test.afterEach(async () => {
    await rotating.stop();
  });

  async function rotatingLogin(): Promise<string> {
    const code = await obtainCode({}, ALICE, rotating);
    return idTokenOf(await exchange(code, {}, { target: rotating }));
  }

  test('rotateKeys publishes the next generation alongside the previous one and signs with it', async () => {
    const before = await rotatingLogin();
    await control({ rotateKeys: true }, rotating);
    expect((await jwksOf(rotating)).map((key) => key.kid)).toEqual([
      'oidc-2',
      'oidc-es256-2',
      'oidc-eddsa-2',
      'oidc-1',
      'oidc-es256-1',
      'oidc-eddsa-1',
    ]);
    const after = await rotatingLogin();
    expect(decodeProtectedHeader(after)).toEqual({ alg: 'RS256', kid: 'oidc-2', typ: 'JWT' });
    await verify(after, DEFAULT_CLIENT.id, 'RS256', rotating);
    // Tokens issued before the rotation stay verifiable while the previous keys overlap.
    await verify(before, DEFAULT_CLIENT.id, 'RS256', rotating);
  });

  test('rotateKeys with dropPrevious removes the previous generation', async () => {
    const before = await rotatingLogin();
    await control({ rotateKeys: { dropPrevious: true } }, rotating);
    expect((await jwksOf(rotating)).map((key) => key.kid)).toEqual(['oidc-2', 'oidc-es256-2', 'oidc-eddsa-2']);
    const after = await rotatingLogin();
    expect(decodeProtectedHeader(after).kid).toBe('oidc-2');
    await verify(after, DEFAULT_CLIENT.id, 'RS256', rotating);
    await expect(verify(before, DEFAULT_CLIENT.id, 'RS256', rotating)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });
});

// ---- authorization -----------------------------------------------------------------------------

test.describe('authorization without a browser', () => {
  test.afterEach(async () => {
    await control({ reset: true });
  });

  test('GET /auth shows a consent page whose form carries a request id', async () => {
    const res = await getAuth();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/auth/consent">');
    expect(requestIdOf(html)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('allowing consent redirects to redirect_uri with code and state', async () => {
    const location = locationOf(await consent(await openConsent({ state: 'xyz 123' }), 'allow'));
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect([...location.searchParams.keys()].sort()).toEqual(['code', 'state']);
    expect(location.searchParams.get('state')).toBe('xyz 123');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  test('denying consent redirects with error=access_denied and state', async () => {
    const location = locationOf(await consent(await openConsent(), 'deny'));
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('state-1');
    expect(location.searchParams.has('code')).toBe(false);
  });

  test('a consent request id answers only once', async () => {
    const requestId = await openConsent();
    expect((await consent(requestId, 'allow')).status).toBe(302);
    const again = await consent(requestId, 'allow');
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
    expect(await again.text()).toContain('invalid_request');
  });

  test('autoConsent redirects at once as the first user, or as the given one', async () => {
    await control({ autoConsent: true });
    const first = locationOf(await getAuth());
    expect(first.searchParams.get('state')).toBe('state-1');
    let claims = (await verify(await idTokenOf(await exchange(first.searchParams.get('code')!)))).payload;
    expect(claims.id).toBe(ALICE);

    await control({ autoConsent: { userId: CAROL } });
    const carol = locationOf(await getAuth());
    claims = (await verify(await idTokenOf(await exchange(carol.searchParams.get('code')!)))).payload;
    expect(claims.id).toBe(CAROL);
  });

  test('post_message returns a result page that posts the id_token to the redirect origin', async () => {
    const requestId = await openConsent({ response_type: 'post_message', redirect_uri: 'http://localhost:5173/some/page', state: undefined });
    const result = await authResultOf(await consent(requestId, 'allow'));
    expect(result.targetOrigin).toBe('http://localhost:5173');
    expect(Object.keys(result.message).sort()).toEqual(['event', 'result']);
    expect(result.message.event).toBe('auth_result');
    const { payload } = await verify(result.message.result!);
    expect(payload.id).toBe(ALICE);
  });

  test('post_message posts error access_denied when the user denies', async () => {
    const requestId = await openConsent({ response_type: 'post_message', redirect_uri: 'http://localhost:8080/', state: undefined });
    const result = await authResultOf(await consent(requestId, 'deny'));
    expect(result.targetOrigin).toBe('http://localhost:8080');
    expect(result.message).toEqual({ event: 'auth_result', error: 'access_denied' });
  });

  test('renders the consent page in Russian for lang=ru and in English by default', async () => {
    const russian = await (await getAuth({ lang: 'ru' })).text();
    expect(russian).toContain('<html lang="ru">');
    expect(russian).toContain('>Разрешить</button>');
    const english = await (await getAuth()).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('>Allow</button>');
  });
});

// ---- /token ------------------------------------------------------------------------------------

test.describe('token endpoint', () => {
  test.afterEach(async () => {
    await control({ reset: true });
  });

  test('exchanges a code with client_secret_basic', async () => {
    const res = await exchange(await obtainCode());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, id_token: expect.any(String) });
    await verify(body.id_token as string);
  });

  test('exchanges a code with client_secret_post', async () => {
    const res = await exchange(await obtainCode(), {}, { auth: 'post' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    await verify(await idTokenOf(res));
  });

  test('GET /token answers unsupported_grant_type', async () => {
    await expectOAuthError(await fetch(mock.tokenEndpoint), 400, 'unsupported_grant_type');
  });

  test('refuses a body that is not form-encoded with invalid_request', async () => {
    const res = await fetch(mock.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: basicAuth(DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret) },
      body: JSON.stringify({ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT }),
    });
    await expectOAuthError(res, 400, 'invalid_request');
  });

  test('refuses a missing grant_type with invalid_request', async () => {
    await expectOAuthError(await exchange('x', { grant_type: undefined }), 400, 'invalid_request');
  });

  test('refuses any grant_type but authorization_code with unsupported_grant_type', async () => {
    await expectOAuthError(await exchange('x', { grant_type: 'client_credentials' }), 400, 'unsupported_grant_type');
  });

  test('refuses a request without client authentication with 401 invalid_client', async () => {
    const res = await exchange(await obtainCode(), { client_id: DEFAULT_CLIENT.id }, { auth: 'none' });
    await expectOAuthError(res, 401, 'invalid_client');
  });

  test('refuses a wrong secret sent with Basic with 401 invalid_client and a Basic challenge', async () => {
    const res = await exchange(await obtainCode(), {}, { client: { id: DEFAULT_CLIENT.id, secret: 'wrong' } });
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    await expectOAuthError(res, 401, 'invalid_client');
  });

  test('refuses a wrong client_secret in the body with 401 invalid_client', async () => {
    const res = await exchange(await obtainCode(), {}, { auth: 'post', client: { id: DEFAULT_CLIENT.id, secret: 'wrong' } });
    await expectOAuthError(res, 401, 'invalid_client');
  });

  test('refuses Basic and client_secret together with invalid_request', async () => {
    const res = await exchange(await obtainCode(), { client_secret: DEFAULT_CLIENT.secret });
    await expectOAuthError(res, 400, 'invalid_request');
  });

  test('refuses an unknown code with invalid_grant', async () => {
    await expectOAuthError(await exchange('no-such-code'), 400, 'invalid_grant');
  });

  test('a code can be exchanged only once', async () => {
    const code = await obtainCode();
    await verify(await idTokenOf(await exchange(code)));
    await expectOAuthError(await exchange(code), 400, 'invalid_grant');
  });

  test('a code still works after 59 seconds and expires at 60 seconds', async () => {
    const fresh = await obtainCode();
    now += 59_000;
    await verify(await idTokenOf(await exchange(fresh)));

    const stale = await obtainCode();
    now += 60_000;
    await expectOAuthError(await exchange(stale), 400, 'invalid_grant');
  });

  test('refuses a code issued to another client with invalid_grant', async () => {
    const code = await obtainCode();
    await expectOAuthError(await exchange(code, {}, { client: OTHER }), 400, 'invalid_grant');
  });

  test('requires redirect_uri (invalid_request) and the one sent to /auth (invalid_grant)', async () => {
    await expectOAuthError(await exchange(await obtainCode(), { redirect_uri: undefined }), 400, 'invalid_request');
    await expectOAuthError(await exchange(await obtainCode(), { redirect_uri: 'http://localhost:5173/other' }), 400, 'invalid_grant');
  });

  test('accepts the redirect_uri exactly as the client sent it to /auth', async () => {
    // Not in WHATWG-normalised form: no path, upper-case host. The client repeats the same string.
    for (const redirectUri of ['http://localhost:5173', 'http://LOCALHOST:5173/cb']) {
      const code = await obtainCode({ redirect_uri: redirectUri });
      await verify(await idTokenOf(await exchange(code, { redirect_uri: redirectUri })));
    }
  });

  test('PKCE S256: the right verifier works, a wrong or missing one is invalid_grant', async () => {
    const { verifier, challenge } = pkce('S256');
    const params = { code_challenge: challenge, code_challenge_method: 'S256' };
    await verify(await idTokenOf(await exchange(await obtainCode(params), { code_verifier: verifier })));
    await expectOAuthError(await exchange(await obtainCode(params), { code_verifier: pkce().verifier }), 400, 'invalid_grant');
    await expectOAuthError(await exchange(await obtainCode(params)), 400, 'invalid_grant');
  });

  test('PKCE plain: the right verifier works, a wrong one is invalid_grant', async () => {
    const { verifier, challenge } = pkce('plain');
    const params = { code_challenge: challenge, code_challenge_method: 'plain' };
    await verify(await idTokenOf(await exchange(await obtainCode(params), { code_verifier: verifier })));
    await expectOAuthError(await exchange(await obtainCode(params), { code_verifier: pkce('plain').verifier }), 400, 'invalid_grant');
  });

  test('PKCE without code_challenge_method means plain', async () => {
    const { verifier, challenge } = pkce('plain');
    const code = await obtainCode({ code_challenge: challenge });
    await verify(await idTokenOf(await exchange(code, { code_verifier: verifier })));
  });

  test('refuses a malformed code_verifier with invalid_request', async () => {
    const code = await obtainCode({ code_challenge: pkce().challenge, code_challenge_method: 'S256' });
    await expectOAuthError(await exchange(code, { code_verifier: 'too-short' }), 400, 'invalid_request');
  });

  test('refuses a code_verifier when /auth had no code_challenge with invalid_grant', async () => {
    await expectOAuthError(await exchange(await obtainCode(), { code_verifier: pkce().verifier }), 400, 'invalid_grant');
  });

  test('refuses a repeated parameter with invalid_request', async () => {
    const code = await obtainCode();
    const res = await fetch(mock.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': FORM, Authorization: basicAuth(DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret) },
      body: `grant_type=authorization_code&code=${code}&code=${code}&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    });
    await expectOAuthError(res, 400, 'invalid_request');
  });

  test('control tokenError fails exactly the next token request', async () => {
    await control({ tokenError: { error: 'invalid_grant', error_description: 'x', status: 400 } });
    const failed = await exchange(await obtainCode());
    expect(failed.status).toBe(400);
    expect(await failed.json()).toEqual({ error: 'invalid_grant', error_description: 'x' });
    await verify(await idTokenOf(await exchange(await obtainCode())));
  });
});

// ---- claims ------------------------------------------------------------------------------------

test.describe('id_token claims', () => {
  test('openid alone gives exactly iss, aud, sub, iat and exp one hour later', async () => {
    const claims = await login({ scope: 'openid' });
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
    expect(claims).toMatchObject({ iss: mock.issuer, aud: DEFAULT_CLIENT.id, iat: Math.floor(START / 1000) });
    expect(claims.exp).toBe(claims.iat! + 3600);
  });

  test('echoes the nonce in code-flow tokens when one was sent', async () => {
    const claims = await login({ scope: 'openid', nonce: 'n-0S6_WzA2Mj' });
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'nonce', 'sub']);
    expect(claims.nonce).toBe('n-0S6_WzA2Mj');
  });

  test('profile adds id, name, given and family name, username and picture', async () => {
    const claims = await login({ scope: 'openid profile' }, ALICE);
    expect(claims).toEqual({
      iss: mock.issuer,
      aud: DEFAULT_CLIENT.id,
      sub: expect.any(String),
      iat: expect.any(Number),
      exp: expect.any(Number),
      id: ALICE,
      name: 'Alice Anderson',
      given_name: 'Alice',
      family_name: 'Anderson',
      preferred_username: 'alice',
      picture: `${mock.issuer}/avatars/${ALICE}.svg`,
    });
  });

  test('profile omits family_name and preferred_username for a user without them', async () => {
    const claims = await login({ scope: 'openid profile' }, BOB);
    expect(claims).toMatchObject({ id: BOB, name: 'Bob', given_name: 'Bob' });
    expect(claims).not.toHaveProperty('family_name');
    expect(claims).not.toHaveProperty('preferred_username');
  });

  test('keeps a Cyrillic name with an emoji intact', async () => {
    const claims = await login({ scope: 'openid profile' }, DMITRY);
    expect(claims).toMatchObject({ id: DMITRY, name: 'Дмитрий 🚀 Иванов', given_name: 'Дмитрий 🚀', family_name: 'Иванов' });
  });

  test('phone adds the digits and phone_number_verified for a user with a phone', async () => {
    const claims = await login({ scope: 'openid phone' }, CAROL);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'phone_number', 'phone_number_verified', 'sub']);
    expect(claims).toMatchObject({ phone_number: '15550100004', phone_number_verified: true });
  });

  test('phone adds nothing for a user without a phone', async () => {
    const claims = await login({ scope: 'openid phone' }, ALICE);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
  });

  test('telegram:bot_access adds no claims', async () => {
    const claims = await login({ scope: 'openid telegram:bot_access' });
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
  });

  test('sub is an opaque decimal string, stable per user and client, different for another client', async () => {
    const first = await login({ scope: 'openid' }, ALICE);
    const second = await login({ scope: 'openid' }, ALICE);
    const otherUser = await login({ scope: 'openid' }, BOB);
    const otherClient = await login({ scope: 'openid', client_id: OTHER.id, redirect_uri: OTHER_REDIRECT }, ALICE);
    expect(first.sub).toMatch(/^[1-9]\d+$/);
    expect(first.sub).not.toBe(String(ALICE));
    expect(second.sub).toBe(first.sub);
    expect(otherUser.sub).not.toBe(first.sub);
    expect(otherClient.sub).toMatch(/^[1-9]\d+$/);
    expect(otherClient.sub).not.toBe(first.sub);
    expect(otherClient.aud).toBe(OTHER.id);
  });

  test('echoes the nonce in post_message tokens', async () => {
    const requestId = await openConsent({ response_type: 'post_message', state: undefined, nonce: 'pm-nonce-42' });
    const result = await authResultOf(await consent(requestId, 'allow', DMITRY));
    const { payload } = await verify(result.message.result!);
    expect(payload).toMatchObject({ nonce: 'pm-nonce-42', id: DMITRY, name: 'Дмитрий 🚀 Иванов' });
  });
});

// ---- algorithms --------------------------------------------------------------------------------

test.describe('signing algorithms per client', () => {
  test('an ES256 client gets tokens signed with oidc-es256-1', async () => {
    const code = await obtainCode({ client_id: ES256_CLIENT.id });
    const idToken = await idTokenOf(await exchange(code, {}, { client: ES256_CLIENT }));
    expect(decodeProtectedHeader(idToken)).toMatchObject({ alg: 'ES256', kid: 'oidc-es256-1' });
    const { payload } = await verify(idToken, ES256_CLIENT.id, 'ES256');
    expect(payload.id).toBe(ALICE);
  });

  test('an EdDSA client gets tokens signed with oidc-eddsa-1 for openid', async () => {
    const code = await obtainCode({ client_id: EDDSA_CLIENT.id, scope: 'openid' });
    const idToken = await idTokenOf(await exchange(code, {}, { client: EDDSA_CLIENT }));
    expect(decodeProtectedHeader(idToken)).toMatchObject({ alg: 'EdDSA', kid: 'oidc-eddsa-1' });
    const { payload } = await verify(idToken, EDDSA_CLIENT.id, 'EdDSA');
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
  });

  test('an EdDSA client asking for profile or phone is redirected with invalid_scope', async () => {
    for (const scope of ['openid profile', 'openid phone']) {
      const location = locationOf(await getAuth({ client_id: EDDSA_CLIENT.id, scope, state: 'ed-state' }));
      expect(location.origin + location.pathname).toBe(REDIRECT);
      expect(location.searchParams.get('error')).toBe('invalid_scope');
      expect(location.searchParams.get('state')).toBe('ed-state');
      expect(location.searchParams.has('code')).toBe(false);
    }
  });
});

// ---- /auth validation --------------------------------------------------------------------------

test.describe('authorization request validation', () => {
  async function expectErrorPage(res: Response, error: string) {
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain(`<code>${error}</code>`);
    return html;
  }

  function expectRedirectError(res: Response, error: string) {
    const location = locationOf(res);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('state-1');
  }

  test('an unknown client_id gets an error page naming it', async () => {
    const html = await expectErrorPage(await getAuth({ client_id: '999999' }), 'invalid_client');
    expect(html).toContain('999999');
  });

  test('a redirect_uri outside the Allowed URLs gets an error page, never a redirect', async () => {
    await expectErrorPage(await getAuth({ redirect_uri: 'http://evil.example/callback' }), 'invalid_request');
    await expectErrorPage(await getAuth({ redirect_uri: 'https://localhost:5173/callback' }), 'invalid_request');
  });

  test('the code flow needs the exact registered redirect URI', async () => {
    const other = { client_id: OTHER.id };
    expect((await getAuth({ ...other, redirect_uri: OTHER_REDIRECT })).status).toBe(200);
    for (const redirect of [`${OTHER_REDIRECT}/more`, `${OTHER_REDIRECT}?x=1`, 'https://app.example/', 'http://app.example/callback']) {
      await expectErrorPage(await getAuth({ ...other, redirect_uri: redirect }), 'invalid_request');
    }
  });

  test('post_message needs only an allowed origin', async () => {
    const library = { response_type: 'post_message', state: undefined };
    for (const page of ['http://localhost:3000/', 'http://localhost:41234/deep/path?q=1', 'http://127.0.0.1:8080/login']) {
      expect((await getAuth({ ...library, redirect_uri: page })).status).toBe(200);
    }
    expect((await getAuth({ ...library, client_id: OTHER.id, redirect_uri: 'https://app.example/any/page' })).status).toBe(200);
    await expectErrorPage(await getAuth({ ...library, redirect_uri: 'http://evil.example/' }), 'invalid_request');
    await expectErrorPage(await getAuth({ ...library, client_id: OTHER.id, redirect_uri: 'https://evil.example/callback' }), 'invalid_request');
  });

  test('a scope without openid is invalid_scope', async () => {
    expectRedirectError(await getAuth({ scope: 'profile' }), 'invalid_scope');
    await expectErrorPage(await getAuth({ scope: 'profile', response_type: 'post_message' }), 'invalid_scope');
  });

  test('an unknown scope is invalid_scope', async () => {
    expectRedirectError(await getAuth({ scope: 'openid email' }), 'invalid_scope');
  });

  test('an unsupported code_challenge_method is invalid_request', async () => {
    expectRedirectError(await getAuth({ code_challenge: pkce().challenge, code_challenge_method: 'S512' }), 'invalid_request');
  });

  test('a repeated parameter gets an error page', async () => {
    await expectErrorPage(await fetch(`${authUrl()}&state=again`, { redirect: 'manual' }), 'invalid_request');
  });
});

// ---- robustness --------------------------------------------------------------------------------

test.describe('bad input', () => {
  test('a body over 64 KB is refused with 413', async () => {
    const res = await fetch(mock.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': FORM }, body: 'a'.repeat(65 * 1024) });
    await expectOAuthError(res, 413, 'invalid_request');
  });

  test('a streamed body over 64 KB is refused with 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const init = { method: 'POST', headers: { 'Content-Type': FORM }, body, duplex: 'half' } as RequestInit;
    await expectOAuthError(await fetch(mock.tokenEndpoint, init), 413, 'invalid_request');
  });

  test('an unknown path answers 404 not_found', async () => {
    await expectOAuthError(await fetch(`${mock.issuer}/userinfo`), 404, 'not_found');
  });

  test('a wrong method answers 405 with an Allow header', async () => {
    const deleteToken = await fetch(mock.tokenEndpoint, { method: 'DELETE' });
    expect(deleteToken.headers.get('allow')).toBe('POST, GET');
    await expectOAuthError(deleteToken, 405, 'invalid_request');
    const postJwks = await fetch(mock.jwksUri, { method: 'POST' });
    expect(postJwks.headers.get('allow')).toBe('GET');
    expect(postJwks.status).toBe(405);
  });

  test('a malformed Basic header is 401 invalid_client', async () => {
    for (const authorization of ['Basic !!!not-base64', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Bearer abc']) {
      const res = await fetch(mock.tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': FORM, Authorization: authorization },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT }),
      });
      await expectOAuthError(res, 401, 'invalid_client');
    }
  });

  test('the control endpoint refuses invalid JSON and unknown fields, and the mock keeps answering', async () => {
    const post = (body: string) =>
      fetch(`${mock.issuer}/__mock/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    await expectOAuthError(await post('{not json'), 400, 'invalid_request');
    await expectOAuthError(await post('{"explode":true}'), 400, 'invalid_request');
    await expectOAuthError(await post('{"delay":null}'), 400, 'invalid_request');
    await expectOAuthError(await post('{"rotateKeys":"x"}'), 400, 'invalid_request');
    expect((await fetch(`${mock.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });

  test('the control endpoint does not exist unless enabled', async () => {
    const plain = await startMockTelegram({ port: 0, clock });
    try {
      const res = await fetch(`${plain.issuer}/__mock/control`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ autoConsent: true }),
      });
      await expectOAuthError(res, 404, 'not_found');
      expect((await fetch(`${plain.issuer}/.well-known/openid-configuration`)).status).toBe(200);
    } finally {
      await plain.stop();
    }
  });
});

test.describe('failure injection', () => {
  test.afterEach(async () => {
    await control({ reset: true });
  });

  test('fail with times 1 fails exactly one request', async () => {
    await control({ fail: { path: '/js/telegram-login.js', status: 404, times: 1 } });
    expect((await fetch(`${mock.libraryUrl}?22`)).status).toBe(404);
    const second = await fetch(mock.libraryUrl);
    expect(second.status).toBe(200);
    expect(second.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  test('delay holds a request for the given time', async () => {
    await control({ delay: { path: '/.well-known/jwks.json', ms: 300, times: 1 } });
    const started = performance.now();
    const res = await fetch(mock.jwksUri);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });
});

// ---- log ---------------------------------------------------------------------------------------

test.describe('request log', () => {
  const lines: string[] = [];
  let logged: MockTelegram;

  test.beforeAll(async () => {
    logged = await startMockTelegram({ port: 0, clock, onLog: (line) => lines.push(line) });
  });

  test.afterAll(async () => {
    await logged.stop();
  });

  test('logs one line per request with method, path and status, and no secret or code', async () => {
    const { verifier, challenge } = pkce();
    const code = await obtainCode({ code_challenge: challenge, code_challenge_method: 'S256' }, ALICE, logged);
    const idToken = await idTokenOf(await exchange(code, { code_verifier: verifier }, { target: logged, auth: 'post' }));
    await verify(idToken, DEFAULT_CLIENT.id, 'RS256', logged);
    await expectOAuthError(await exchange(code, {}, { target: logged }), 400, 'invalid_grant');

    // verify() fetched the JWKS too: five requests in all.
    await expect.poll(() => lines.length).toBe(5);
    expect(lines[0]).toMatch(/^GET \/auth 200 /);
    expect(lines[1]).toMatch(/^POST \/auth\/consent 302 /);
    expect(lines[2]).toMatch(/^POST \/token 200 /);
    expect(lines[3]).toMatch(/^GET \/\.well-known\/jwks\.json 200 /);
    expect(lines[4]).toMatch(/^POST \/token 400 invalid_grant /);
    for (const secret of [DEFAULT_CLIENT.secret, code, verifier, idToken]) {
      for (const line of lines) expect(line).not.toContain(secret);
    }
  });
});
