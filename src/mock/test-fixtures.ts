/**
 * Shared by the mock's own tests (not shipped: tsconfig.build.json excludes it). Each test file calls
 * {@link useMock} once; `mock` is then a running mock with a frozen clock that tests advance.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { DEFAULT_CLIENT, startMockTelegram, type MockClient, type MockSigningAlgorithm, type MockTelegram } from './server.js';

/** Frozen clock shared by every mock of a test file; tests advance it to cross expiry limits. */
export const START = Date.UTC(2026, 0, 15, 12, 0, 0);
let now = START;
export const clock = (): number => now;
export function advanceClock(ms: number): void {
  now += ms;
}

export const ALICE = 100001;
export const DMITRY = 100002;
export const BOB = 100003;
export const CAROL = 100004;

export const REDIRECT = 'http://localhost:5173/callback';
export const OTHER = { id: '7700000002', secret: 'other-secret', allowedUrls: ['https://app.example/callback'] };
export const OTHER_REDIRECT = 'https://app.example/callback';
export const ES256_CLIENT = { id: '7700000003', secret: 'es256-secret', algorithm: 'ES256' as const };
export const EDDSA_CLIENT = { id: '7700000004', secret: 'eddsa-secret', algorithm: 'EdDSA' as const };

export const FORM = 'application/x-www-form-urlencoded';

/** The test file's mock (with control on and the extra clients above); set by {@link useMock}. */
export let mock: MockTelegram;

/** Starts `mock` before the file's tests, stops it after them, and resets the clock before each test. */
export function useMock(): void {
  test.beforeAll(async () => {
    mock = await startMockTelegram({ port: 0, control: true, clock, clients: [OTHER, ES256_CLIENT, EDDSA_CLIENT] });
  });
  test.afterAll(async () => {
    await mock.stop();
  });
  test.beforeEach(() => {
    now = START;
  });
}

/** Query or form parameters; `undefined` removes a default. */
export type Params = Record<string, string | undefined>;

function withDefaults(defaults: Params, params: Params): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...defaults, ...params })) if (value !== undefined) out.set(key, value);
  return out;
}

export function clientById(id: string, target = mock): MockClient {
  const client = target.clients.find((candidate) => candidate.id === id);
  if (!client) throw new Error(`no client ${id} in this mock`);
  return client;
}

export function authUrl(params: Params = {}, target = mock): string {
  const query = withDefaults(
    { response_type: 'code', client_id: DEFAULT_CLIENT.id, redirect_uri: REDIRECT, scope: 'openid profile', state: 'state-1' },
    params,
  );
  return `${target.authorizationEndpoint}?${query}`;
}

export function getAuth(params: Params = {}, target = mock): Promise<Response> {
  return fetch(authUrl(params, target), { redirect: 'manual' });
}

export function requestIdOf(html: string): string {
  const match = /<input type="hidden" name="request" value="([^"]+)">/.exec(html);
  if (!match?.[1]) throw new Error('the consent page has no request id');
  return match[1];
}

/** Opens the consent page and returns its request id. */
export async function openConsent(params: Params = {}, target = mock): Promise<string> {
  const res = await getAuth(params, target);
  expect(res.status).toBe(200);
  return requestIdOf(await res.text());
}

/** Posts the consent form; `fields` adds what a browser would send, e.g. `{ phone_asked: 'yes' }` for an unticked phone box. */
export function consent(requestId: string, decision: 'allow' | 'deny', userId = ALICE, target = mock, fields: Record<string, string> = {}): Promise<Response> {
  return fetch(`${target.issuer}/auth/consent`, {
    method: 'POST',
    headers: { 'Content-Type': FORM },
    body: new URLSearchParams({ request: requestId, user: String(userId), decision, ...fields }),
    redirect: 'manual',
  });
}

export function locationOf(res: Response): URL {
  expect(res.status).toBe(302);
  const location = res.headers.get('location');
  if (!location) throw new Error('no Location header');
  return new URL(location);
}

/** The code flow up to the redirect: consent page, Allow as `userId`, code from the Location. */
export async function obtainCode(params: Params = {}, userId = ALICE, target = mock): Promise<string> {
  const location = locationOf(await consent(await openConsent(params, target), 'allow', userId, target));
  const state = 'state' in params ? params.state : 'state-1';
  expect(location.searchParams.get('state')).toBe(state ?? null);
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location.href}`);
  return code;
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export interface ExchangeOptions {
  client?: { id: string; secret: string };
  /** How the client authenticates: client_secret_basic, client_secret_post, or not at all. */
  auth?: 'basic' | 'post' | 'none';
  target?: MockTelegram;
}

/** POST /token with grant_type, code and redirect_uri filled in. */
export function exchange(code: string, form: Params = {}, { client = DEFAULT_CLIENT, auth = 'basic', target = mock }: ExchangeOptions = {}): Promise<Response> {
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

export async function expectOAuthError(res: Response, status: number, error: string): Promise<void> {
  expect({ status: res.status, error: ((await res.json()) as { error?: string }).error }).toEqual({ status, error });
}

export async function idTokenOf(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { id_token: string }).id_token;
}

/** Verifies an id_token against the mock's JWKS exactly as a relying party would. */
export async function verify(idToken: string, clientId = DEFAULT_CLIENT.id, alg: MockSigningAlgorithm = 'RS256', target = mock) {
  // A fresh key set per call: jose's cache would otherwise hide a rotation for 30 s.
  return jwtVerify(idToken, createRemoteJWKSet(new URL(target.jwksUri)), {
    issuer: target.issuer,
    audience: clientId,
    algorithms: [alg],
    currentDate: new Date(clock()),
  });
}

/** A whole code-flow login; returns the verified claims. */
export async function login(params: Params = {}, userId = ALICE): Promise<JWTPayload> {
  const client = clientById(params.client_id ?? DEFAULT_CLIENT.id);
  const code = await obtainCode(params, userId);
  const idToken = await idTokenOf(await exchange(code, { redirect_uri: params.redirect_uri ?? REDIRECT }, { client }));
  return (await verify(idToken, client.id, client.algorithm)).payload;
}

export interface AuthResult {
  targetOrigin: string;
  message: { event: string; result?: string; error?: string };
}

/** The JSON the post_message result page hands to its script. */
export async function authResultOf(res: Response): Promise<AuthResult> {
  expect(res.status).toBe(200);
  const match = /<script type="application\/json" id="auth-result">([\s\S]*?)<\/script>/.exec(await res.text());
  if (!match?.[1]) throw new Error('no auth-result script on the page');
  return JSON.parse(match[1]) as AuthResult;
}

export function pkce(method: 'S256' | 'plain' = 'S256'): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return { verifier, challenge };
}

/** POST /__mock/control over HTTP, as a test in another process would. */
export async function control(command: unknown, target = mock): Promise<void> {
  const res = await fetch(`${target.issuer}/__mock/control`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(command),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
}

export async function jwksOf(target = mock): Promise<JWK[]> {
  return ((await (await fetch(target.jwksUri)).json()) as { keys: JWK[] }).keys;
}

/** The error `run` throws (or its promise rejects with); fails the test when there is none. */
export async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, got none');
}
