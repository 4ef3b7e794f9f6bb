// The handler's `log` option: one line per request that says what happened, and nothing secret.
import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { HttpError } from '../oauth/http-error.js';
import type { TelegramAuthHandlerOptions } from './handler.js';
import {
  CookieJar,
  browserCode,
  get,
  libraryToken,
  makeHandler as makeHandlerFor,
  nonceFrom,
  pkce,
  post,
  quietly,
  SECRET,
  startRedirectLogin,
  verifiedLogin,
} from './handler.test-support.js';
import { recordFailure, requestLogLine } from './request-log.js';

let mock: MockTelegram;

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, autoConsent: true });
});
test.afterAll(() => mock.stop());

/** A handler whose request log goes into `lines`. */
function logged(overrides: Partial<TelegramAuthHandlerOptions> = {}) {
  const lines: string[] = [];
  const handler = makeHandlerFor(mock, [], { log: (line) => void lines.push(line), ...overrides });
  return { handler, lines };
}

test('logs one line per request: method, path, status, ok and the time', async () => {
  const { handler, lines } = logged();
  const { jar } = await verifiedLogin(mock, handler);
  await get(handler, '/auth/telegram/session', { cookie: jar.header });
  await post(handler, '/auth/telegram/logout', {}, { cookie: jar.header });

  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(/^GET \/auth\/telegram\/nonce 200 ok \d+ms$/);
  expect(lines[1]).toMatch(/^POST \/auth\/telegram\/verify 200 ok \d+ms$/);
  expect(lines[2]).toMatch(/^GET \/auth\/telegram\/session 200 ok \d+ms$/);
  expect(lines[3]).toMatch(/^POST \/auth\/telegram\/logout 204 ok \d+ms$/);
});

test("a failure's line carries its error code and the message that says what to fix", async () => {
  const { handler, lines } = logged();
  const jar = new CookieJar();
  const { nonce } = await nonceFrom(handler, jar);
  const idToken = await libraryToken(mock, nonce);
  await post(handler, '/auth/telegram/verify', { idToken }, { cookie: '' }); // another browser: no binding cookie
  await post(handler, '/auth/telegram/verify', { idToken }, { origin: 'http://127.0.0.1:4000' });
  await get(handler, '/auth/telegram/unknown');
  await get(handler, '/auth/telegram/verify');
  await get(handler, '/auth/telegram/session');

  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^POST \/auth\/telegram\/verify 400 nonce_mismatch \d+ms "nonce" claim was not issued to this browser by this server$/),
    expect.stringMatching(/^POST \/auth\/telegram\/verify 403 origin_not_allowed \d+ms origin "http:\/\/127\.0\.0\.1:4000" is not allowed: add it to the handler's "allowedOrigins"$/),
    expect.stringMatching(/^GET \/auth\/telegram\/unknown 404 invalid_request \d+ms no route for "\/auth\/telegram\/unknown"$/),
    expect.stringMatching(/^GET \/auth\/telegram\/verify 405 invalid_request \d+ms GET is not allowed on "\/auth\/telegram\/verify"$/),
    expect.stringMatching(/^GET \/auth\/telegram\/session 401 session_invalid \d+ms no valid session cookie$/),
  ]);
});

test('a wrong issuer shows up as jwks_unavailable with a line that names "issuer"', async () => {
  const elsewhere = await startMockTelegram({ port: 0 });
  const wrongIssuer = elsewhere.issuer;
  await elsewhere.stop(); // nothing listens there any more, as with a forgotten `issuer`
  const { handler, lines } = logged({ issuer: wrongIssuer });
  const jar = new CookieJar();
  const { nonce } = await nonceFrom(handler, jar);
  const response = await post(handler, '/auth/telegram/verify', { idToken: await libraryToken(mock, nonce) }, { cookie: jar.header });

  expect(response.status).toBe(502);
  expect(lines[1]).toMatch(/^POST \/auth\/telegram\/verify 502 jwks_unavailable \d+ms "jwks_uri" could not be fetched .*check "issuer"/);
});

test('the redirect flow is logged by path only: the code and state in the callback query never appear', async () => {
  const { handler, lines } = logged({ redirectUri: 'http://localhost:3000/auth/telegram/callback' });
  const { transaction } = await startRedirectLogin(handler, '/account');
  const { challenge } = await pkce();
  const code = await browserCode(mock, challenge);
  await get(handler, `/auth/telegram/callback?code=${code}&state=forged-state`, { cookie: transaction });

  expect(lines[0]).toMatch(/^GET \/auth\/telegram\/login 302 ok \d+ms$/);
  expect(lines[1]).toMatch(/^GET \/auth\/telegram\/callback 400 state_mismatch \d+ms /);
  expect(lines.join('\n')).not.toContain(code);
  expect(lines.join('\n')).not.toContain('forged-state');
});

test('never logs a cookie, a token, a nonce or a secret', async () => {
  const { handler, lines } = logged();
  const { response, idToken, nonce, jar } = await verifiedLogin(mock, handler);
  expect(response.status).toBe(200);
  await post(handler, '/auth/telegram/verify', { idToken }, { cookie: jar.header }); // a replay: refused, and logged
  const everything = lines.join('\n');

  expect(lines).toHaveLength(3);
  for (const secret of [idToken, nonce, DEFAULT_CLIENT.secret, SECRET, ...jar.header.split(/[=;] ?/)]) {
    if (secret.length >= 16) expect(everything).not.toContain(secret);
  }
});

test('a log function that throws does not fail the request', async () => {
  const { result, logged: errors } = await quietly(() =>
    verifiedLogin(mock, makeHandlerFor(mock, [], { log: () => { throw new Error('disk full'); } })),
  );
  expect(result.response.status).toBe(200);
  expect(errors).toHaveLength(2); // /nonce and /verify, each reported once
  expect(String(errors[0]![0])).toContain('"log" option threw');
});

test('"log" must be a function', () => {
  expect(() => makeHandlerFor(mock, [], { log: true as unknown as TelegramAuthHandlerOptions['log'] })).toThrow(
    new TypeError('"log" must be a function that takes a line, such as console.log, got true'),
  );
});

test('a message with a line break cannot forge a second log line', () => {
  const response = recordFailure(new Response(null, { status: 400 }), new HttpError(400, 'invalid_request', 'bad\nGET /auth/telegram/session 200 ok 1ms'));
  const line = requestLogLine('POST', '/auth/telegram/exchange', response, 2.4);
  expect(line).toBe('POST /auth/telegram/exchange 400 invalid_request 2ms bad\\u000aGET /auth/telegram/session 200 ok 1ms');
  expect(line.split('\n')).toHaveLength(1);
});
