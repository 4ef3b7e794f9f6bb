import { expect, test } from '@playwright/test';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startRedisServer, type RedisServer } from '../../../e2e/redis-server.js';
import { createRedisStore } from './redis.js';
import type { TelegramAuthStore } from './store.js';
import { storeContract, type StoreBackend } from './store-contract.test-support.js';

let server: RedisServer;
test.beforeAll(async () => {
  server = await startRedisServer();
});
test.afterAll(async () => {
  await server?.close();
});

async function nodeRedis() {
  const client = createClient({ url: server.url });
  client.on('error', () => undefined); // reconnects on its own; the tests see failures as rejected calls
  await client.connect();
  return client;
}

/** A backend where every handle has its own connection, as every server instance would. */
function backend<C>(connect: () => Promise<C>, storeFor: (client: C, prefix: string) => TelegramAuthStore, close: (client: C) => Promise<unknown>) {
  return async (): Promise<StoreBackend> => {
    const clients: C[] = [];
    return {
      async open(prefix) {
        const client = await connect();
        clients.push(client);
        return storeFor(client, prefix);
      },
      close: async () => void (await Promise.all(clients.map(close))),
    };
  };
}

storeContract(
  'Redis (node-redis)',
  backend(nodeRedis, (client, prefix) => createRedisStore({ client, prefix }), (client) => client.close()),
);

type NodeRedis = Awaited<ReturnType<typeof nodeRedis>>;

storeContract(
  'Redis (ioredis)',
  backend(
    async () => new Redis(server.url, { lazyConnect: false }),
    (client, prefix) => createRedisStore({ client, prefix }),
    (client) => client.quit(),
  ),
);

storeContract(
  'Redis (a command function)',
  backend(nodeRedis, (client, prefix) => createRedisStore({ command: (args) => client.sendCommand(args), prefix }), (client) => client.close()),
);

test.describe('createRedisStore', () => {
  let client: NodeRedis;
  test.beforeAll(async () => {
    client = await nodeRedis();
  });
  test.afterAll(async () => {
    await client?.close();
  });

  test('writes under the prefix "tlk:" by default, with Redis TTLs on every key', async () => {
    const store = createRedisStore({ client });
    const key = `nonce:default-prefix-${Date.now()}`;
    await store.add(key, 'v', 600);
    await store.increment(`rate:${key}`, 60);
    expect(await client.get(`tlk:${key}`)).toBe('v');
    expect(await client.get(key)).toBeNull();
    const ttl = await client.ttl(`tlk:${key}`);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    const counterTtl = await client.ttl(`tlk:rate:${key}`);
    expect(counterTtl).toBeGreaterThan(50);
    expect(counterTtl).toBeLessThanOrEqual(60);
  });

  test('a counter found without a TTL gets one: no counter outlives its window', async () => {
    const store = createRedisStore({ client, prefix: 'no-ttl:' });
    await client.set('no-ttl:rate:stuck', '7');
    expect(await store.increment('rate:stuck', 30)).toEqual({ count: 8, resetSeconds: 30 });
    expect(await client.ttl('no-ttl:rate:stuck')).toBeGreaterThan(0);
  });

  test('a Redis error reaches the caller as a rejection (the handler answers 503)', async () => {
    const store = createRedisStore({ client, prefix: 'wrongtype:' });
    await client.hSet('wrongtype:rate:hash', 'field', '1');
    await expect(store.increment('rate:hash', 60)).rejects.toThrow(/WRONGTYPE/);
    await expect(store.get('rate:hash')).rejects.toThrow(/WRONGTYPE/);
  });

  test('misuse: a missing or wrong client, a node-redis cluster, or a prefix that is not a string is a TypeError naming the fix', () => {
    expect(() => createRedisStore(undefined as never)).toThrow(/needs options: \{ client \}/);
    expect(() => createRedisStore({} as never)).toThrow(/"client" must be a node-redis client .* got undefined/);
    expect(() => createRedisStore({ client: { get() {} } as never })).toThrow(/"client" must be a node-redis client/);
    const cluster = { sendCommand: async () => null, getSlotMaster: () => null };
    expect(() => createRedisStore({ client: cluster })).toThrow(/node-redis cluster: pass \{ command: \(args, key\) => cluster.sendCommand\(key, false, args\) \}/);
    expect(() => createRedisStore({ client, prefix: 42 as never })).toThrow(/"prefix" must be a string/);
  });

  test('an unexpected reply is an error, never a silent accept', async () => {
    const store = createRedisStore({ command: async () => 'QUEUED' });
    await expect(store.add('k', 'v', 60)).rejects.toThrow(/unexpected reply/);
    await expect(createRedisStore({ command: async () => 5 }).get('k')).rejects.toThrow(/expected a string or null/);
    await expect(createRedisStore({ command: async () => [1] }).increment('k', 60)).rejects.toThrow(/expected \[count, ttl\]/);
  });
});
