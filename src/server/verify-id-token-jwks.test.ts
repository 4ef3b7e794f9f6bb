import { expect, test } from '@playwright/test';
import { base64url, SignJWT } from 'jose';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { verifyIdToken, type VerifyIdTokenOptions } from './verify-id-token.js';
import {
  claimsOf,
  clock,
  failureOf,
  forgedClaims,
  foreignKey,
  jwksRequests,
  mintIdToken,
  partsOf,
  START,
  startForger,
  withClockAhead,
} from './verify-id-token.test-support.js';

function options(overrides: Partial<VerifyIdTokenOptions>, target?: MockTelegram): VerifyIdTokenOptions {
  return { clientId: DEFAULT_CLIENT.id, issuer: target?.issuer ?? '', currentDate: new Date(START), ...overrides };
}

// ---- the JWKS ----------------------------------------------------------------------------------

test.describe('reports jwks_unavailable', () => {
  let ephemeral: MockTelegram;
  let token: string;

  test.beforeEach(async () => {
    ephemeral = await startMockTelegram({ port: 0, control: true, clock, autoConsent: true });
    token = await mintIdToken(ephemeral);
  });

  test.afterEach(async () => {
    await ephemeral.stop();
  });

  test('when the provider is down', async () => {
    await ephemeral.stop();
    expect(await failureOf(verifyIdToken(token, options({}, ephemeral)))).toMatchObject({ code: 'jwks_unavailable' });
  });

  test('when the JWKS answers an error status', async () => {
    await ephemeral.control({ fail: { path: '/.well-known/jwks.json', status: 503, times: 1 } });
    expect(await failureOf(verifyIdToken(token, options({}, ephemeral)))).toMatchObject({ code: 'jwks_unavailable' });
    // The failure is not cached: the next call fetches again and succeeds.
    expect((await verifyIdToken(token, options({}, ephemeral))).aud).toBe(DEFAULT_CLIENT.id);
  });

  test('when the JWKS hangs past jwksTimeout', async () => {
    await ephemeral.control({ delay: { path: '/.well-known/jwks.json', ms: 20_000, times: 1 } });
    const started = performance.now();
    expect(await failureOf(verifyIdToken(token, options({ jwksTimeout: 300 }, ephemeral)))).toEqual({
      code: 'jwks_unavailable',
      message: '"jwks_uri" did not answer within 300 ms',
    });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test('when the JWKS is not a key set', async () => {
    const forger = await startForger();
    try {
      forger.serveJwks(JSON.stringify({ keys: 'none' }));
      const token = await forger.sign(forgedClaims(forger));
      expect(await failureOf(verifyIdToken(token, options({ issuer: forger.issuer, jwksUri: forger.jwksUri })))).toMatchObject({
        code: 'jwks_unavailable',
      });
    } finally {
      await forger.stop();
    }
  });
});

test.describe('key rotation', () => {
  let rotating: MockTelegram;
  let lines: string[];

  test.beforeEach(async () => {
    lines = [];
    rotating = await startMockTelegram({ port: 0, control: true, clock, autoConsent: true, onLog: (line) => lines.push(line) });
  });

  test.afterEach(async () => {
    await rotating.stop();
  });

  test('a token with a new kid verifies after one refetch once the cooldown has passed', async () => {
    await verifyIdToken(await mintIdToken(rotating), options({}, rotating));
    expect(jwksRequests(lines)).toBe(1);
    await rotating.control({ rotateKeys: true });
    const rotated = await mintIdToken(rotating);
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(partsOf(rotated)[0]))).kid).toBe('oidc-2');

    const claims = await withClockAhead(31_000, () => verifyIdToken(rotated, options({}, rotating)));
    expect(claims.aud).toBe(DEFAULT_CLIENT.id);
    expect(jwksRequests(lines)).toBe(2);
  });

  test('a burst of tokens with a new kid costs one JWKS request', async () => {
    await verifyIdToken(await mintIdToken(rotating), options({}, rotating));
    await rotating.control({ rotateKeys: true });
    const burst = await Promise.all([1, 2, 3, 4, 5].map(() => mintIdToken(rotating)));
    await withClockAhead(31_000, () => Promise.all(burst.map((token) => verifyIdToken(token, options({}, rotating)))));
    expect(jwksRequests(lines)).toBe(2);
  });

  test('unknown kids inside the cooldown do not refetch the JWKS', async () => {
    await verifyIdToken(await mintIdToken(rotating), options({}, rotating));
    const key = await foreignKey();
    for (const kid of ['oidc-7', 'oidc-8', 'oidc-9']) {
      const token = await new SignJWT(claimsOf(await mintIdToken(rotating))).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
      expect(await failureOf(verifyIdToken(token, options({}, rotating)))).toMatchObject({ code: 'id_token_invalid', reason: 'kid' });
    }
    expect(jwksRequests(lines)).toBe(1);
  });
});
