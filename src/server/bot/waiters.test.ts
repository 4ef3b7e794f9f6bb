// The long polls of this instance waiting on bot login requests: one shared look at the store per
// request and interval, decisions made here answered at once, at most two polls per request, a store
// failure reaching every poll, and a poll whose client left giving up its place at once.
import { expect, test } from '@playwright/test';
import type { BotOutcome } from './requests.js';
import { createWaiters, MAX_WAITING_POLLS, STORE_POLL_INTERVAL_MS, type WaitEnd } from './waiters.js';

const APPROVED: BotOutcome = { status: 'approved', user: { id: 100001, first_name: 'Alice' }, at: 1 };

/** The store's answers for each request, and how often each was read. */
function storeOf(outcomes: Map<string, BotOutcome | Error> = new Map()) {
  const reads = new Map<string, number>();
  const read = async (id: string) => {
    reads.set(id, (reads.get(id) ?? 0) + 1);
    const outcome = outcomes.get(id);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { outcomes, reads, read };
}

test('polls waiting on one request share one look at the store per interval, and all hear a decision made on another instance', async () => {
  const store = storeOf();
  const waiters = createWaiters(store.read);
  const until = Date.now() + 10_000;
  const a = waiters.wait('a', until);
  const b = waiters.wait('a', until);
  const other = waiters.wait('b', until);
  // Request "a" has two polls, "b" one: each is looked at once per interval all the same.
  await expect.poll(() => store.reads.get('b') ?? 0, { timeout: STORE_POLL_INTERVAL_MS * 5 }).toBeGreaterThanOrEqual(2);
  expect(Math.abs(store.reads.get('a')! - store.reads.get('b')!)).toBeLessThanOrEqual(1);
  store.outcomes.set('a', APPROVED);
  expect(await Promise.all([a, b])).toEqual([{ outcome: APPROVED }, { outcome: APPROVED }]);
  waiters.notify('b', { status: 'cancelled', at: 2 });
  expect(await other).toEqual({ outcome: { status: 'cancelled', at: 2 } });
});

test('a decision made on this instance ends the waits at once, without a look at the store', async () => {
  const store = storeOf();
  const waiters = createWaiters(store.read);
  const waiting = waiters.wait('a', Date.now() + 10_000);
  const started = performance.now();
  waiters.notify('a', APPROVED);
  expect(await waiting).toEqual({ outcome: APPROVED });
  expect(performance.now() - started).toBeLessThan(STORE_POLL_INTERVAL_MS);
  expect(store.reads.size).toBe(0);
});

test(`a request has at most ${MAX_WAITING_POLLS} polls waiting: a newer one ends the oldest, which answers at once`, async () => {
  const waiters = createWaiters(storeOf().read);
  const until = Date.now() + 10_000;
  const ends: (WaitEnd | undefined)[] = [undefined, undefined, undefined];
  const polls = [0, 1, 2].map((index) => waiters.wait('a', until).then((end) => (ends[index] = end)));
  await polls[0];
  expect(ends).toEqual([{ ended: 'replaced' }, undefined, undefined]);
  waiters.notify('a', APPROVED);
  await Promise.all(polls);
  expect(ends).toEqual([{ ended: 'replaced' }, { outcome: APPROVED }, { outcome: APPROVED }]);
});

test('a store that fails fails every poll waiting on the request; a wait ends at its time', async () => {
  const store = storeOf();
  const waiters = createWaiters(store.read);
  const failing = [waiters.wait('a', Date.now() + 10_000), waiters.wait('a', Date.now() + 10_000)];
  store.outcomes.set('a', new Error('connection lost'));
  for (const poll of failing) await expect(poll).rejects.toThrow('connection lost');
  const started = performance.now();
  expect(await waiters.wait('b', Date.now() + 200)).toEqual({ ended: 'time' });
  expect(performance.now() - started).toBeGreaterThanOrEqual(150);
});

test('a poll whose client left ends at once; when the last one leaves, the looks stop', async () => {
  const store = storeOf();
  const waiters = createWaiters(store.read);
  const controller = new AbortController();
  const staying = new AbortController();
  const leaving = waiters.wait('a', Date.now() + 10_000, controller.signal);
  const other = waiters.wait('a', Date.now() + 10_000, staying.signal);
  controller.abort();
  expect(await leaving).toEqual({ ended: 'aborted' });
  // An aborted signal takes no place at all.
  expect(await waiters.wait('a', Date.now() + 10_000, controller.signal)).toEqual({ ended: 'aborted' });
  staying.abort();
  expect(await other).toEqual({ ended: 'aborted' });
  await new Promise((resolve) => setTimeout(resolve, STORE_POLL_INTERVAL_MS * 1.5));
  expect(store.reads.size).toBe(0);
});
