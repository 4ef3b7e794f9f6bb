import { expect, test } from '@playwright/test';
import { base64url, exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { verifyIdToken, type VerifyIdTokenOptions } from './verify-id-token.js';
import {
  ALICE,
  claimsOf,
  clock,
  EDDSA_CLIENT,
  encodeJson,
  ES256_CLIENT,
  failureOf,
  forgedClaims,
  foreignKey,
  mintIdToken,
  partsOf,
  START,
  START_S,
  startForger,
  type Forger,
} from './verify-id-token.test-support.js';

let mock: MockTelegram;
/** A real RS256 token from the mock, with nonce `nonce-1`. */
let realToken: string;

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, control: true, clock, autoConsent: true, clients: [ES256_CLIENT, EDDSA_CLIENT] });
  realToken = await mintIdToken(mock, { nonce: 'nonce-1' });
});

test.afterAll(async () => {
  await mock.stop();
});

// ---- helpers ----------------------------------------------------------------------------------

function options(overrides: Partial<VerifyIdTokenOptions> = {}, target = mock): VerifyIdTokenOptions {
  return { clientId: DEFAULT_CLIENT.id, issuer: target.issuer, currentDate: new Date(START), ...overrides };
}

async function mockRsaJwk(target = mock): Promise<JWK> {
  const { keys } = (await (await fetch(target.jwksUri)).json()) as { keys: JWK[] };
  return keys.find((key) => key.kid === 'oidc-1')!;
}

// ---- accepted ----------------------------------------------------------------------------------

test.describe('accepts', () => {
  test('a real RS256 token, returning its typed claims', async () => {
    const claims = await verifyIdToken(realToken, options({ nonce: 'nonce-1' }));
    expect(claims).toMatchObject({
      iss: mock.issuer,
      aud: DEFAULT_CLIENT.id,
      iat: START_S,
      exp: START_S + 3600,
      nonce: 'nonce-1',
      id: ALICE,
      name: 'Alice Anderson',
      preferred_username: 'alice',
    });
    expect(claims.sub).toMatch(/^\d{19}$/);
  });

  test('a numeric clientId, compared as a string with "aud"', async () => {
    expect((await verifyIdToken(realToken, options({ clientId: Number(DEFAULT_CLIENT.id) }))).aud).toBe(DEFAULT_CLIENT.id);
  });

  test('an expired token within the clock tolerance, and not with clockTolerance 0', async () => {
    const justExpired = new Date(START + 3600_000 + 20_000);
    await verifyIdToken(realToken, options({ currentDate: justExpired }));
    expect(await failureOf(verifyIdToken(realToken, options({ currentDate: justExpired, clockTolerance: 0 })))).toMatchObject({ code: 'id_token_expired' });
  });

  test('ES256 and EdDSA tokens when their algorithm is listed', async () => {
    const es256 = await mintIdToken(mock, { client: ES256_CLIENT });
    const eddsa = await mintIdToken(mock, { client: EDDSA_CLIENT, scope: 'openid' });
    expect((await verifyIdToken(es256, options({ clientId: ES256_CLIENT.id, algorithms: ['RS256', 'ES256'] }))).aud).toBe(ES256_CLIENT.id);
    expect((await verifyIdToken(eddsa, options({ clientId: EDDSA_CLIENT.id, algorithms: ['EdDSA'] }))).aud).toBe(EDDSA_CLIENT.id);
  });

  test('a polluted Object.prototype does not loosen the checks: only the options given count', async () => {
    const polluted = Object.prototype as Record<string, unknown>;
    const twoHoursLater = new Date(START + 2 * 3600_000);
    try {
      Object.assign(polluted, { clockTolerance: 1e9, algorithms: ['RS256', 'ES256', 'EdDSA'], issuer: 'https://anything.example' });
      expect(await failureOf(verifyIdToken(realToken, options({ currentDate: twoHoursLater })))).toMatchObject({ code: 'id_token_expired' });
    } finally {
      for (const key of ['clockTolerance', 'algorithms', 'issuer']) delete polluted[key];
    }
  });

  test('refuses unsupported algorithms and a missing clientId as misuse (TypeError)', async () => {
    await expect(verifyIdToken(realToken, options({ algorithms: ['HS256'] as never }))).rejects.toThrow(TypeError);
    await expect(verifyIdToken(realToken, options({ algorithms: [] }))).rejects.toThrow(TypeError);
    await expect(verifyIdToken(realToken, { clientId: '' })).rejects.toThrow(TypeError);
  });
});

// ---- the negative matrix -----------------------------------------------------------------------

