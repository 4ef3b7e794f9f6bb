import { expect, test } from '@playwright/test';
import { consumeNonce, createMemoryNonceStore, createNonce, type NonceStore } from './nonce.js';

test('createNonce returns 43 URL-safe characters, different every time', () => {
  const nonces = new Set(Array.from({ length: 100 }, createNonce));
  expect(nonces.size).toBe(100);
  for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

test('a nonce is consumed exactly once', async () => {
  const store = createMemoryNonceStore();
  const nonce = createNonce();
  await store.issue(nonce, 600);
  expect(await store.consume(nonce)).toBe(true);
  expect(await store.consume(nonce)).toBe(false);
});

test('a nonce that was never issued is refused', async () => {
  expect(await createMemoryNonceStore().consume(createNonce())).toBe(false);
});

test('a nonce expires after its TTL', async () => {
  let now = Date.UTC(2026, 0, 15);
  const store = createMemoryNonceStore({ clock: () => now });
  await store.issue('fresh', 600);
  await store.issue('stale', 600);
  now += 599_999;
  expect(await store.consume('fresh')).toBe(true);
  now += 1;
  expect(await store.consume('stale')).toBe(false);
});

test('the store is bounded: past max the oldest nonce is forgotten', async () => {
  const store = createMemoryNonceStore({ max: 3 });
  for (const nonce of ['a', 'b', 'c', 'd']) await store.issue(nonce, 600);
  expect(await store.consume('a')).toBe(false);
  for (const nonce of ['b', 'c', 'd']) expect(await store.consume(nonce)).toBe(true);
});

test('past max, expired nonces go before live ones', async () => {
  let now = Date.UTC(2026, 0, 15);
  const store = createMemoryNonceStore({ max: 2, clock: () => now });
  await store.issue('short', 1);
  await store.issue('long', 600);
  now += 2000;
  await store.issue('new', 600);
  expect(await store.consume('long')).toBe(true);
  expect(await store.consume('new')).toBe(true);
});

test('misuse: a bad max or TTL is a TypeError', async () => {
  expect(() => createMemoryNonceStore({ max: 0 })).toThrow(TypeError);
  expect(() => createMemoryNonceStore().issue('x', 0)).toThrow(TypeError);
});

test('consumeNonce uses a nonce up once, in any store, sync or async', async () => {
  const memory = createMemoryNonceStore();
  memory.issue('n-1', 60);
  expect([await consumeNonce(memory, 'n-1'), await consumeNonce(memory, 'n-1')]).toEqual([true, false]);
  const issued = new Set(['n-2']);
  const asyncStore: NonceStore = { issue: async () => undefined, consume: async (nonce) => issued.delete(nonce) };
  expect([await consumeNonce(asyncStore, 'n-2'), await consumeNonce(asyncStore, 'n-2')]).toEqual([true, false]);
});
