import { expect, test } from '@playwright/test';
import { createSingleUseStore } from './stores.js';

function storeWithClock(max = 10) {
  const time = { now: 1_000 };
  const store = createSingleUseStore<string>({ ttlMs: 60_000, keyBytes: 32, max, clock: () => time.now });
  return { store, time };
}

test('a stored value is taken once, then the key is unknown', () => {
  const { store } = storeWithClock();
  const key = store.issue('code for Alice');
  expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(store.take(key)).toBe('code for Alice');
  expect(store.take(key)).toBeUndefined();
  expect(store.take('never-issued')).toBeUndefined();
});

test('an entry past its lifetime is reported as expired once, and forgotten after one more lifetime', () => {
  const { store, time } = storeWithClock();
  const live = store.issue('live');
  const stale = store.issue('stale');
  const old = store.issue('old');
  time.now += 59_999;
  expect(store.take(live)).toBe('live');
  time.now += 1;
  expect(store.take(stale)).toBe('expired');
  expect(store.take(stale)).toBeUndefined();
  time.now += 60_000;
  expect(store.take(old)).toBeUndefined();
});

test('a full store forgets its oldest entries first', () => {
  const { store } = storeWithClock(2);
  const first = store.issue('first');
  const second = store.issue('second');
  const third = store.issue('third');
  expect(store.size).toBe(2);
  expect([store.take(first), store.take(second), store.take(third)]).toEqual([undefined, 'second', 'third']);
});

test('keys are random and as long as asked', () => {
  const store = createSingleUseStore<number>({ ttlMs: 1_000, keyBytes: 18, max: 1_000, clock: Date.now });
  const keys = new Set(Array.from({ length: 500 }, (_, index) => store.issue(index)));
  expect(keys.size).toBe(500);
  for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
});
