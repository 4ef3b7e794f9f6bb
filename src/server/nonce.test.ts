import { expect, test } from '@playwright/test';
import { createNonceManager, type NonceManager } from './nonce.js';
import { createMemoryStore } from './stores/memory.js';
import type { TelegramAuthStore } from './stores/store.js';

const SECRET = 'nonce-test-secret-of-at-least-32-characters';
const BROWSER = 'b'.repeat(43);

function manager(store: TelegramAuthStore = createMemoryStore(), secret: string | string[] = SECRET): NonceManager {
  return createNonceManager({ secret, store });
}

test('a nonce is URL-safe, carries its expiry and a MAC, and is different every time', async () => {
  const nonces = manager();
  const issued = new Set(await Promise.all(Array.from({ length: 100 }, () => nonces.issue())));
  expect(issued.size).toBe(100);
  for (const nonce of issued) expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
});

test('issuing writes nothing to the store: a flood of /nonce cannot fill it', async () => {
  const writes: string[] = [];
  const store = createMemoryStore();
  const watched: TelegramAuthStore = { ...store, add: (key, value, ttl) => (writes.push(key), store.add(key, value, ttl)), set: (key, value, ttl) => (writes.push(key), store.set(key, value, ttl)) };
  const nonces = manager(watched);
  for (let index = 0; index < 50; index++) await nonces.issue({ binding: BROWSER });
  expect(writes).toEqual([]);
  const nonce = await nonces.issue({ binding: BROWSER });
  expect(await nonces.use(nonce, BROWSER)).toBe('ok');
  expect(writes).toHaveLength(1);
});

test('a nonce is consumed exactly once', async () => {
  const nonces = manager();
  const nonce = await nonces.issue();
  expect(await nonces.consume(nonce)).toBe(true);
  expect(await nonces.consume(nonce)).toBe(false);
});

test('of many concurrent uses of one nonce, exactly one wins', async () => {
  const nonces = manager();
  const nonce = await nonces.issue({ binding: BROWSER });
  const uses = await Promise.all(Array.from({ length: 50 }, () => nonces.use(nonce, BROWSER)));
  expect(uses.filter((use) => use === 'ok')).toHaveLength(1);
});

test('two instances sharing a store and a secret: issued by one, used once at the other', async () => {
  const store = createMemoryStore();
  const [a, b] = [manager(store), manager(store)];
  const nonce = await a.issue({ binding: BROWSER });
  expect(await b.use(nonce, BROWSER)).toBe('ok');
  expect(await a.use(nonce, BROWSER)).toBe('unknown');
});

test('what is not a nonce, or a forged one, is refused without touching the store', async () => {
  const writes: string[] = [];
  const store = createMemoryStore();
  const nonces = manager({ ...store, add: (key, value, ttl) => (writes.push(key), store.add(key, value, ttl)) });
  for (const bad of ['', 'short', 42, null, { toString: () => 'x' }, 'A'.repeat(43)]) expect(await nonces.use(bad), String(bad)).toBe('unknown');
  const real = await nonces.issue();
  const [random, expiry] = real.split('.');
  expect(await nonces.use(`${random}.${expiry}.${'A'.repeat(22)}`)).toBe('other_browser');
  const later = (parseInt(expiry!, 36) + 3600).toString(36);
  expect(await nonces.use(`${random}.${later}.${real.split('.')[2]}`)).toBe('other_browser');
  expect(await manager(createMemoryStore(), 'another-server-secret-of-32-characters!').use(real)).toBe('other_browser');
  expect(writes).toEqual([]);
});

test('a nonce expires after its TTL', async () => {
  const nonces = manager();
  const nonce = await nonces.issue({ ttlSeconds: 1 });
  const [random, , mac] = nonce.split('.');
  const past = (Math.floor(Date.now() / 1000) - 1).toString(36);
  // An expiry in the past (the MAC no longer matters: it is checked after the expiry).
  expect(await nonces.use(`${random}.${past}.${mac}`)).toBe('unknown');
  expect(await nonces.use(nonce)).toBe('ok');
});

test('a bound nonce works only with its browser binding', async () => {
  const nonces = manager();
  const nonce = await nonces.issue({ binding: BROWSER });
  expect(await nonces.use(nonce, 'x'.repeat(43))).toBe('other_browser');
  expect(await nonces.use(nonce)).toBe('other_browser');
  expect(await nonces.use(nonce, BROWSER)).toBe('ok');
  const unbound = await nonces.issue();
  expect(await nonces.use(unbound, BROWSER)).toBe('other_browser');
});

test('secret rotation: a nonce issued under the old secret is accepted while the old secret is listed', async () => {
  const store = createMemoryStore();
  const old = await manager(store).issue({ binding: BROWSER });
  expect(await manager(store, ['the-next-nonce-secret-of-32-characters!!', SECRET]).use(old, BROWSER)).toBe('ok');
  const again = await manager(store).issue({ binding: BROWSER });
  expect(await manager(store, 'the-next-nonce-secret-of-32-characters!!').use(again, BROWSER)).toBe('other_browser');
});

test('misuse: a bad TTL or secret is a TypeError', async () => {
  await expect(manager().issue({ ttlSeconds: 0 })).rejects.toThrow(TypeError);
  await expect(manager().issue({ ttlSeconds: 1.5 })).rejects.toThrow('"ttlSeconds" must be a whole number of seconds ≥ 1, got 1.5');
  expect(() => manager(createMemoryStore(), 'short')).toThrow('"secret" must be at least 32 characters');
});
