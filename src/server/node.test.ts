import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { createTelegramAuthHandler, type TelegramAuthHandler } from './handler.js';
import { toNodeListener, type NodeListener } from './node.js';

const SECRET = 'node-adapter-test-session-secret-0123';

let mock: MockTelegram;
let handler: TelegramAuthHandler;
let server: Server;
let site: string;
let nextCalls: string[];

test.beforeAll(async () => {
  mock = await startMockTelegram({ port: 0, autoConsent: true });
  // The redirect URI needs the server's port, known only after listen: the listener comes after.
  let serve: NodeListener | undefined;
  server = createServer((req, res) => {
    serve!(req, res, () => {
      nextCalls.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('the app');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handler = handlerFor(site);
  serve = toNodeListener(handler);
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await mock.stop();
});

test.beforeEach(() => {
  nextCalls = [];
});

function handlerFor(origin: string): TelegramAuthHandler {
  return createTelegramAuthHandler({
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    issuer: mock.issuer,
    redirectUri: `${origin}/auth/telegram/callback`,
    session: { secret: SECRET },
  });
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

test('serves the handler over node:http and passes other paths to next()', async () => {
  const nonce = await fetch(`${site}/auth/telegram/nonce`);
  expect(nonce.status).toBe(200);
  expect(nonce.headers.get('cache-control')).toBe('no-store');
  expect(await nonce.json()).toEqual({ nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

  const other = await fetch(`${site}/products?id=1`);
  expect(await other.text()).toBe('the app');
  expect(nextCalls).toEqual(['/products?id=1']);

  const unknown = await fetch(`${site}/auth/telegram/nope`);
  expect(unknown.status).toBe(404);
  expect(nextCalls).toHaveLength(1);
});

test('without next, a path outside basePath gets the handler 404', async () => {
  const bare = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/products`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  } finally {
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  }
});

test('keeps both Set-Cookie headers of the redirect callback apart', async () => {
  const login = await fetch(`${site}/auth/telegram/login?returnTo=/account`, { redirect: 'manual' });
  expect(login.status).toBe(302);
  const transaction = cookiesOf(login);
  expect(transaction).toMatch(/^tlk_session_tx=/);
  const telegram = await fetch(login.headers.get('location')!, { redirect: 'manual' });
  const callback = telegram.headers.get('location')!;
  expect(callback.startsWith(`${site}/auth/telegram/callback?`)).toBe(true);

  const done = await fetch(callback, { headers: { Cookie: transaction }, redirect: 'manual' });
  expect(done.status).toBe(302);
  expect(done.headers.get('location')).toBe('/account');
  const cookies = done.headers.getSetCookie();
  expect(cookies).toHaveLength(2);
  expect(cookies.find((cookie) => cookie.startsWith('tlk_session='))).toContain('HttpOnly');
  expect(cookies.find((cookie) => cookie.startsWith('tlk_session_tx='))).toContain('Max-Age=0');

  const session = await fetch(`${site}/auth/telegram/session`, { headers: { Cookie: cookiesOf(done) } });
  expect(await session.json()).toMatchObject({ user: { tg_id: 100001 } });
});

test('streams POST bodies into the handler, with the Origin check', async () => {
  const body = JSON.stringify({ idToken: 'not-a-token' });
  const foreign = await fetch(`${site}/auth/telegram/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body });
  expect(foreign.status).toBe(403);
  const allowed = await fetch(`${site}/auth/telegram/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: site }, body });
  expect({ status: allowed.status, body: await allowed.json() }).toMatchObject({ status: 400, body: { error: 'id_token_invalid' } });
});

/** A raw chunked POST (no Content-Length), so only the adapter's stream limit can stop it. */
function postChunked(path: string, chunks: number): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, site);
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json', Origin: site, 'Transfer-Encoding': 'chunked' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      },
    );
    req.on('error', reject);
    const chunk = ' '.repeat(4096);
    for (let index = 0; index < chunks; index++) req.write(chunk);
    req.end();
  });
}

test('stops reading a body past 16 KB, answers 413 and closes the connection', async () => {
  const res = await postChunked('/auth/telegram/verify', 64);
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_request', message: 'request body is larger than 16384 bytes' });
  expect(res.connection).toBe('close');
});

test('uses the Host header and honours Express-style originalUrl', async () => {
  const seen: string[] = [];
  const probe = toNodeListener(
    Object.assign(async (request: Request) => {
      seen.push(request.url);
      return new Response(null, { status: 204 });
    }, { getSession: async () => null, basePath: '/auth/telegram' }),
  );
  const express = createServer((req, res) => {
    // What Express does under app.use('/auth', …): req.url loses the mount path, originalUrl keeps it.
    Object.assign(req, { originalUrl: req.url, url: req.url!.replace(/^\/auth/, '') });
    probe(req, res, () => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => express.listen(0, '127.0.0.1', resolve));
  try {
    const port = (express.address() as AddressInfo).port;
    // fetch cannot set Host; node:http can, as a reverse proxy would.
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/auth/telegram/session?x=1', headers: { Host: `app.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(204);
    expect(seen).toEqual([`http://app.example:${port}/auth/telegram/session?x=1`]);
  } finally {
    await new Promise<void>((resolve) => express.close(() => resolve()));
  }
});
