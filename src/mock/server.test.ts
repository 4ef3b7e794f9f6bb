import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from './server.js';
import {
  ALICE,
  clock,
  consent,
  exchange,
  expectOAuthError,
  FORM,
  idTokenOf,
  mock,
  obtainCode,
  pkce,
  verify,
  useMock,
} from './test-fixtures.js';

useMock();

test.describe('bad input', () => {
  test('a body over 64 KB is refused with 413', async () => {
    const res = await fetch(mock.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': FORM }, body: 'a'.repeat(65 * 1024) });
    await expectOAuthError(res, 413, 'invalid_request');
  });

  test('a streamed body over 64 KB is refused with 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const init = { method: 'POST', headers: { 'Content-Type': FORM }, body, duplex: 'half' } as RequestInit;
    await expectOAuthError(await fetch(mock.tokenEndpoint, init), 413, 'invalid_request');
  });

  test('an unknown path answers 404 not_found', async () => {
    await expectOAuthError(await fetch(`${mock.issuer}/userinfo`), 404, 'not_found');
  });

  test('a wrong method answers 405 with an Allow header', async () => {
    const deleteToken = await fetch(mock.tokenEndpoint, { method: 'DELETE' });
    expect(deleteToken.headers.get('allow')).toBe('POST, GET');
    await expectOAuthError(deleteToken, 405, 'invalid_request');
    const postJwks = await fetch(mock.jwksUri, { method: 'POST' });
    expect(postJwks.headers.get('allow')).toBe('GET');
    expect(postJwks.status).toBe(405);
  });

});

test.describe('request log', () => {
  const lines: string[] = [];
  let logged: MockTelegram;

  test.beforeAll(async () => {
    logged = await startMockTelegram({ port: 0, clock, onLog: (line) => lines.push(line) });
  });

  test.afterAll(async () => {
    await logged.stop();
  });

  test('logs one line per request with method, path and status, and no secret or code', async () => {
    const { verifier, challenge } = pkce();
    const code = await obtainCode({ code_challenge: challenge, code_challenge_method: 'S256' }, ALICE, logged);
    const idToken = await idTokenOf(await exchange(code, { code_verifier: verifier }, { target: logged, auth: 'post' }));
    await verify(idToken, DEFAULT_CLIENT.id, 'RS256', logged);
    await expectOAuthError(await exchange(code, {}, { target: logged }), 400, 'invalid_grant');

    // verify() fetched the JWKS too: five requests in all.
    await expect.poll(() => lines.length).toBe(5);
    expect(lines[0]).toMatch(/^GET \/auth 200 /);
    expect(lines[1]).toMatch(/^POST \/auth\/consent 302 /);
    expect(lines[2]).toMatch(/^POST \/token 200 /);
    expect(lines[3]).toMatch(/^GET \/\.well-known\/jwks\.json 200 /);
    expect(lines[4]).toMatch(/^POST \/token 400 invalid_grant /);
    for (const secret of [DEFAULT_CLIENT.secret, code, verifier, idToken]) {
      for (const line of lines) expect(line).not.toContain(secret);
    }
  });
});
