import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { authorizeCode, DEFAULT_CLIENT, mintIdToken, startMockTelegram } from './index.js';
import {
  ALICE,
  CAROL,
  clock,
  control,
  DMITRY,
  EDDSA_CLIENT,
  errorOf,
  ES256_CLIENT,
  exchange,
  expectOAuthError,
  getAuth,
  idTokenOf,
  locationOf,
  mock,
  OTHER,
  OTHER_REDIRECT,
  pkce,
  REDIRECT,
  START,
  advanceClock,
  useMock,
  verify,
} from './test-fixtures.js';

useMock();

const verifier = () => randomBytes(32).toString('base64url');

test.describe('mintIdToken', () => {
  test('with no options: a token for the default client about the first user, verifiable against the JWKS', async () => {
    const idToken = await mock.mintIdToken();
    expect(decodeProtectedHeader(idToken)).toEqual({ alg: 'RS256', kid: 'oidc-1', typ: 'JWT' });
    const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(mock.jwksUri)), {
      issuer: mock.issuer,
      audience: DEFAULT_CLIENT.id,
      algorithms: ['RS256'],
      currentDate: new Date(clock()),
    });
    expect(payload).toEqual({
      iss: mock.issuer,
      aud: DEFAULT_CLIENT.id,
      sub: expect.stringMatching(/^[1-9]\d{18}$/),
      iat: START / 1000,
      exp: START / 1000 + 3600,
      id: ALICE,
      name: 'Alice Anderson',
      given_name: 'Alice',
      family_name: 'Anderson',
      preferred_username: 'alice',
      picture: `${mock.issuer}/avatars/${ALICE}.svg`,
    });
  });

  test('gives exactly the claims a login through /auth and /token gives', async () => {
    await control({ autoConsent: { userId: DMITRY } });
    try {
      const code = locationOf(await getAuth({ scope: 'openid profile phone', nonce: 'n-1' })).searchParams.get('code')!;
      const viaToken = (await verify(await idTokenOf(await exchange(code)))).payload;
      const minted = (await verify(await mock.mintIdToken({ user: DMITRY, scope: 'openid profile phone', nonce: 'n-1' }))).payload;
      expect(minted).toEqual(viaToken);
    } finally {
      await control({ reset: true });
    }
  });

  test('signs with the client\'s algorithm, or with alg to test algorithm pinning', async () => {
    const es256 = await mock.mintIdToken({ clientId: ES256_CLIENT.id, user: CAROL, scope: ['openid', 'phone'] });
    expect(decodeProtectedHeader(es256)).toMatchObject({ alg: 'ES256', kid: 'oidc-es256-1' });
    expect((await verify(es256, ES256_CLIENT.id, 'ES256')).payload).toMatchObject({ aud: ES256_CLIENT.id, phone_number: '15550100004' });

    const wrongAlg = await mock.mintIdToken({ alg: 'ES256' });
    expect(decodeProtectedHeader(wrongAlg).alg).toBe('ES256');
    await expect(verify(wrongAlg, DEFAULT_CLIENT.id, 'RS256')).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  });

  test('takes a user of your own and an issue time, for names and expiry your tests need', async () => {
    const issuedAt = START - 2 * 3600_000;
    const idToken = await mock.mintIdToken({ user: { id: 777, firstName: '<img src=x>', username: 'own' }, issuedAt });
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ id: 777, name: '<img src=x>', preferred_username: 'own', iat: issuedAt / 1000, exp: issuedAt / 1000 + 3600 });
    await expect(verify(idToken)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });

  test('refuses what the mock would never issue, with a TypeError naming the option and an OAuth code', async () => {
    const cases: Array<[Parameters<typeof mock.mintIdToken>[0], string, string]> = [
      [{ clientId: 123 }, 'invalid_client', `mintIdToken: "clientId" 123 is not a client of this mock (it has ${DEFAULT_CLIENT.id}, ${OTHER.id}, ${ES256_CLIENT.id}, ${EDDSA_CLIENT.id}); register it with the clients option`],
      [{ user: 5 }, 'invalid_request', 'mintIdToken: "user" 5 is not a user of this mock (it has 100001, 100002, 100003, 100004)'],
      [{ user: { id: 5, firstName: 'X', phoneNumber: '+1' } }, 'invalid_request', 'mintIdToken: "user": mock user 5: phoneNumber is digits without "+"'],
      [{ scope: 'profile' }, 'invalid_scope', 'mintIdToken: "scope" must include "openid", got "profile"'],
      [{ scope: 'openid email' }, 'invalid_scope', 'mintIdToken: "scope" has email; the mock knows openid profile phone telegram:bot_access'],
      [{ clientId: EDDSA_CLIENT.id, scope: 'openid profile' }, 'invalid_scope', 'mintIdToken: "scope": tokens signed with EdDSA may only carry the "openid" scope, as on Telegram'],
      [{ alg: 'HS256' as never }, 'invalid_request', 'mintIdToken: "alg" must be one of RS256, ES256, EdDSA, got "HS256"'],
      [{ nonce: '' }, 'invalid_request', 'mintIdToken: "nonce" must be a non-empty string, got ""'],
      [null as never, 'invalid_request', 'mintIdToken: pass an options object or nothing, got null'],
    ];
    for (const [options, code, message] of cases) {
      const error = await errorOf(() => mock.mintIdToken(options));
      expect(error).toBeInstanceOf(TypeError);
      expect({ code: (error as { code?: string }).code, message: (error as Error).message }).toEqual({ code, message });
    }
  });

  test('an EdDSA client gets openid alone by default, the only scope it may carry', async () => {
    const { payload } = await verify(await mock.mintIdToken({ clientId: EDDSA_CLIENT.id }), EDDSA_CLIENT.id, 'EdDSA');
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
  });

  test('signs with the newest keys after a rotation', async () => {
    const rotating = await startMockTelegram({ port: 0, clock });
    try {
      await rotating.control({ rotateKeys: true });
      const idToken = await mintIdToken(rotating);
      expect(decodeProtectedHeader(idToken).kid).toBe('oidc-2');
      await verify(idToken, DEFAULT_CLIENT.id, 'RS256', rotating);
    } finally {
      await rotating.stop();
    }
  });

  test('the exported function is the same as the method', async () => {
    const { payload } = await verify(await mintIdToken(mock, { scope: 'openid', nonce: 'x' }));
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'nonce', 'sub']);
  });
});

