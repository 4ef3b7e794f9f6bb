import { expect, test } from '@playwright/test';
import { quietly } from '../handler.test-support.js';
import { guardStore } from './guarded.js';
import { createMemoryStore } from './memory.js';
import type { TelegramAuthStore } from './store.js';

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
