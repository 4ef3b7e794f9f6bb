// Two server instances, A and B, each on its own port with its own Redis connection (A through
// node-redis, B through ioredis), sharing one real redis-server: what a site behind a load balancer runs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startRedisServer, type RedisServer } from '../../e2e/redis-server.js';
import { startMockTelegram, type MockTelegram } from '../mock/server.js';
import { forwardedForClientIp } from './client-ip.js';
import type { AuthEvent, TelegramAuthHandler, TelegramAuthHandlerOptions } from './handler.js';
import { CookieJar, libraryToken, makeHandler, SITE } from './handler.test-support.js';
import { toNodeListener } from './node.js';
import { DEFAULT_STORE_TIMEOUT_MS } from './stores/guarded.js';
import { createRedisStore } from './stores/redis.js';

let redis: RedisServer;
let mock: MockTelegram;
const running: (() => Promise<void>)[] = [];

test.beforeAll(async () => {
  [redis, mock] = await Promise.all([startRedisServer(), startMockTelegram({ port: 0, autoConsent: true })]);
});
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});
test.afterAll(async () => {
  await Promise.all([redis?.close(), mock?.stop()]);
});

interface Instance {
  url: string;
  handler: TelegramAuthHandler;
  events: AuthEvent[];
  /** Resolves when the Redis connection is (back) up. */
  ready(): Promise<void>;
}

let pairs = 0;

async function serve(handler: TelegramAuthHandler): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A and B with one key prefix of their own (so tests share nothing), the same options otherwise. */
async function startPair(overrides: Partial<TelegramAuthHandlerOptions> = {}): Promise<[Instance, Instance]> {
  const prefix = `pair${++pairs}:`;
  const nodeRedis = createClient({ url: redis.url });
  nodeRedis.on('error', () => undefined); // it reconnects by itself; calls fail meanwhile
  await nodeRedis.connect();
  const ioRedis = new Redis(redis.url);
  ioRedis.on('error', () => undefined);
  const instances: Instance[] = [];
  for (const [client, ready] of [
    [nodeRedis, () => (nodeRedis.isReady ? Promise.resolve() : new Promise<void>((resolve) => nodeRedis.once('ready', () => resolve())))],
    [ioRedis, () => (ioRedis.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => ioRedis.once('ready', () => resolve())))],
  ] as const) {
    const events: AuthEvent[] = [];
    const handler = makeHandler(mock, events, { store: createRedisStore({ client, prefix }), ...overrides });
    const { url, stop } = await serve(handler);
    running.push(stop);
    instances.push({ url, handler, events, ready });
  }
  running.push(async () => {
    // destroy/disconnect, not close/quit: those wait for a Redis that a failed test may have left down.
    nodeRedis.destroy();
    ioRedis.disconnect();
  });
  return instances as [Instance, Instance];
}

