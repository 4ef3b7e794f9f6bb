import { expect, test } from '@playwright/test';
import { TelegramLoginError } from '../../errors.js';
import { quietly } from '../handler.test-support.js';
import { guardStore } from './guarded.js';
import { createMemoryStore } from './memory.js';
import type { TelegramAuthStore } from './store.js';

test('an adapter that answers null for a missing key (as Redis does) reads as undefined', async () => {
  const memory = createMemoryStore();
  const redisLike: TelegramAuthStore = { ...memory, get: async () => null as unknown as undefined, take: async () => null as unknown as undefined };
  const store = guardStore(redisLike);
  expect(await store.get('missing')).toBeUndefined();
  expect(await store.take('missing')).toBeUndefined();
});

test('an adapter that answers the wrong types fails as store_unavailable, never as a pass', async () => {
  const memory = createMemoryStore();
  const cases: [string, Partial<TelegramAuthStore>, (store: TelegramAuthStore) => Promise<unknown>][] = [
    ['add', { add: async () => 1 as unknown as boolean }, (store) => store.add('k', 'v', 1)],
    ['get', { get: async () => 42 as unknown as string }, (store) => store.get('k')],
    ['increment', { increment: async () => ({ count: '1' }) as unknown as { count: number; resetSeconds: number } }, (store) => store.increment('k', 1)],
  ];
  for (const [method, broken, call] of cases) {
    const { result: failure } = await quietly(() => call(guardStore({ ...memory, ...broken })).catch((error: unknown) => error));
    expect(failure, method).toBeInstanceOf(TelegramLoginError);
    expect((failure as TelegramLoginError).code, method).toBe('store_unavailable');
  }
});

test('a store call that hangs fails after the timeout', async () => {
  const hanging: TelegramAuthStore = { ...createMemoryStore(), get: () => new Promise(() => undefined) };
  const started = Date.now();
  const { result: failure } = await quietly(() => guardStore(hanging, 50).get('k').catch((error: unknown) => error));
  expect((failure as TelegramLoginError).code).toBe('store_unavailable');
  expect(Date.now() - started).toBeGreaterThanOrEqual(45);
});

test('a store that is not one is refused at once, naming the missing method', () => {
  expect(() => guardStore({} as TelegramAuthStore)).toThrow('"store" must implement add()');
});

test('a call past the timeout is store_unavailable at once, and its late failure is not reported twice', async () => {
  let lateFailure: Promise<never> | undefined;
  const slow: TelegramAuthStore = {
    ...createMemoryStore(),
    take: () => (lateFailure = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket closed')), 1_000))),
  };
  const { result, logged } = await quietly(async () => {
    const started = performance.now();
    const outcome = await guardStore(slow, 50)
      .take('nonce:x')
      .catch((error: unknown) => error);
    const ms = performance.now() - started;
    await lateFailure!.catch(() => undefined);
    return { outcome, ms };
  });
  expect(result.outcome).toMatchObject({ code: 'store_unavailable' });
  expect(result.ms).toBeLessThan(1_000);
  expect(logged).toHaveLength(1);
  expect(String(logged[0]![1])).toContain('no answer within 50 ms');
});
