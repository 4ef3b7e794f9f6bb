import { expect, test } from '@playwright/test';
import { decodeProtectedHeader } from 'jose';
import { DEFAULT_CLIENT, startMockTelegram } from './server.js';
import {
  ALICE,
  authResultOf,
  BOB,
  CAROL,
  clock,
  consent,
  DMITRY,
  EDDSA_CLIENT,
  ES256_CLIENT,
  exchange,
  getAuth,
  idTokenOf,
  locationOf,
  login,
  mock,
  obtainCode,
  openConsent,
  OTHER,
  OTHER_REDIRECT,
  REDIRECT,
  START,
  verify,
  useMock,
} from './test-fixtures.js';

useMock();

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

  test('every default user has a phone number, as every Telegram account does', async () => {
    const phones: Record<number, unknown> = {};
    for (const user of mock.users) phones[user.id] = (await login({ scope: 'openid phone' }, user.id)).phone_number;
    expect(phones).toEqual({ [ALICE]: '15550100001', [DMITRY]: '15550100002', [BOB]: '15550100003', [CAROL]: '15550100004' });
  });

  test('phone adds nothing when the user unticks the phone number on the consent page', async () => {
    const requestId = await openConsent({ scope: 'openid phone' });
    const location = locationOf(await consent(requestId, 'allow', ALICE, mock, { phone_asked: 'yes' }));
    const { payload } = await verify(await idTokenOf(await exchange(location.searchParams.get('code')!)));
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
  });

  test('phone adds nothing for a configured user without a phone', async () => {
    const phoneless = await startMockTelegram({ port: 0, clock, autoConsent: true, users: [{ id: 42, firstName: 'Nophone' }] });
    try {
      const location = locationOf(await getAuth({ scope: 'openid phone' }, phoneless));
      const idToken = await idTokenOf(await exchange(location.searchParams.get('code')!, {}, { target: phoneless }));
      expect((await verify(idToken, DEFAULT_CLIENT.id, 'RS256', phoneless)).payload).not.toHaveProperty('phone_number');
    } finally {
      await phoneless.stop();
    }
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
