// The per-instance cap on bot login requests in the store (bot.maxPendingRequests), on its own clock.
import { expect, test } from '@playwright/test';
import { createLiveRequests } from './live-requests.js';

test('past the cap each new request drops the oldest live one; expired ones leave by themselves', () => {
  let now = 0;
  const live = createLiveRequests(3, () => now);
  expect(['a', 'b', 'c'].map((id) => live.admit(id, now + 600_000))).toEqual([undefined, undefined, undefined]);
  expect(live.admit('d', now + 600_000)).toBe('a');
  expect(live.admit('e', now + 600_000)).toBe('b');
  expect(live.size).toBe(3);
  // Their time is over: the store forgot them, so they no longer count.
  now = 600_000;
  expect(live.admit('f', now + 600_000)).toBeUndefined();
  expect(live.size).toBe(1);
});

test('a long flood keeps exactly the newest requests, in order', () => {
  const live = createLiveRequests(10, () => 0);
  const dropped: (string | undefined)[] = [];
  for (let index = 0; index < 5_000; index++) dropped.push(live.admit(`r${index}`, 600_000));
  expect(live.size).toBe(10);
  expect(dropped.slice(0, 10)).toEqual(Array(10).fill(undefined));
  expect(dropped.slice(10)).toEqual(Array.from({ length: 4_990 }, (_, index) => `r${index}`));
});
