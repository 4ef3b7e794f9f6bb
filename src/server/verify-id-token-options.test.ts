// verifyIdToken remembers what an options object resolved to (the handler passes one object for every
// token). These tests change a reused object in every way a site could, and check that each change
// takes effect on the next call: a cache must never keep an old, looser setting.
import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { verifyIdToken, type IdTokenAlgorithm, type VerifyIdTokenOptions } from './verify-id-token.js';
import { clock, ES256_CLIENT, failureOf, mintIdToken, START } from './verify-id-token.test-support.js';

let mock: MockTelegram;
let rs256: string;
let es256: string;

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, clock, autoConsent: true, clients: [ES256_CLIENT] });
  rs256 = await mintIdToken(mock, { nonce: 'n-1' });
  es256 = await mintIdToken(mock, { client: ES256_CLIENT });
});
test.afterAll(() => mock.stop());

test('one reused options object: a change to algorithms (in place too), issuer, clientId or nonce applies to the next call', async () => {
  const algorithms: IdTokenAlgorithm[] = ['RS256'];
  const options: VerifyIdTokenOptions = { clientId: ES256_CLIENT.id, issuer: mock.issuer, algorithms, currentDate: new Date(START) };
  expect(await failureOf(verifyIdToken(es256, options))).toMatchObject({ code: 'id_token_invalid', reason: 'alg' });
  algorithms.push('ES256');
  expect((await verifyIdToken(es256, options)).aud).toBe(ES256_CLIENT.id);
  algorithms.splice(1, 1);
  expect(await failureOf(verifyIdToken(es256, options))).toMatchObject({ code: 'id_token_invalid', reason: 'alg' });
  options.clientId = DEFAULT_CLIENT.id;
  expect((await verifyIdToken(rs256, options)).aud).toBe(DEFAULT_CLIENT.id);
  options.nonce = 'n-2';
  expect(await failureOf(verifyIdToken(rs256, options))).toMatchObject({ code: 'nonce_mismatch' });
  options.nonce = 'n-1';
  // The keys stay the mock's, so the only difference is the expected issuer.
  options.jwksUri = mock.jwksUri;
  options.issuer = 'https://other.example';
  expect(await failureOf(verifyIdToken(rs256, options))).toMatchObject({ code: 'id_token_invalid', reason: 'iss' });
  options.issuer = mock.issuer;
  options.clientId = '7000000099';
  expect(await failureOf(verifyIdToken(rs256, options))).toMatchObject({ code: 'id_token_invalid', reason: 'aud' });
  options.clientId = DEFAULT_CLIENT.id;
  options.currentDate = new Date(START + 2 * 3600_000);
  expect(await failureOf(verifyIdToken(rs256, options))).toMatchObject({ code: 'id_token_expired' });
});

test('a reused options object and a polluted Object.prototype: inherited values choose nothing', async () => {
  const options: VerifyIdTokenOptions = { clientId: DEFAULT_CLIENT.id, issuer: mock.issuer, currentDate: new Date(START + 2 * 3600_000) };
  expect(await failureOf(verifyIdToken(rs256, options))).toMatchObject({ code: 'id_token_expired' });
  const polluted = Object.prototype as Record<string, unknown>;
  try {
    Object.assign(polluted, { clockTolerance: 1e9, algorithms: ['ES256'], nonce: 'n-9' });
    expect(await failureOf(verifyIdToken(rs256, options))).toMatchObject({ code: 'id_token_expired' });
  } finally {
    for (const key of ['clockTolerance', 'algorithms', 'nonce']) delete polluted[key];
  }
});
