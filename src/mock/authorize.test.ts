import { expect, test } from '@playwright/test';
import { parseAuthRequest } from './authorize.js';
import { createRegistry, DEFAULT_CLIENT } from './options.js';
import {
  ALICE,
  authResultOf,
  authUrl,
  CAROL,
  EDDSA_CLIENT,
  errorOf,
  consent,
  control,
  exchange,
  getAuth,
  idTokenOf,
  locationOf,
  openConsent,
  OTHER,
  OTHER_REDIRECT,
  pkce,
  REDIRECT,
  requestIdOf,
  verify,
  useMock,
} from './test-fixtures.js';

useMock();

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

test.describe('parseAuthRequest on its own', () => {
  const registry = createRegistry({ clients: [EDDSA_CLIENT] });
  const parse = (params: Record<string, string>) => parseAuthRequest(new Map(Object.entries(params)), registry, 'en');
  const code = { response_type: 'code', client_id: DEFAULT_CLIENT.id, redirect_uri: 'http://LOCALHOST:5173/cb', scope: 'openid profile openid', state: 's' };

  test('reads a valid code request, keeping the redirect URI as sent and defaulting PKCE to plain', () => {
    const challenge = 'a'.repeat(43);
    const request = parse({ ...code, code_challenge: challenge, nonce: 'n' });
    expect(request).toEqual({
      client: DEFAULT_CLIENT,
      responseType: 'code',
      redirectUri: new URL('http://localhost:5173/cb'),
      rawRedirectUri: 'http://LOCALHOST:5173/cb',
      scopes: ['openid', 'profile'],
      state: 's',
      nonce: 'n',
      codeChallenge: challenge,
      codeChallengeMethod: 'plain',
      lang: 'en',
    });
  });

  test('throws for what must not be redirected: an unknown client or a redirect URI outside the Allowed URLs', async () => {
    expect(await errorOf(() => parse({ ...code, client_id: '1' }))).toMatchObject({ status: 400, code: 'invalid_client', message: 'unknown client_id 1' });
    expect(await errorOf(() => parse({ ...code, redirect_uri: 'https://evil.example/cb' }))).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: "redirect_uri https://evil.example/cb is not in the bot's Allowed URLs",
    });
  });

  test('returns errors that go back to a trusted redirect URI, with the request to send them to', () => {
    const result = parse({ ...code, client_id: EDDSA_CLIENT.id });
    expect('redirectError' in result && { code: result.redirectError.code, message: result.redirectError.message, state: result.to.state }).toEqual({
      code: 'invalid_scope',
      message: 'bots that sign with EdDSA may only request the "openid" scope',
      state: 's',
    });
  });
});

test.describe('the phone number on the consent page', () => {
  test('is a ticked box when phone is requested, and absent otherwise', async () => {
    const asked = await (await getAuth({ scope: 'openid profile phone' })).text();
    expect(asked).toContain('<label><input type="checkbox" name="share_phone" value="yes" checked> Your phone number</label>');
    expect(asked).toContain('<input type="hidden" name="phone_asked" value="yes">');
    const notAsked = await (await getAuth({ scope: 'openid profile' })).text();
    expect(notAsked).not.toContain('share_phone');
    expect(notAsked).not.toContain('Your phone number');
  });

  test('lists every default user with their phone number', async () => {
    const html = await (await getAuth()).text();
    for (const phone of ['+15550100001', '+15550100002', '+15550100003', '+15550100004']) expect(html).toContain(phone);
    expect(html).not.toContain('no phone number');
  });
});
