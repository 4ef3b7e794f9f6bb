// What every TelegramAuthStore must do, as one suite run against each backend (memory, Redis through
// node-redis and ioredis). Not shipped: tsconfig.build.json leaves *.test-support.ts out.
import { expect, test } from '@playwright/test';
import type { TelegramAuthStore } from './store.js';

export interface StoreBackend {
  /**
   * A handle on the backend under `prefix`. Two handles with one prefix share their data, as two server
   * instances on one Redis do (for Redis each handle has its own connection); different prefixes share nothing.
   */
  open(prefix: string): Promise<TelegramAuthStore>;
  close(): Promise<void>;
}

let prefixes = 0;
const freshPrefix = () => `contract${++prefixes}-${Date.now().toString(36)}:`;

/** Splits `count` calls between the two handles, all in flight at once. */
function race<T>(count: number, [a, b]: TelegramAuthStore[], call: (store: TelegramAuthStore, index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => call(index % 2 === 0 ? a! : b!, index)));
}

export function storeContract(name: string, connect: () => Promise<StoreBackend>): void {
  test.describe(`${name} store contract`, () => {
    let backend: StoreBackend;
    let prefix: string;
    let store: TelegramAuthStore;
    test.beforeAll(async () => {
      backend = await connect();
    });
    test.afterAll(async () => {
      await backend?.close();
    });
    test.beforeEach(async () => {
      prefix = freshPrefix();
      store = await backend.open(prefix);
    });

    test('add sets a key only when absent; take reads and deletes it; add works again after', async () => {
      expect(await store.add('nonce:a', 'first', 60)).toBe(true);
      expect(await store.add('nonce:a', 'second', 60)).toBe(false);
      expect(await store.get('nonce:a')).toBe('first');
      expect(await store.take('nonce:a')).toBe('first');
      expect(await store.take('nonce:a')).toBeUndefined();
      expect(await store.get('nonce:a')).toBeUndefined();
      expect(await store.add('nonce:a', 'third', 60)).toBe(true);
    });

    test('an evictable add is an add all the same: set once, read, taken, deleted', async () => {
      expect(await store.add('bot-request:a', 'first', 60, { evictable: true })).toBe(true);
      expect(await store.add('bot-request:a', 'second', 60, { evictable: true })).toBe(false);
      expect(await store.add('bot-request:a', 'third', 60)).toBe(false);
      expect(await store.get('bot-request:a')).toBe('first');
      expect(await store.take('bot-request:a')).toBe('first');
      expect(await store.add('bot-request:a', 'again', 60, { evictable: true })).toBe(true);
      await store.delete('bot-request:a');
      expect(await store.get('bot-request:a')).toBeUndefined();
    });

    test('set replaces; delete removes, and deleting a missing key is fine', async () => {
      await store.set('revoked:a', '1', 60);
      await store.set('revoked:a', '2', 60);
      expect(await store.get('revoked:a')).toBe('2');
      await store.delete('revoked:a');
      await store.delete('revoked:never-set');
      expect(await store.get('revoked:a')).toBeUndefined();
    });

    test('values come back exactly: empty, unicode, 4 KB', async () => {
      const values = ['', 'ünïcødé ✓ 🙂 тест', 'x'.repeat(4096), ' spaced \n lines '];
      for (const [index, value] of values.entries()) await store.set(`value:${index}`, value, 60);
      for (const [index, value] of values.entries()) expect(await store.get(`value:${index}`)).toBe(value);
    });

    test('two handles on one prefix share their data; another prefix sees none of it', async () => {
      const twin = await backend.open(prefix);
      const other = await backend.open(freshPrefix());
      await store.set('user-revoked:42', '1700000000000', 60);
      expect(await twin.get('user-revoked:42')).toBe('1700000000000');
      expect(await other.get('user-revoked:42')).toBeUndefined();
      expect(await other.add('nonce:shared-name', 'other', 60)).toBe(true);
      expect(await store.add('nonce:shared-name', 'ours', 60)).toBe(true);
      expect(await twin.take('nonce:shared-name')).toBe('ours');
      expect(await other.get('nonce:shared-name')).toBe('other');
      await store.increment('rate:verify:ip', 60);
      expect(await other.increment('rate:verify:ip', 60)).toMatchObject({ count: 1 });
      expect(await twin.increment('rate:verify:ip', 60)).toMatchObject({ count: 2 });
    });

    test('200 racing adds of one key over two handles: exactly one wins', async () => {
      const handles = [store, await backend.open(prefix)];
      const results = await race(200, handles, (handle, index) => handle.add('nonce:raced', `v${index}`, 60));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.get('nonce:raced')).toBe(`v${results.indexOf(true)}`);
    });

    test('200 racing takes of one key over two handles: exactly one gets the value', async () => {
      const handles = [store, await backend.open(prefix)];
      await store.add('nonce:taken', 'the-value', 60);
      const results = await race(200, handles, (handle) => handle.take('nonce:taken'));
      expect(results.filter((value) => value !== undefined)).toEqual(['the-value']);
    });

    test('100 racing increments over two handles count 1 to 100, each once', async () => {
      const handles = [store, await backend.open(prefix)];
      const results = await race(100, handles, (handle) => handle.increment('rate:login:ip', 60));
      expect(results.map(({ count }) => count).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
      for (const { resetSeconds } of results) expect(resetSeconds).toBeGreaterThanOrEqual(1);
    });

    test('a counter starts at 1 with the whole window, keeps its window, and its reset never grows', async () => {
      const first = await store.increment('rate:nonce:ip', 30);
      expect(first).toEqual({ count: 1, resetSeconds: 30 });
      const second = await store.increment('rate:nonce:ip', 30);
      expect(second.count).toBe(2);
      expect(second.resetSeconds).toBeGreaterThanOrEqual(1);
      expect(second.resetSeconds).toBeLessThanOrEqual(30);
      // A longer window asked later does not stretch the one running.
      expect((await store.increment('rate:nonce:ip', 600)).resetSeconds).toBeLessThanOrEqual(30);
    });

    test('entries and counters are gone at their TTL, and longer ones stay', async () => {
      await store.set('short:set', 'v', 1);
      await store.add('short:add', 'v', 1);
      await store.increment('short:counter', 1);
      await store.increment('short:counter', 1);
      await store.set('long', 'stays', 60);
      expect(await store.get('short:set')).toBe('v');
      await expect.poll(() => store.get('short:set'), { timeout: 5_000, intervals: [100] }).toBeUndefined();
      await expect.poll(() => store.get('short:add'), { timeout: 5_000, intervals: [100] }).toBeUndefined();
      expect(await store.add('short:add', 'again', 60)).toBe(true);
      await expect.poll(async () => (await store.increment('short:counter', 60)).count, { timeout: 5_000, intervals: [100] }).toBe(1);
      expect(await store.get('long')).toBe('stays');
    });

    test('misuse: a TTL or window that is not a whole number of seconds ≥ 1 is a TypeError', async () => {
      for (const ttl of [0, -1, 1.5, Number.NaN]) {
        await expect(store.set('k', 'v', ttl), String(ttl)).rejects.toThrow(TypeError);
        await expect(store.add('k', 'v', ttl), String(ttl)).rejects.toThrow(TypeError);
        await expect(store.increment('c', ttl), String(ttl)).rejects.toThrow(TypeError);
      }
      expect(await store.get('k')).toBeUndefined();
    });
  });
}
