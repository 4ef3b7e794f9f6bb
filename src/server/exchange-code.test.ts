import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { TelegramLoginError } from '../errors.js';
import { authorizeCode } from '../mock/helpers.js';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { randomToken } from '../oauth/random.js';
import { exchangeCode, type ExchangeCodeOptions } from './exchange-code.js';

const REDIRECT = 'http://localhost:5173/callback';
const ALICE = 100001;
/** A secret with characters that Basic credentials must form-encode (RFC 6749 §2.3.1). */
const ODD_CLIENT = { id: '7700000005', secret: 'p@ss word/+:%é' };

let mock: MockTelegram;

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, control: true, autoConsent: true, clients: [ODD_CLIENT] });
});

test.afterAll(async () => {
  await mock.stop();
});

test.afterEach(async () => {
  await mock.control({ reset: true });
});

/** A fresh PKCE verifier (43 URL-safe characters). */
const newVerifier = () => randomToken();

/** A real code for `clientId` from the mock's public helper, bound to the S256 challenge of `verifier`. */
function obtainCode(verifier: string, { clientId = DEFAULT_CLIENT.id, nonce }: { clientId?: string; nonce?: string } = {}): Promise<string> {
  return authorizeCode(mock, { redirectUri: REDIRECT, clientId, codeVerifier: verifier, ...(nonce ? { nonce } : {}) });
}

async function options(overrides: Partial<ExchangeCodeOptions> = {}): Promise<ExchangeCodeOptions> {
  const verifier = newVerifier();
  return {
    code: await obtainCode(verifier, { clientId: String(overrides.clientId ?? DEFAULT_CLIENT.id) }),
    codeVerifier: verifier,
    redirectUri: REDIRECT,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    issuer: mock.issuer,
    ...overrides,
  };
}

/** A fetch that records what the SDK sent and then really sends it. */
function recordingFetch(): { fetch: typeof fetch; sent: Request[] } {
  const sent: Request[] = [];
  return {
    sent,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return fetch(request);
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<TelegramLoginError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the exchange to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TelegramLoginError);
  return error as TelegramLoginError;
}

test('exchanges a code with client_secret_basic and returns verified claims', async () => {
  const recorder = recordingFetch();
  const result = await exchangeCode(await options({ fetch: recorder.fetch }));
  expect(result).toMatchObject({ accessToken: expect.any(String), expiresIn: 3600, claims: { id: ALICE, aud: DEFAULT_CLIENT.id, iss: mock.issuer } });
  expect(result.idToken.split('.')).toHaveLength(3);
  const [request] = recorder.sent;
  expect(request!.headers.get('authorization')).toBe(`Basic ${btoa(`${DEFAULT_CLIENT.id}:${DEFAULT_CLIENT.secret}`)}`);
  const body = new URLSearchParams(await request!.text());
  expect(body.get('grant_type')).toBe('authorization_code');
  expect(body.has('client_secret')).toBe(false);
});

test('form-encodes both halves of the Basic credentials (RFC 6749 §2.3.1)', async () => {
  const recorder = recordingFetch();
  const result = await exchangeCode(await options({ clientId: ODD_CLIENT.id, clientSecret: ODD_CLIENT.secret, fetch: recorder.fetch }));
  expect(result.claims.aud).toBe(ODD_CLIENT.id);
  const encoded = recorder.sent[0]!.headers.get('authorization')!.slice('Basic '.length);
  expect(atob(encoded)).toBe(`${ODD_CLIENT.id}:p%40ss+word%2F%2B%3A%25%C3%A9`);
});

test('exchanges a code with client_secret_post, without an Authorization header', async () => {
  const recorder = recordingFetch();
  const result = await exchangeCode(await options({ tokenEndpointAuthMethod: 'client_secret_post', fetch: recorder.fetch }));
  expect(result.claims.id).toBe(ALICE);
  const [request] = recorder.sent;
  expect(request!.headers.get('authorization')).toBeNull();
  expect(new URLSearchParams(await request!.text()).get('client_secret')).toBe(DEFAULT_CLIENT.secret);
});

