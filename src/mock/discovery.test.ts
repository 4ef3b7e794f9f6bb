import { expect, test } from '@playwright/test';
import { discoveryDocument } from './discovery.js';
import { decodeProtectedHeader } from 'jose';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from './server.js';
import {
  ALICE,
  clock,
  control,
  exchange,
  idTokenOf,
  jwksOf,
  mock,
  obtainCode,
  verify,
  useMock,
} from './test-fixtures.js';

useMock();

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

test('discoveryDocument builds every endpoint from the issuer it is given', () => {
  const document = discoveryDocument('https://mock.example');
  expect([document.issuer, document.authorization_endpoint, document.token_endpoint, document.jwks_uri]).toEqual([
    'https://mock.example',
    'https://mock.example/auth',
    'https://mock.example/token',
    'https://mock.example/.well-known/jwks.json',
  ]);
});
