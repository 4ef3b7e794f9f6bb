// Shared by the handler's test files (not shipped: tsconfig.build.json leaves *.test-support.ts out).
import { expect } from '@playwright/test';
import { authorizeCode, mintIdToken } from '../mock/helpers.js';
import { DEFAULT_CLIENT, type MockTelegram } from '../mock/server.js';
import { pkceChallenge } from '../oauth/pkce.js';
import { randomToken } from '../oauth/random.js';
import { createTelegramAuthHandler, type AuthEvent, type TelegramAuthHandler, type TelegramAuthHandlerOptions } from './handler.js';

export const SITE = 'http://localhost:3000';
export const SECURE_SITE = 'https://example.com';
export const REDIRECT_URI = `${SITE}/auth/telegram/callback`;
export const SECRET = 'handler-test-session-secret-0123456789';
export const ALICE = 100001;
export const CAROL = 100004;

export function makeHandler(mock: MockTelegram, events: AuthEvent[], overrides: Partial<TelegramAuthHandlerOptions> = {}): TelegramAuthHandler {
  return createTelegramAuthHandler({
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    issuer: mock.issuer,
    redirectUri: REDIRECT_URI,
    allowedOrigins: [SITE, SECURE_SITE],
    session: { secret: SECRET },
    onEvent: (event) => {
      events.push(event);
    },
    ...overrides,
  });
}

export interface Send {
  cookie?: string;
  origin?: string | null;
  site?: string;
  contentType?: string;
  method?: string;
}

export function get(handler: TelegramAuthHandler, path: string, { cookie, site = SITE }: Send = {}): Promise<Response> {
  return handler(new Request(new URL(path, site), { headers: cookie ? { Cookie: cookie } : {} }));
}

export function post(handler: TelegramAuthHandler, path: string, body: unknown, { cookie, origin = SITE, site = SITE, contentType = 'application/json' }: Send = {}) {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (origin !== null) headers.Origin = origin;
  if (cookie) headers.Cookie = cookie;
  return handler(new Request(new URL(path, site), { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}

/** `name=value` pairs of the response's Set-Cookie headers, as a browser would send them back. */
export function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

/** A browser's cookie jar: keeps what responses set (and deletes what they clear). */
export class CookieJar {
  readonly #cookies = new Map<string, string>();
  take(response: Response): Response {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const separator = pair!.indexOf('=');
      const name = pair!.slice(0, separator);
      if (/Max-Age=0/i.test(header)) this.#cookies.delete(name);
      else this.#cookies.set(name, pair!.slice(separator + 1));
    }
    return response;
  }
  get header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}

export async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await response.json()) as Record<string, unknown>;
}

/** The handler's error answer, pinned: status, code and the exact message (or a pattern for one that names a value). */
export async function expectError(response: Response, status: number, error: string, message: string | RegExp, extra: Record<string, unknown> = {}) {
  const body = await jsonOf(response);
  expect({ status: response.status, ...body }).toEqual({ status, error, message: typeof message === 'string' ? message : expect.stringMatching(message), ...extra });
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(JSON.stringify(body)).not.toContain(DEFAULT_CLIENT.secret);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+/);
}

/** A real library-flow id_token from the mock (its public helper), echoing `nonce`. */
export function libraryToken(mock: MockTelegram, nonce?: string): Promise<string> {
  return mintIdToken(mock, nonce ? { nonce } : {});
}

/** A nonce from the handler, with the browser binding cookie it set (both are needed at /verify). */
export async function nonceFrom(handler: TelegramAuthHandler, jar?: CookieJar): Promise<{ nonce: string; cookie: string }> {
  const res = await get(handler, '/auth/telegram/nonce', { cookie: jar?.header ?? '' });
  expect(res.status).toBe(200);
  jar?.take(res);
  return { nonce: (await jsonOf(res)).nonce as string, cookie: cookiesOf(res) };
}

/** The library flow from /nonce to /verify in one browser. */
export async function verifiedLogin(mock: MockTelegram, handler: TelegramAuthHandler, jar = new CookieJar(), send: Send = {}) {
  const { nonce } = await nonceFrom(handler, jar);
  const idToken = await libraryToken(mock, nonce);
  const response = jar.take(await post(handler, '/auth/telegram/verify', { idToken }, { ...send, cookie: jar.header }));
  return { response, idToken, nonce, jar };
}

/** A fresh PKCE verifier and its S256 challenge. */
export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken();
  return { verifier, challenge: await pkceChallenge(verifier) };
}

/** The browser's code flow up to the callback: a real code for REDIRECT_URI bound to a PKCE challenge. */
export function browserCode(mock: MockTelegram, challenge: string, { nonce }: { nonce?: string } = {}): Promise<string> {
  return authorizeCode(mock, { redirectUri: REDIRECT_URI, codeChallenge: challenge, ...(nonce ? { nonce } : {}) });
}

export function locationOf(response: Response): string {
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

/** Follows the handler's /login redirect through the mock; returns the authorization URL and the transaction cookie. */
export async function startRedirectLogin(handler: TelegramAuthHandler, returnTo?: string, site = SITE) {
  const login = await get(handler, `/auth/telegram/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`, { site });
  const authorize = new URL(locationOf(login));
  const transaction = cookiesOf(login);
  return { login, authorize, transaction };
}

export async function callbackFromMock(authorize: URL): Promise<URL> {
  return new URL(locationOf(await fetch(authorize, { redirect: 'manual' })));
}

/** Runs `body` with console.error silenced, returning what it would have printed. */
export async function quietly<T>(body: () => Promise<T>): Promise<{ result: T; logged: unknown[][] }> {
  const logged: unknown[][] = [];
  const realError = console.error;
  console.error = (...args: unknown[]) => void logged.push(args);
  try {
    return { result: await body(), logged };
  } finally {
    console.error = realError;
  }
}
