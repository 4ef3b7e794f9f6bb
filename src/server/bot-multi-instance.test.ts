// Bot login on two server instances sharing one store, once in memory and once on a real
// redis-server (A through node-redis, B through ioredis): Telegram's webhook lands on A, the
// browser starts, polls and cancels on B.
import { expect } from '@playwright/test';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startRedisServer, type RedisServer } from '../../e2e/redis-server.js';
import { ALICE } from './handler.test-support.js';
import { BOT, botSays, browser, call, openAndStart, startLogin, startSite, status, test, type BotSite } from './bot-login.test-support.js';
import { createMemoryStore } from './stores/memory.js';
import { createRedisStore } from './stores/redis.js';
import type { TelegramAuthStore } from './stores/store.js';

let redis: RedisServer;
test.beforeAll(async () => {
  redis = await startRedisServer();
});
test.afterAll(async () => {
  await redis?.close();
});

type Pair = { a: BotSite; b: BotSite; stop(): Promise<void> };

const stores: Record<string, () => Promise<{ a: TelegramAuthStore; b: TelegramAuthStore; close(): Promise<void> }>> = {
  memory: async () => {
    const store = createMemoryStore();
    return { a: store, b: store, close: async () => undefined };
  },
  redis: async () => {
    const nodeRedis = createClient({ url: redis.url });
    nodeRedis.on('error', () => undefined);
    await nodeRedis.connect();
    const ioRedis = new Redis(redis.url);
    ioRedis.on('error', () => undefined);
    const prefix = `bot${Math.random().toString(36).slice(2)}:`;
    return {
      a: createRedisStore({ client: nodeRedis, prefix }),
      b: createRedisStore({ client: ioRedis, prefix }),
      close: async () => {
        // destroy/disconnect, not close/quit: those wait for a Redis that a failed test may have left down.
        nodeRedis.destroy();
        ioRedis.disconnect();
      },
    };
  },
};

for (const kind of ['memory', 'redis'] as const) {
  test.describe(`two instances on one ${kind} store`, () => {
    async function pair(mock: Parameters<typeof startSite>[0]): Promise<Pair> {
      const { a: storeA, b: storeB, close } = await stores[kind]!();
      const a = await startSite(mock, { options: { store: storeA } });
      const b = await startSite(mock, { options: { store: storeB }, webhook: false });
      return { a, b, stop: async () => (await Promise.all([a.stop(), b.stop()]), await close()) };
    }

    test('the webhook on A approves a request started on B; the poll waiting on B answers and sets the session once', async ({ mock }) => {
      const { a, b, stop } = await pair(mock);
      try {
        const page = browser();
        const started = await startLogin(b, page);
        await openAndStart(mock, ALICE, started.links.https);
        const waiting = status(b, page);
        await mock.app.press(ALICE, started.matchCode);
        const approved = await waiting;
        expect(((await approved.json()) as { status: string }).status).toBe('approved');
        expect(approved.headers.getSetCookie().filter((line) => line.startsWith('tlk_session=ey'))).toHaveLength(1);
        expect((await call(a, '/session', page)).status).toBe(200);
        expect(a.events.map((event) => event.type)).toEqual(['bot_login_approved']);
        expect(b.events.map((event) => event.type)).toEqual(['bot_login_started', 'login']);
        // Spent everywhere.
        for (const site of [a, b]) expect((await call(site, '/bot/status?wait=0', browser(), { cookie: page.jar.header.replace(/tlk_session=[^;]+;? ?/, '') })).status).toBe(401);
      } finally {
        await stop();
      }
    });

    test('a cancel on B reaches the bot\'s question, which A sent', async ({ mock }) => {
      const { a, b, stop } = await pair(mock);
      try {
        const page = browser();
        const started = await startLogin(b, page);
        await openAndStart(mock, ALICE, started.links.https);
        expect(((await (await call(b, '/bot/cancel', page, { body: {} })).json()) as { status: string }).status).toBe('cancelled');
        await botSays(mock, ALICE, 'This login was cancelled on the site.');
        await mock.app.open(ALICE, started.links.https);
        await mock.app.press(ALICE, 'Start');
        await botSays(mock, ALICE, 'This login link has expired');
        // The event follows the bot's answer (the webhook call ends after both).
        await expect.poll(() => a.events.filter((event) => event.type === 'bot_update_refused')).toEqual([expect.objectContaining({ reason: 'spent' })]);
        expect(mock.app.messages(ALICE, BOT).filter((message) => message.from === 'bot').map((message) => message.edited)).toEqual([true, false]);
      } finally {
        await stop();
      }
    });

    test('polls racing on A and B for an approved request: exactly one session', async ({ mock }) => {
      const { a, b, stop } = await pair(mock);
      try {
        const page = browser();
        const started = await startLogin(a, page);
        await openAndStart(mock, ALICE, started.links.https);
        await mock.app.press(ALICE, started.matchCode);
        await botSays(mock, ALICE, 'You are logged in');
        const cookie = page.jar.header;
        const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => call(index % 2 ? a : b, '/bot/status?wait=0', browser(), { cookie })));
        expect(answers.filter((response) => response.headers.getSetCookie().some((line) => line.startsWith('tlk_session=ey')))).toHaveLength(1);
        expect(answers.filter((response) => response.status === 401)).toHaveLength(29);
      } finally {
        await stop();
      }
    });
  });
}