test.describe('authorizeCode', () => {
  test('gives a code that /token redeems once, with the verifier, for the chosen user and nonce', async () => {
    const codeVerifier = verifier();
    const code = await mock.authorizeCode({ redirectUri: REDIRECT, codeVerifier, userId: CAROL, scope: 'openid phone', nonce: 'n-2' });
    const { payload } = await verify(await idTokenOf(await exchange(code, { code_verifier: codeVerifier })));
    expect(payload).toMatchObject({ aud: DEFAULT_CLIENT.id, nonce: 'n-2', phone_number: '15550100004' });
    await expectOAuthError(await exchange(code, { code_verifier: codeVerifier }), 400, 'invalid_grant');
  });

  test('binds the code to a challenge (S256 by default, or plain) or to no PKCE at all, as /auth does', async () => {
    const s256 = pkce('S256');
    await verify(await idTokenOf(await exchange(await mock.authorizeCode({ redirectUri: REDIRECT, codeChallenge: s256.challenge }), { code_verifier: s256.verifier })));
    await expectOAuthError(await exchange(await mock.authorizeCode({ redirectUri: REDIRECT, codeChallenge: s256.challenge }), { code_verifier: verifier() }), 400, 'invalid_grant');
    const plain = pkce('plain');
    const plainCode = await mock.authorizeCode({ redirectUri: REDIRECT, codeChallenge: plain.challenge, codeChallengeMethod: 'plain' });
    await verify(await idTokenOf(await exchange(plainCode, { code_verifier: plain.verifier })));
    await verify(await idTokenOf(await exchange(await mock.authorizeCode({ redirectUri: REDIRECT }))));
  });

  test('a code for another client needs that client\'s secret and its own redirect URI', async () => {
    const code = await authorizeCode(mock, { clientId: OTHER.id, redirectUri: OTHER_REDIRECT, userId: ALICE });
    await expectOAuthError(await exchange(code, { redirect_uri: OTHER_REDIRECT }), 400, 'invalid_grant');
    const again = await authorizeCode(mock, { clientId: Number(OTHER.id), redirectUri: OTHER_REDIRECT });
    const { payload } = await verify(await idTokenOf(await exchange(again, { redirect_uri: OTHER_REDIRECT }, { client: OTHER })), OTHER.id);
    expect(payload.aud).toBe(OTHER.id);
  });

  test('a code expires after 60 seconds, like one from /auth', async () => {
    const code = await mock.authorizeCode({ redirectUri: REDIRECT });
    advanceClock(60_000);
    await expectOAuthError(await exchange(code), 400, 'invalid_grant');
  });

  test('refuses a request /auth would refuse, with a TypeError naming the option', async () => {
    const cases: Array<[Parameters<typeof mock.authorizeCode>[0], string, string]> = [
      [
        { redirectUri: 'https://evil.example/callback' },
        'invalid_request',
        `authorizeCode: "redirectUri" https://evil.example/callback is not in the bot's Allowed URLs; client ${DEFAULT_CLIENT.id} allows http://localhost:*/* http://127.0.0.1:*/* (set allowedUrls in the clients option)`,
      ],
      [{ redirectUri: '' }, 'invalid_request', 'authorizeCode: "redirectUri" is required: the callback URL your server sends to /auth and to /token, got ""'],
      [{ redirectUri: REDIRECT, codeVerifier: 'short' }, 'invalid_request', 'authorizeCode: "codeVerifier" must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1)'],
      [{ redirectUri: REDIRECT, codeChallenge: 'short' }, 'invalid_request', 'authorizeCode: "codeChallenge" must be 43 to 128 unreserved characters'],
      [{ redirectUri: REDIRECT, codeVerifier: verifier(), codeChallenge: verifier() } as never, 'invalid_request', 'authorizeCode: pass "codeVerifier" or "codeChallenge", not both'],
      [{ redirectUri: REDIRECT, scope: 'openid email' }, 'invalid_scope', 'authorizeCode: "scope" has email; the mock knows openid profile phone telegram:bot_access'],
      [{ redirectUri: REDIRECT, userId: 9 }, 'invalid_request', 'authorizeCode: "userId" 9 is not a user of this mock (it has 100001, 100002, 100003, 100004)'],
      [{ redirectUri: REDIRECT, clientId: '1' }, 'invalid_client', `authorizeCode: "clientId" "1" is not a client of this mock (it has ${DEFAULT_CLIENT.id}, ${OTHER.id}, ${ES256_CLIENT.id}, ${EDDSA_CLIENT.id}); register it with the clients option`],
    ];
    for (const [options, code, message] of cases) {
      const error = await errorOf(() => mock.authorizeCode(options));
      expect(error).toBeInstanceOf(TypeError);
      expect({ code: (error as { code?: string }).code, message: (error as Error).message }).toEqual({ code, message });
    }
  });
});