interface Call {
  jar?: CookieJar;
  /** The Cookie header to send instead of the jar's. */
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One browser request to an instance: cookies from and into the jar, an Origin on POSTs. */
async function call(instance: Instance, path: string, { jar, cookie, body, headers = {} }: Call = {}): Promise<Response> {
  const init: RequestInit = { headers: { ...headers, Cookie: cookie ?? jar?.header ?? '' } };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers = { ...init.headers, Origin: SITE, 'Content-Type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`${instance.url}/auth/telegram${path}`, init);
  jar?.take(response);
  return response;
}

async function nonceAt(instance: Instance, jar: CookieJar): Promise<string> {
  const response = await call(instance, '/nonce', { jar });
  expect(response.status).toBe(200);
  return ((await response.json()) as { nonce: string }).nonce;
}

async function loginAt(nonceFrom: Instance, verifyAt: Instance, jar = new CookieJar()): Promise<CookieJar> {
  const idToken = await libraryToken(mock, await nonceAt(nonceFrom, jar));
  const response = await call(verifyAt, '/verify', { jar, body: { idToken } });
  expect(response.status).toBe(200);
  return jar;
}

const errorOf = async (response: Response) => ({ status: response.status, error: ((await response.json()) as { error: string }).error });

test('a nonce issued by A is accepted once at B; the same id_token again at A fails with nonce_mismatch', async () => {
  const [a, b] = await startPair();
  const jar = new CookieJar();
  const idToken = await libraryToken(mock, await nonceAt(a, jar));
  const bindingCookie = jar.header;
  const first = await call(b, '/verify', { jar, body: { idToken } });
  expect(first.status).toBe(200);
  expect((await call(a, '/session', { jar })).status).toBe(200);
  expect(await errorOf(await call(a, '/verify', { cookie: bindingCookie, body: { idToken } }))).toEqual({ status: 400, error: 'nonce_mismatch' });
});

test('100 concurrent /verify calls with the same token and nonce, split across A and B: exactly one 200', async () => {
  const [a, b] = await startPair();
  const jar = new CookieJar();
  const idToken = await libraryToken(mock, await nonceAt(a, jar));
  const responses = await Promise.all(Array.from({ length: 100 }, (_, index) => call(index % 2 ? b : a, '/verify', { cookie: jar.header, body: { idToken } })));
  const outcomes = await Promise.all(responses.map((response) => (response.status === 200 ? { status: 200, error: '' } : errorOf(response))));
  expect(outcomes.filter(({ status }) => status === 200)).toHaveLength(1);
  expect(outcomes.filter(({ status }) => status !== 200)).toEqual(Array.from({ length: 99 }, () => ({ status: 400, error: 'nonce_mismatch' })));
  expect(responses.filter((response) => response.headers.getSetCookie().some((cookie) => cookie.startsWith('tlk_session=ey')))).toHaveLength(1);
});

test('logout on A: the cookie is refused at B', async () => {
  const [a, b] = await startPair();
  const jar = await loginAt(a, a);
  const cookie = jar.header;
  expect((await call(b, '/session', { cookie })).status).toBe(200);
  expect((await call(a, '/logout', { jar, body: '' })).status).toBe(204);
  expect(await errorOf(await call(b, '/session', { cookie }))).toEqual({ status: 401, error: 'session_invalid' });
  expect(await b.handler.getSession(new Request(SITE, { headers: { Cookie: cookie } }))).toBeNull();
});

test("revokeUser on B ends every session of that user on A; the user's next login works", async () => {
  const [a, b] = await startPair();
  const laptop = await loginAt(a, a);
  const phone = await loginAt(b, a);
  const { user } = (await (await call(a, '/session', { jar: laptop })).json()) as { user: { sub: string } };
  await b.handler.revokeUser(user.sub);
  for (const jar of [laptop, phone]) expect(await errorOf(await call(a, '/session', { jar }))).toEqual({ status: 401, error: 'session_invalid' });
  const again = await loginAt(a, a);
  expect((await call(b, '/session', { jar: again })).status).toBe(200);
});

test('a rate limit counts across A and B', async () => {
  const [a, b] = await startPair({ clientIp: forwardedForClientIp({ proxies: 1 }), rateLimits: { nonce: { max: 5, windowSeconds: 60 } } });
  const client = { 'X-Forwarded-For': '198.51.100.23' };
  const statuses: number[] = [];
  for (let index = 0; index < 7; index++) statuses.push((await call(index % 2 ? b : a, '/nonce', { headers: client })).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  expect(a.events.concat(b.events).filter((event) => event.type === 'rate_limited')).toHaveLength(2);
  expect((await call(b, '/nonce', { headers: { 'X-Forwarded-For': '198.51.100.24' } })).status).toBe(200);
});

test('Redis stopped mid-run: /verify answers 503 store_unavailable within the store timeout and accepts nothing; started again, the next login works', async () => {
  test.setTimeout(60_000);
  const [a, b] = await startPair();
  const jar = new CookieJar();
  const idToken = await libraryToken(mock, await nonceAt(a, jar));
  const quiet = console.error;
  console.error = () => undefined; // the guard logs each failure's cause
  try {
    await redis.stop('SIGKILL');
    const started = performance.now();
    const attempts = Array.from({ length: 10 }, async (_, index) => {
      const response = await call(index % 2 ? b : a, '/verify', { cookie: jar.header, body: { idToken } });
      // Cookies set (a spent nonce's binding is only cleared, with Max-Age=0).
      const cookies = response.headers.getSetCookie().filter((cookie) => !cookie.includes('Max-Age=0'));
      return { ms: performance.now() - started, cookies, ...(await errorOf(response)) };
    });
    const outcomes = await Promise.all(attempts);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 503, error: 'store_unavailable', cookies: [] });
      // The store timeout, plus room for a busy machine; never a hang.
      expect(outcome.ms).toBeLessThan(DEFAULT_STORE_TIMEOUT_MS + 2_000);
    }
    // Issuing a nonce needs no store (it carries its expiry and MAC): it still works.
    expect((await call(b, '/nonce')).status).toBe(200);
    expect(a.events.concat(b.events)).toContainEqual({ type: 'store_unavailable', route: '/verify', at: expect.any(Date) });
  } finally {
    console.error = quiet;
    await redis.start();
  }
  await Promise.all([a.ready(), b.ready()]);
  // Nothing was used while Redis was down, so the token's first use is now, once.
  expect((await call(b, '/verify', { cookie: jar.header, body: { idToken } })).status).toBe(200);
  expect(await errorOf(await call(a, '/verify', { cookie: jar.header, body: { idToken } }))).toEqual({ status: 400, error: 'nonce_mismatch' });
  const fresh = await loginAt(a, b);
  expect((await call(a, '/session', { jar: fresh })).status).toBe(200);
});
