import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../mock/server.js';
import { createTelegramAuthHandler, type AuthEvent, type TelegramAuthHandler } from './handler.js';
import { cookiesOf } from './handler.test-support.js';
import { toNodeListener, type NodeHandler, type NodeListener } from './node.js';

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

function handlerFor(origin: string, onEvent?: (event: AuthEvent) => void): TelegramAuthHandler {
  return createTelegramAuthHandler({
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    issuer: mock.issuer,
    redirectUri: `${origin}/auth/telegram/callback`,
    session: { secret: SECRET },
    ...(onEvent ? { onEvent } : {}),
  });
}

test('serves the handler over node:http and passes other paths to next()', async () => {
  const nonce = await fetch(`${site}/auth/telegram/nonce`);
  expect(nonce.status).toBe(200);
  expect(nonce.headers.get('cache-control')).toBe('no-store');
  expect(await nonce.json()).toEqual({ nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/) });

  const other = await fetch(`${site}/products?id=1`);
  expect(await other.text()).toBe('the app');
  expect(nextCalls).toEqual(['/products?id=1']);

  const unknown = await fetch(`${site}/auth/telegram/nope`);
  expect(unknown.status).toBe(404);
  expect(nextCalls).toHaveLength(1);
});

test("a next() that throws throws from the listener, at once, as Express and Connect expect (no unhandled rejection)", () => {
  const listener = toNodeListener(handler);
  const failure = new Error('the app failed');
  const req = { url: '/products', headers: { host: 'site.example' }, socket: {} } as unknown as Parameters<NodeListener>[0];
  expect(() => listener(req, {} as Parameters<NodeListener>[1], () => {
    throw failure;
  })).toThrow(failure);
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
    }, { getSession: async () => null, revokeUser: async () => undefined, basePath: '/auth/telegram' }),
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

/** Sends raw bytes over a fresh TCP connection and resolves with everything the server answered. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      // One response is all we wait for: end when its body is complete.
      const [head, body = ''] = answer.split('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(head ?? '');
      if (length && body.length >= Number(length[1])) socket.end();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** A node:http server around toNodeListener(handler), with or without a next() middleware fallback. */
