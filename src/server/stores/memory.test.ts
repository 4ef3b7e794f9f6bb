import { expect, test } from '@playwright/test';
import { TelegramLoginError } from '../../errors.js';
import { createMemoryStore } from './memory.js';
import type { TelegramAuthStore } from './store.js';
import { storeContract } from './store-contract.test-support.js';

test('add sets a key only once; take reads and deletes it', async () => {
  const store = createMemoryStore();
  expect(await store.add('k', 'v1', 60)).toBe(true);
  expect(await store.add('k', 'v2', 60)).toBe(false);
  expect(await store.get('k')).toBe('v1');
  expect(await store.take('k')).toBe('v1');
  expect(await store.take('k')).toBeUndefined();
  expect(await store.add('k', 'v3', 60)).toBe(true);
});

test('set overwrites; delete removes', async () => {
  const store = createMemoryStore();
  await store.set('k', 'a', 60);
  await store.set('k', 'b', 60);
  expect(await store.get('k')).toBe('b');
  await store.delete('k');
  expect(await store.get('k')).toBeUndefined();
});

test('entries are gone at their TTL', async () => {
  let now = 0;
  const store = createMemoryStore({ clock: () => now });
  await store.set('k', 'v', 10);
  now = 9_999;
  expect(await store.get('k')).toBe('v');
  now = 10_000;
  expect(await store.get('k')).toBeUndefined();
  expect(await store.add('k', 'again', 10)).toBe(true);
});

test('a counter counts within its window and starts over after it', async () => {
  let now = 0;
  const store = createMemoryStore({ clock: () => now });
  expect(await store.increment('c', 60)).toEqual({ count: 1, resetSeconds: 60 });
  now = 30_000;
  expect(await store.increment('c', 60)).toEqual({ count: 2, resetSeconds: 30 });
  now = 60_000;
  expect(await store.increment('c', 60)).toEqual({ count: 1, resetSeconds: 60 });
});

test('when full it forgets nothing live and refuses new keys with store_unavailable', async () => {
  let now = 0;
  const store = createMemoryStore({ maxEntries: 2, clock: () => now });
  await store.set('revoked:a', '1', 100);
  await store.set('revoked:b', '1', 5);
  const refused = await store.add('revoked:c', '1', 100).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(TelegramLoginError);
  expect(refused).toMatchObject({ code: 'store_unavailable', message: expect.stringContaining('"maxEntries"') });
  expect(await store.get('revoked:a')).toBe('1');
  await store.set('revoked:a', '2', 100); // an existing key can always be rewritten
  now = 5_000; // b expired: room again
  expect(await store.add('revoked:c', '1', 100)).toBe(true);
  expect([await store.get('revoked:a'), await store.get('revoked:c')]).toEqual(['2', '1']);
});

test('misuse: TTLs must be whole seconds ≥ 1, and maxEntries a positive whole number', async () => {
  const store = createMemoryStore();
  for (const ttl of [0, -1, 1.5, Number.NaN]) await expect(store.set('k', 'v', ttl), String(ttl)).rejects.toThrow(TypeError);
  expect(() => createMemoryStore({ maxEntries: 0 })).toThrow(TypeError);
});

test('when its counters are full the oldest make room: a flood of clients cannot stop rate limiting', async () => {
  const store = createMemoryStore({ maxEntries: 2 });
  expect(await store.increment('rate:verify:a', 60)).toMatchObject({ count: 1 });
  expect(await store.increment('rate:verify:a', 60)).toMatchObject({ count: 2 });
  await store.increment('rate:verify:b', 60);
  await store.increment('rate:verify:c', 60);
  expect(await store.increment('rate:verify:c', 60)).toMatchObject({ count: 2 });
  expect(await store.increment('rate:verify:a', 60)).toMatchObject({ count: 1 }); // forgotten, started over
});

test('evictable entries (bot login requests) make room for each other when full, never for the others, which stay', async () => {
  const store = createMemoryStore({ maxEntries: 2 });
  await store.set('revoked:a', '1', 100);
  await store.set('revoked:b', '1', 100);
  // The others are full: a flood of evictable entries still goes in, the oldest making room.
  for (const id of ['r1', 'r2', 'r3']) expect(await store.add(`bot-request:${id}`, id, 600, { evictable: true })).toBe(true);
  expect([await store.get('bot-request:r1'), await store.get('bot-request:r2'), await store.get('bot-request:r3')]).toEqual([undefined, 'r2', 'r3']);
  expect([await store.get('revoked:a'), await store.get('revoked:b')]).toEqual(['1', '1']);
  await expect(store.add('revoked:c', '1', 100)).rejects.toMatchObject({ code: 'store_unavailable' });
  // One key, one place: add sees an evictable key and an evictable add sees the others; take and delete reach both.
  expect(await store.add('bot-request:r2', 'again', 600)).toBe(false);
  expect(await store.add('revoked:a', 'again', 600, { evictable: true })).toBe(false);
  expect(await store.take('bot-request:r2')).toBe('r2');
  await store.delete('bot-request:r3');
  expect(await store.get('bot-request:r3')).toBeUndefined();
});

storeContract('memory', async () => {
  // One memory store per prefix: what two instances would share if they shared this process.
  const stores = new Map<string, TelegramAuthStore>();
  return {
    open: async (prefix) => {
      if (!stores.has(prefix)) stores.set(prefix, createMemoryStore());
      return stores.get(prefix)!;
    },
    close: async () => undefined,
  };
});