interface Case {
  name: string;
  token: () => Promise<string>;
  options?: () => Promise<Partial<VerifyIdTokenOptions>> | Partial<VerifyIdTokenOptions>;
  expected: { code: string; reason?: string; message: string };
}

const invalid = (reason: string, message: string) => ({ code: 'id_token_invalid', reason, message });

const MOCK_CASES: Case[] = [
  {
    name: 'alg "none"',
    token: async () => new UnsecuredJWT(claimsOf(realToken)).encode(),
    expected: invalid('alg', 'unexpected "alg" header value'),
  },
  {
    name: 'HS256 signed with the RSA public key as the HMAC secret',
    token: async () => {
      const publicKey = await importJWK(await mockRsaJwk(), 'RS256', { extractable: true });
      const secret = new TextEncoder().encode(await exportSPKI(publicKey as CryptoKey));
      return new SignJWT(claimsOf(realToken)).setProtectedHeader({ alg: 'HS256', kid: 'oidc-1' }).sign(secret);
    },
    expected: invalid('alg', 'unexpected "alg" header value'),
  },
  {
    name: 'HS256 even when the caller lists only RS256 and the key exists',
    token: async () => new SignJWT(claimsOf(realToken)).setProtectedHeader({ alg: 'HS256', kid: 'oidc-1' }).sign(new Uint8Array(32)),
    options: () => ({ algorithms: ['RS256'] }),
    expected: invalid('alg', 'unexpected "alg" header value'),
  },
  {
    name: 'a kid that is not in the JWKS (a foreign key)',
    token: async () => new SignJWT(claimsOf(realToken)).setProtectedHeader({ alg: 'RS256', kid: 'oidc-unknown' }).sign(await foreignKey()),
    expected: invalid('kid', 'no key in the jwks matches the "kid" header'),
  },
  {
    name: 'a foreign key posing as kid "oidc-1"',
    token: async () => new SignJWT(claimsOf(realToken)).setProtectedHeader({ alg: 'RS256', kid: 'oidc-1' }).sign(await foreignKey()),
    expected: invalid('signature', 'signature verification failed'),
  },
  {
    name: 'a foreign key embedded in the "jwk" header',
    token: async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      return new SignJWT(claimsOf(realToken)).setProtectedHeader({ alg: 'RS256', kid: 'oidc-1', jwk: await exportJWK(publicKey) }).sign(privateKey);
    },
    expected: invalid('signature', 'signature verification failed'),
  },
  {
    name: 'a tampered payload (another user id)',
    token: async () => {
      const [header, , signature] = partsOf(realToken);
      return `${header}.${encodeJson({ ...claimsOf(realToken), id: 999 })}.${signature}`;
    },
    expected: invalid('signature', 'signature verification failed'),
  },
  {
    name: 'a tampered signature',
    token: async () => {
      const [header, payload, signature] = partsOf(realToken);
      const middle = Math.floor(signature.length / 2);
      const flipped = signature[middle] === 'A' ? 'B' : 'A';
      return `${header}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
    },
    expected: invalid('signature', 'signature verification failed'),
  },
  {
    name: 'a wrong "iss" (Telegram expected, the mock signed)',
    token: async () => realToken,
    options: () => ({ issuer: 'https://oauth.telegram.org', jwksUri: mock.jwksUri }),
    expected: invalid('iss', 'unexpected "iss" claim value'),
  },
  {
    name: 'a wrong "aud" (another bot)',
    token: async () => realToken,
    options: () => ({ clientId: '7700000009' }),
    expected: invalid('aud', 'unexpected "aud" claim value'),
  },
  {
    name: 'an expired token',
    token: async () => realToken,
    options: () => ({ currentDate: new Date(START + 2 * 3600_000) }),
    expected: { code: 'id_token_expired', message: '"exp" claim timestamp check failed' },
  },
  {
    name: 'a token older than maxAge',
    token: async () => realToken,
    options: () => ({ maxAge: 300, currentDate: new Date(START + 600_000) }),
    expected: { code: 'id_token_expired', message: '"iat" claim is older than maxAge' },
  },
  {
    name: 'a token issued in the future',
    token: async () => realToken,
    options: () => ({ currentDate: new Date(START - 120_000) }),
    expected: invalid('iat', '"iat" claim is in the future'),
  },
  {
    name: 'a missing nonce when one is expected',
    token: () => mintIdToken(mock),
    options: () => ({ nonce: 'nonce-1' }),
    expected: { code: 'nonce_mismatch', message: 'missing "nonce" claim' },
  },
  {
    name: 'a wrong nonce',
    token: async () => realToken,
    options: () => ({ nonce: 'nonce-2' }),
    expected: { code: 'nonce_mismatch', message: 'unexpected "nonce" claim value' },
  },
  {
    name: 'an empty string',
    token: async () => '',
    expected: invalid('malformed', '"id_token" must be a non-empty string'),
  },
  {
    name: 'two parts instead of three',
    token: async () => partsOf(realToken).slice(0, 2).join('.'),
    expected: invalid('malformed', 'malformed "id_token"'),
  },
  {
    name: 'a header that is not base64url',
    token: async () => ['%%%', ...partsOf(realToken).slice(1)].join('.'),
    expected: invalid('malformed', 'malformed "id_token"'),
  },
  {
    name: 'a header that is not JSON',
    token: async () => [base64url.encode('not json'), ...partsOf(realToken).slice(1)].join('.'),
    expected: invalid('malformed', 'malformed "id_token"'),
  },
  {
    name: 'a token over 16 KB, refused before parsing',
    token: async () => {
      const [header, , signature] = partsOf(realToken);
      return `${header}.${'A'.repeat(16 * 1024)}.${signature}`;
    },
    expected: invalid('size', '"id_token" is longer than 16384 characters'),
  },
  {
    name: 'an ES256 token when only RS256 is allowed (the default)',
    token: () => mintIdToken(mock, { client: ES256_CLIENT }),
    options: () => ({ clientId: ES256_CLIENT.id }),
    expected: invalid('alg', 'unexpected "alg" header value'),
  },
  {
    name: 'an EdDSA token when only RS256 is allowed (the default)',
    token: () => mintIdToken(mock, { client: EDDSA_CLIENT, scope: 'openid' }),
    options: () => ({ clientId: EDDSA_CLIENT.id }),
    expected: invalid('alg', 'unexpected "alg" header value'),
  },
  {
    name: 'an RS256 token when only ES256 is allowed',
    token: async () => realToken,
    options: () => ({ algorithms: ['ES256'] }),
    expected: invalid('alg', 'unexpected "alg" header value'),
  },
];

test.describe('rejects, with the exact code, reason and message', () => {
  for (const { name, token, options: overrides, expected } of MOCK_CASES) {
    test(name, async () => {
      expect(await failureOf(verifyIdToken(await token(), options(await overrides?.())))).toEqual(expected);
    });
  }
});

test.describe('rejects validly signed tokens with bad claims', () => {
  let forger: Forger;

  test.beforeAll(async () => {
    forger = await startForger();
  });

  test.afterAll(async () => {
    await forger.stop();
  });

  function forgedOptions(): VerifyIdTokenOptions {
    return options({ issuer: forger.issuer, jwksUri: forger.jwksUri });
  }

  test('the forger itself produces tokens that verify (the cases below fail for their claim alone)', async () => {
    expect((await verifyIdToken(await forger.sign(forgedClaims(forger)), forgedOptions())).sub).toBe('1234567890123456789');
  });

  test('a payload that is not JSON', async () => {
    const token = await forger.signBytes(new TextEncoder().encode('not json'));
    expect(await failureOf(verifyIdToken(token, forgedOptions()))).toEqual(invalid('malformed', 'malformed "id_token"'));
  });

  test('a payload that is a JSON array', async () => {
    const token = await forger.signBytes(new TextEncoder().encode('[1,2]'));
    expect(await failureOf(verifyIdToken(token, forgedOptions()))).toEqual(invalid('malformed', 'malformed "id_token"'));
  });

  test('a missing "sub"', async () => {
    const { sub: _sub, ...withoutSub } = forgedClaims(forger);
    const token = await forger.sign(withoutSub);
    expect(await failureOf(verifyIdToken(token, forgedOptions()))).toEqual(invalid('claims', 'missing required "sub" claim'));
  });

  test('an "aud" array that contains the client id', async () => {
    const token = await forger.sign(forgedClaims(forger, { aud: [DEFAULT_CLIENT.id, 'someone-else'] }));
    expect(await failureOf(verifyIdToken(token, forgedOptions()))).toEqual(invalid('aud', 'unexpected "aud" claim value'));
  });

  test('an "iat" that is not a number', async () => {
    const token = await forger.sign(forgedClaims(forger, { iat: 'yesterday' as never }));
    expect(await failureOf(verifyIdToken(token, forgedOptions()))).toEqual(invalid('iat', '"iat" claim must be a number'));
  });

  test('a missing "iss"', async () => {
    const { iss: _iss, ...withoutIss } = forgedClaims(forger);
    const token = await forger.sign(withoutIss);
    expect(await failureOf(verifyIdToken(token, forgedOptions()))).toEqual(invalid('iss', 'missing required "iss" claim'));
  });
});