async function serveWith(target: NodeHandler, { next = false, bodyTimeoutMs }: { next?: boolean; bodyTimeoutMs?: number } = {}) {
  const listener = toNodeListener(target, bodyTimeoutMs === undefined ? {} : { bodyTimeoutMs });
  const passed: string[] = [];
  const server = createServer((req, res) =>
    listener(req, res, next ? () => (passed.push(req.url ?? ''), res.writeHead(200, { 'Content-Type': 'text/plain' }).end('the app')) : undefined),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, passed, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

test('refuses request targets that are not normalized paths, which other parsers would read differently', async () => {
  const bare = await serveWith(handler);
  const middleware = await serveWith(handler, { next: true });
  try {
    for (const target of ['//evil.example/auth/telegram/nonce', '/auth\\telegram\\nonce', '/auth/telegram/../telegram/nonce', '/auth/./telegram/nonce', 'http://evil.example/auth/telegram/nonce']) {
      const answer = await rawRequest(bare.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(answer.split('\r\n')[0], target).toBe('HTTP/1.1 400 Bad Request');
      expect(answer, target).toContain('"error":"invalid_request"');
      expect(answer, target).not.toContain('"nonce"');
      // As middleware such a path is never the handler's: it goes on to the app.
      const passedOn = await rawRequest(middleware.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(passedOn, target).toContain('the app');
    }
    expect(middleware.passed).toHaveLength(5);
  } finally {
    await bare.close();
    await middleware.close();
  }
});

test('a trickled body gets 408 after bodyTimeoutMs and the connection is closed', async () => {
  const server = await serveWith(handler, { bodyTimeoutMs: 300 });
  try {
    const started = Date.now();
    // Declares 100 bytes, sends 10, then nothing: the adapter must not wait for Node's 300 s default.
    const answer = await rawRequest(server.port, `POST /auth/telegram/verify HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${site}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"idToken"`);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('the request body did not arrive within 300 ms');
    expect(Date.now() - started).toBeLessThan(10_000);
  } finally {
    await server.close();
  }
});

test('without bodyTimeoutMs a stalled body waits the documented 10 s, then 408', async () => {
  test.slow();
  const server = await serveWith(handler);
  try {
    const answer = await rawRequest(server.port, `POST /auth/telegram/verify HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${site}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"idToken"`);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(answer).toContain('the request body did not arrive within 10000 ms');
  } finally {
    await server.close();
  }
});

test('a client that aborts mid-body is an abort: no stack trace, no login_failed event', async () => {
  const events: AuthEvent[] = [];
  const observed = handlerFor(site, (event) => void events.push(event));
  let finished!: () => void;
  let begun!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const started = new Promise<void>((resolve) => (begun = resolve));
  const probe = Object.assign(async (request: Request) => {
    begun();
    try {
      return await observed(request);
    } finally {
      finished();
    }
  }, { getSession: observed.getSession, revokeUser: observed.revokeUser, basePath: observed.basePath });
  const server = await serveWith(probe);
  const logged: unknown[] = [];
  const realError = console.error;
  console.error = (...args: unknown[]) => void logged.push(args);
  try {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(`POST /auth/telegram/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${site}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id`);
    });
    socket.on('error', () => undefined);
    // Abort once the handler is on the request (it is waiting for the rest of the body).
    await started;
    socket.destroy();
    await done;
    expect(events).toEqual([]);
    expect(logged).toEqual([]);
  } finally {
    console.error = realError;
    await server.close();
  }
});

test('a body the handler answers without reading (403, 404, 405) closes the connection instead of waiting for the rest', async () => {
  const server = await serveWith(handler, { bodyTimeoutMs: 60_000 });
  try {
    const requests = [
      `POST /auth/telegram/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id`,
      `POST /auth/telegram/nope HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id`,
      `POST /auth/telegram/nonce HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id`,
    ];
    for (const bytes of requests) {
      // rawRequest resolves when the server ends the connection: with keep-alive this would hang.
      const answer = await rawRequest(server.port, bytes);
      expect(answer.split('\r\n')[0], bytes.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 40[345] /);
      expect(answer.toLowerCase(), bytes.split('\r\n')[0]).toContain('connection: close');
    }
  } finally {
    await server.close();
  }
});

test('a Host header that is not a host gets a 400 that says so', async () => {
  const server = await serveWith(handler);
  try {
    const answer = await rawRequest(server.port, 'GET /auth/telegram/nonce HTTP/1.1\r\nHost: localhost:99999\r\nConnection: close\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(answer).toContain('the \\"Host\\" header is not a valid host');
  } finally {
    await server.close();
  }
});

test('a client that goes away aborts the request\'s signal (a waiting long poll stops); a finished response does not', async () => {
  let seen!: (signal: AbortSignal) => void;
  const arrived = new Promise<AbortSignal>((resolve) => (seen = resolve));
  const waiting = Object.assign(
    (request: Request) => {
      seen(request.signal);
      return new Promise<Response>((resolve) => request.signal.addEventListener('abort', () => resolve(new Response(null, { status: 204 }))));
    },
    { basePath: '/auth/telegram' },
  );
  const answering = Object.assign(async (request: Request) => (seen(request.signal), new Response('{}', { status: 200 })), { basePath: '/auth/telegram' });
  const gone = await serveWith(waiting);
  const done = await serveWith(answering);
  try {
    const socket = connect(gone.port, '127.0.0.1', () => socket.write('GET /auth/telegram/bot/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
    socket.on('error', () => undefined);
    const signal = await arrived;
    expect(signal.aborted).toBe(false);
    const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    socket.destroy();
    await aborted;

    const answered = new Promise<AbortSignal>((resolve) => (seen = resolve));
    expect((await fetch(`http://127.0.0.1:${done.port}/auth/telegram/session`)).status).toBe(200);
    // The connection closes after the response is out: that is no abort.
    await done.close();
    expect((await answered).aborted).toBe(false);
  } finally {
    await gone.close();
  }
});
