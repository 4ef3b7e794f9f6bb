import { request } from 'node:http';
import { expect, test } from '@playwright/test';
import { createHostCheck, hostnameOf } from './host-check.js';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from './server.js';
import {
  ALICE,
  authUrl,
  clock,
  control,
  exchange,
  expectOAuthError,
  FORM,
  getAuth,
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

/** A raw HTTP request with any Host header, as a browser on a rebound name would send it (fetch cannot forge Host). */
function rawRequest(target: MockTelegram, path: string, { method = 'GET', host, body, type }: { method?: string; host: string; body?: string; type?: string }) {
  return new Promise<{ status: number; body: string; type: string | undefined }>((resolve, reject) => {
    const headers: Record<string, string> = { Host: host };
    if (type) headers['Content-Type'] = type;
    const req = request({ host: '127.0.0.1', port: target.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test.describe('DNS rebinding', () => {
  const REBOUND = 'rebind.attacker.example';
  const authPath = () => new URL(authUrl()).pathname + new URL(authUrl()).search;

  test.afterEach(async () => {
    await control({ reset: true });
  });

  test('refuses the control endpoint, /auth and /token for a rebound Host, and the command does not apply', async () => {
    const attacks = [
      { path: '/__mock/control', method: 'POST', type: 'application/json', body: JSON.stringify({ autoConsent: true }) },
      { path: authPath(), method: 'GET' },
      { path: '/token', method: 'POST', type: FORM, body: 'grant_type=authorization_code&code=x&redirect_uri=x' },
    ];
    for (const host of [REBOUND, `${REBOUND}:${mock.port}`]) {
      for (const attack of attacks) {
        const res = await rawRequest(mock, attack.path, { ...attack, host });
        expect({ path: attack.path, status: res.status, type: res.type }).toEqual({ path: attack.path, status: 403, type: 'application/json; charset=utf-8' });
        expect(JSON.parse(res.body)).toEqual({
          error: 'host_not_allowed',
          error_description: `Host ${JSON.stringify(host)} is not allowed: the mock answers only localhost, IP addresses and the host of its publicUrl (a defence against DNS rebinding). Behind a proxy or tunnel, start it with publicUrl (--public-url) set to the address you open.`,
        });
        expect(res.body).not.toMatch(/\bat .+:\d+:\d+/);
      }
    }
    // Auto-consent is still off: /auth shows the consent page instead of redirecting with a code.
    expect((await getAuth()).status).toBe(200);
  });

  test('refuses the Bot API and the simulated app for a rebound Host: nothing is sent, no chat opens', async () => {
    const bot = mock.bots[0]!;
    const attacks = [
      { path: `/bot${bot.token}/getMe`, method: 'GET' },
      { path: `/bot${bot.token}/sendMessage`, method: 'POST', type: 'application/json', body: JSON.stringify({ chat_id: 100001, text: 'rebound' }) },
      { path: '/app', method: 'GET' },
      { path: '/app/app-client.js', method: 'GET' },
      { path: '/app/api/events?user=100001', method: 'GET' },
      { path: '/app/api/open', method: 'POST', type: 'application/json', body: JSON.stringify({ user: 100001, link: mock.deepLink(bot.username, 'rebound') }) },
      { path: '/app/api/block', method: 'POST', type: 'application/json', body: JSON.stringify({ user: 100001, bot: bot.username, blocked: true }) },
    ];
    for (const attack of attacks) {
      const res = await rawRequest(mock, attack.path, { ...attack, host: `${REBOUND}:${mock.port}` });
      expect({ path: attack.path, status: res.status, error: JSON.parse(res.body).error }).toEqual({ path: attack.path, status: 403, error: 'host_not_allowed' });
    }
    expect(mock.app.chat(100001, bot.username)).toMatchObject({ blocked: false, startPayload: null, messages: [] });
    // The same requests on a loopback name reach the bot side.
    const me = await rawRequest(mock, `/bot${bot.token}/getMe`, { host: `localhost:${mock.port}` });
    expect({ status: me.status, ok: JSON.parse(me.body).ok }).toEqual({ status: 200, ok: true });
    expect((await rawRequest(mock, '/app', { host: `127.0.0.1:${mock.port}` })).status).toBe(200);
  });

  test('refuses Host values that only look like loopback', async () => {
    for (const host of ['localhost.attacker.example', 'attacker.example@localhost', 'localhost@attacker.example', 'localhost:80@x', '127.0.0.1.nip.io', 'localhost/x', 'a b']) {
      expect((await rawRequest(mock, '/.well-known/jwks.json', { host })).status, host).toBe(403);
    }
  });

  test('answers loopback names and IP addresses', async () => {
    await rawRequest(mock, '/__mock/control', { method: 'POST', host: `localhost:${mock.port}`, type: 'application/json', body: '{"autoConsent":true}' }).then((res) =>
      expect(res).toMatchObject({ status: 200, body: '{"ok":true}' }),
    );
    for (const host of ['localhost', `127.0.0.1:${mock.port}`, '[::1]:9400', 'app.localhost:3000', 'LOCALHOST', '192.168.1.20:9400', '[fe80::1]']) {
      expect((await rawRequest(mock, '/.well-known/jwks.json', { host })).status, String(host)).toBe(200);
    }
    expect((await rawRequest(mock, authPath(), { host: 'localhost' })).status).toBe(302);
  });

  test('answers the host of publicUrl and refuses others', async () => {
    const proxied = await startMockTelegram({ port: 0, publicUrl: 'https://mock.tunnel.example/', control: true });
    try {
      expect(proxied.issuer).toBe('https://mock.tunnel.example');
      const discovery = await rawRequest(proxied, '/.well-known/openid-configuration', { host: 'mock.tunnel.example' });
      expect(discovery.status).toBe(200);
      expect(JSON.parse(discovery.body).issuer).toBe('https://mock.tunnel.example');
      expect((await rawRequest(proxied, '/.well-known/openid-configuration', { host: 'other.tunnel.example' })).status).toBe(403);
    } finally {
      await proxied.stop();
    }
  });

  test('refuses a publicUrl that is not an http(s) URL', async () => {
    for (const publicUrl of ['mock.example', 'ftp://mock.example', 'https://mock.example/?x=1']) {
      await expect(startMockTelegram({ port: 0, publicUrl })).rejects.toThrow(`mock publicUrl must be an http(s) URL without query or fragment, such as https://mock.example, got ${JSON.stringify(publicUrl)}`);
    }
  });
});

test('createHostCheck reads Host headers strictly and allows the configured names', () => {
  const allowed = createHostCheck({ publicUrl: 'https://Mock.Example:8443', host: 'devbox.lan' });
  expect(['mock.example', 'MOCK.EXAMPLE:443', 'devbox.lan:9400', 'localhost', '10.0.0.1', '[::1]'].filter((host) => !allowed(host))).toEqual([]);
  expect(['example', 'mock.example.evil', 'devbox.lan.evil', 'a b', 'x@localhost', '[::1', '::1', ''].filter((host) => allowed(host))).toEqual([]);
  expect(hostnameOf('[::1]:9400')).toBe('::1');
  expect(hostnameOf('LocalHost:1')).toBe('localhost');
});