test('keeps the provider error and its description from the token endpoint', async () => {
  await mock.control({ tokenError: { error: 'invalid_client', error_description: 'client authentication failed', status: 401 } });
  const error = await failureOf(exchangeCode(await options()));
  expect({ code: error.code, message: error.message, providerError: error.providerError, providerErrorDescription: error.providerErrorDescription }).toEqual({
    code: 'token_exchange_failed',
    message: 'token endpoint answered "invalid_client": check "clientSecret" (the Client Secret from BotFather → Bot Settings → Web Login, not the bot token)',
    providerError: 'invalid_client',
    providerErrorDescription: 'client authentication failed',
  });
});

test('reports invalid_grant when a code is exchanged a second time', async () => {
  const first = await options();
  await exchangeCode(first);
  const error = await failureOf(exchangeCode(first));
  expect({ code: error.code, providerError: error.providerError }).toEqual({ code: 'token_exchange_failed', providerError: 'invalid_grant' });
});

test('reports invalid_grant when the PKCE verifier does not match', async () => {
  const error = await failureOf(exchangeCode(await options({ codeVerifier: newVerifier() })));
  expect(error.providerError).toBe('invalid_grant');
});

test('reports invalid_client for a wrong secret', async () => {
  const error = await failureOf(exchangeCode(await options({ clientSecret: 'wrong' })));
  expect({ code: error.code, providerError: error.providerError }).toEqual({ code: 'token_exchange_failed', providerError: 'invalid_client' });
});

test('reports a network failure when nothing listens on the token endpoint', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const error = await failureOf(exchangeCode(await options({ tokenEndpoint: `http://127.0.0.1:${port}/token` })));
  expect({ code: error.code, message: error.message, providerError: error.providerError }).toEqual({
    code: 'token_exchange_failed',
    message: 'token request failed: network error',
    providerError: undefined,
  });
});

test('gives up on a token endpoint that does not answer within timeout', async () => {
  await mock.control({ delay: { path: '/token', ms: 20_000, times: 1 } });
  const error = await failureOf(exchangeCode(await options({ timeout: 300 })));
  expect({ code: error.code, message: error.message }).toEqual({ code: 'token_exchange_failed', message: 'token endpoint did not answer within 300 ms' });
});

test('reports a token endpoint that answers something other than JSON', async () => {
  const html: typeof fetch = async () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
  const error = await failureOf(exchangeCode(await options({ fetch: html })));
  expect({ code: error.code, message: error.message }).toEqual({ code: 'token_exchange_failed', message: 'token endpoint answered 502 with a body that is not json' });
});

test('reports a successful token response without an id_token', async () => {
  const noIdToken: typeof fetch = async () => Response.json({ access_token: 'a', token_type: 'Bearer', expires_in: 3600 });
  const error = await failureOf(exchangeCode(await options({ fetch: noIdToken })));
  expect({ code: error.code, message: error.message }).toEqual({ code: 'token_exchange_failed', message: '"id_token" missing from the token response' });
});

test('checks the nonce only when the caller passes one', async () => {
  const verifier = newVerifier();
  const base = { codeVerifier: verifier, redirectUri: REDIRECT, clientId: DEFAULT_CLIENT.id, clientSecret: DEFAULT_CLIENT.secret, issuer: mock.issuer };
  const matching = await exchangeCode({ ...base, code: await obtainCode(verifier, { nonce: 'n-1' }), nonce: 'n-1' });
  expect(matching.claims.nonce).toBe('n-1');
  const unchecked = await exchangeCode({ ...base, code: await obtainCode(verifier) });
  expect(unchecked.claims.nonce).toBeUndefined();
  const wrong = await failureOf(exchangeCode({ ...base, code: await obtainCode(verifier, { nonce: 'n-1' }), nonce: 'n-2' }));
  expect(wrong.code).toBe('nonce_mismatch');
});

test('verifies the id_token it receives (pinned algorithm)', async () => {
  const error = await failureOf(exchangeCode(await options({ algorithms: ['ES256'] })));
  expect({ code: error.code, reason: error.reason }).toEqual({ code: 'id_token_invalid', reason: 'alg' });
});
