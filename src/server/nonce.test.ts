import { expect, test } from '@playwright/test';
import { consumeNonce, issueNonce, useNonce } from './nonce.js';
import { createMemoryStore } from './stores/memory.js';

test('issueNonce returns 43 URL-safe characters, different every time', async () => {
  const store = createMemoryStore();
  const nonces = new Set(await Promise.all(Array.from({ length: 100 }, () => issueNonce(store))));
  expect(nonces.size).toBe(100);
  for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

test('a nonce is consumed exactly once', async () => {
  const store = createMemoryStore();
  const nonce = await issueNonce(store);
  expect(await consumeNonce(store, nonce)).toBe(true);
  expect(await consumeNonce(store, nonce)).toBe(false);
});

test('of many concurrent uses of one nonce, exactly one wins', async () => {
  const store = createMemoryStore();
  const nonce = await issueNonce(store, { binding: 'b'.repeat(43) });
  const uses = await Promise.all(Array.from({ length: 50 }, () => useNonce(store, nonce, 'b'.repeat(43))));
  expect(uses.filter((use) => use === 'ok')).toHaveLength(1);
});

test('a nonce that was never issued, or is not a nonce at all, is refused', async () => {
  const store = createMemoryStore();
  expect(await consumeNonce(store, 'A'.repeat(43))).toBe(false);
  for (const bad of ['', 'short', 42, null, { toString: () => 'x' }]) expect(await useNonce(store, bad)).toBe('unknown');
});

test('a nonce expires after its TTL', async () => {
  let now = Date.UTC(2026, 0, 15);
  const store = createMemoryStore({ clock: () => now });
  const fresh = await issueNonce(store);
  const stale = await issueNonce(store);
  now += 599_999;
  expect(await consumeNonce(store, fresh)).toBe(true);
  now += 1;
  expect(await consumeNonce(store, stale)).toBe(false);
});

test('a bound nonce works only with its browser binding, and is used up by a wrong one', async () => {
  const store = createMemoryStore();
  const mine = 'm'.repeat(43);
  const nonce = await issueNonce(store, { binding: mine });
  expect(await useNonce(store, nonce, 'x'.repeat(43))).toBe('other_browser');
  expect(await useNonce(store, nonce, mine)).toBe('unknown');
  const again = await issueNonce(store, { binding: mine });
  expect(await useNonce(store, again)).toBe('other_browser');
  const third = await issueNonce(store, { binding: mine });
  expect(await consumeNonce(store, third, { binding: mine })).toBe(true);
});

test('the store keeps only a hash of the binding', async () => {
  const written: string[] = [];
  const store = createMemoryStore();
  const spy = { ...store, add: (key: string, value: string, ttl: number) => (written.push(value), store.add(key, value, ttl)) };
  await issueNonce(spy, { binding: 'secret-binding-value-0123456789-abcdefghijk' });
  expect(written).toHaveLength(1);
  expect(written[0]).not.toContain('secret-binding');
  expect(written[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

test('misuse: a bad TTL is a TypeError', async () => {
  await expect(issueNonce(createMemoryStore(), { ttlSeconds: 0 })).rejects.toThrow(TypeError);
  await expect(issueNonce(createMemoryStore(), { ttlSeconds: 1.5 })).rejects.toThrow('"ttlSeconds" must be a whole number of seconds ≥ 1, got 1.5');
});
