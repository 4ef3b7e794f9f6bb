import { expect, test } from '@playwright/test';
import { createRegistry } from './options.js';
import { authenticateClient, checkVerifier } from './token.js';
import { DEFAULT_CLIENT } from './server.js';
import {
  advanceClock,
  basicAuth,
  control,
  errorOf,
  exchange,
  expectOAuthError,
  FORM,
  idTokenOf,
  mock,
  obtainCode,
  OTHER,
  pkce,
  REDIRECT,
  verify,
  useMock,
} from './test-fixtures.js';

useMock();

/** A fresh code for REDIRECT, straight from the mock: these tests are about /token, not the consent page. */
const newCode = () => mock.authorizeCode({ redirectUri: REDIRECT });

test.describe('token endpoint', () => {
  test.afterEach(async () => {
    await control({ reset: true });
  });

  test('exchanges a code with client_secret_basic', async () => {
    const res = await exchange(await newCode());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, id_token: expect.any(String) });
    await verify(body.id_token as string);
  });

  test('exchanges a code with client_secret_post', async () => {
    const res = await exchange(await newCode(), {}, { auth: 'post' });
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
    const res = await exchange(await newCode(), { client_id: DEFAULT_CLIENT.id }, { auth: 'none' });
    await expectOAuthError(res, 401, 'invalid_client');
  });

  test('refuses a wrong secret sent with Basic with 401 invalid_client and a Basic challenge', async () => {
    const res = await exchange(await newCode(), {}, { client: { id: DEFAULT_CLIENT.id, secret: 'wrong' } });
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    await expectOAuthError(res, 401, 'invalid_client');
  });

  test('refuses a wrong client_secret in the body with 401 invalid_client', async () => {
    const res = await exchange(await newCode(), {}, { auth: 'post', client: { id: DEFAULT_CLIENT.id, secret: 'wrong' } });
    await expectOAuthError(res, 401, 'invalid_client');
  });

  test('refuses Basic and client_secret together with invalid_request', async () => {
    const res = await exchange(await newCode(), { client_secret: DEFAULT_CLIENT.secret });
    await expectOAuthError(res, 400, 'invalid_request');
  });

  test('refuses an unknown code with invalid_grant', async () => {
    await expectOAuthError(await exchange('no-such-code'), 400, 'invalid_grant');
  });

  test('a code can be exchanged only once', async () => {
    const code = await newCode();
    await verify(await idTokenOf(await exchange(code)));
    await expectOAuthError(await exchange(code), 400, 'invalid_grant');
  });

  test('a code still works after 59 seconds and expires at 60 seconds', async () => {
    const fresh = await newCode();
    advanceClock(59_000);
    await verify(await idTokenOf(await exchange(fresh)));

    const stale = await newCode();
    advanceClock(60_000);
    await expectOAuthError(await exchange(stale), 400, 'invalid_grant');
  });

  test('refuses a code issued to another client with invalid_grant', async () => {
    const code = await newCode();
    await expectOAuthError(await exchange(code, {}, { client: OTHER }), 400, 'invalid_grant');
  });

  test('requires redirect_uri (invalid_request) and the one sent to /auth (invalid_grant)', async () => {
    await expectOAuthError(await exchange(await newCode(), { redirect_uri: undefined }), 400, 'invalid_request');
    await expectOAuthError(await exchange(await newCode(), { redirect_uri: 'http://localhost:5173/other' }), 400, 'invalid_grant');
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
    await expectOAuthError(await exchange(await newCode(), { code_verifier: pkce().verifier }), 400, 'invalid_grant');
  });

  test('refuses a repeated parameter with invalid_request', async () => {
    const code = await newCode();
    const res = await fetch(mock.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': FORM, Authorization: basicAuth(DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret) },
      body: `grant_type=authorization_code&code=${code}&code=${code}&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    });
    await expectOAuthError(res, 400, 'invalid_request');
  });

  test('control tokenError fails exactly the next token request', async () => {
    await control({ tokenError: { error: 'invalid_grant', error_description: 'x', status: 400 } });
    const failed = await exchange(await newCode());
    expect(failed.status).toBe(400);
    expect(await failed.json()).toEqual({ error: 'invalid_grant', error_description: 'x' });
    await verify(await idTokenOf(await exchange(await newCode())));
  });
});

test.describe('bad client authentication', () => {
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

});

test.describe('client authentication and PKCE on their own', () => {
  const registry = createRegistry({ clients: [OTHER] });
  const form = (fields: Record<string, string>) => new Map(Object.entries(fields));

  test('authenticateClient accepts Basic (form-encoded halves) or client_secret_post, and returns the client', () => {
    const spaced = createRegistry({ clients: [{ id: 9, secret: 'a b+c' }] });
    expect(authenticateClient(basicAuth('9', 'a b+c'), form({}), spaced).id).toBe('9');
    expect(authenticateClient(undefined, form({ client_id: OTHER.id, client_secret: OTHER.secret }), registry).id).toBe(OTHER.id);
  });

  test('authenticateClient refuses both methods at once, none, a wrong secret, and a client_id that contradicts Basic', async () => {
    const basic = basicAuth(OTHER.id, OTHER.secret);
    const cases: Array<[string | undefined, Record<string, string>, number, string, string]> = [
      [basic, { client_secret: OTHER.secret }, 400, 'invalid_request', 'use one client authentication method, not both Basic and client_secret'],
      [undefined, { client_id: OTHER.id }, 401, 'invalid_client', 'client authentication required (client_secret_basic or client_secret_post)'],
      [basicAuth(OTHER.id, 'wrong'), {}, 401, 'invalid_client', 'client authentication failed'],
      [basic, { client_id: DEFAULT_CLIENT.id }, 401, 'invalid_client', 'client_id does not match the authenticated client'],
    ];
    for (const [authorization, fields, status, code, message] of cases) {
      expect(await errorOf(() => authenticateClient(authorization, form(fields), registry))).toMatchObject({ status, code, message });
    }
  });

  test('checkVerifier accepts the RFC 7636 appendix B pair and refuses another verifier', async () => {
    const issued = { codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', codeChallengeMethod: 'S256' as const };
    await checkVerifier(issued, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(await errorOf(() => checkVerifier(issued, 'x'.repeat(43)))).toMatchObject({ code: 'invalid_grant', message: 'code_verifier does not match the code_challenge' });
    expect(await errorOf(() => checkVerifier(issued, undefined))).toMatchObject({ code: 'invalid_grant', message: 'code_verifier required' });
    expect(await errorOf(() => checkVerifier({}, 'x'.repeat(43)))).toMatchObject({ code: 'invalid_grant' });
  });
});
