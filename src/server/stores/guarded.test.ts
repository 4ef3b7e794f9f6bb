import { expect, test } from '@playwright/test';
import { TelegramLoginError } from '../../errors.js';
import { guardStore } from './guarded.js';
import { createMemoryStore } from './memory.js';
import type { TelegramAuthStore } from './store.js';

async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const realError = console.error;
  console.error = () => undefined;
  try {
    return await run();
  } finally {
    console.error = realError;
  }
}

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
    const failure = await quietly(() => call(guardStore({ ...memory, ...broken })).catch((error: unknown) => error));
    expect(failure, method).toBeInstanceOf(TelegramLoginError);
    expect((failure as TelegramLoginError).code, method).toBe('store_unavailable');
  }
});

test('a store call that hangs fails after the timeout', async () => {
  const hanging: TelegramAuthStore = { ...createMemoryStore(), get: () => new Promise(() => undefined) };
  const started = Date.now();
  const failure = await quietly(() => guardStore(hanging, 50).get('k').catch((error: unknown) => error));
  expect((failure as TelegramLoginError).code).toBe('store_unavailable');
  expect(Date.now() - started).toBeGreaterThanOrEqual(45);
});

test('a store that is not one is refused at once, naming the missing method', () => {
  expect(() => guardStore({} as TelegramAuthStore)).toThrow('"store" must implement add()');
});
