/**
 * The long polls waiting on bot login requests in this handler instance. All polls waiting on one
 * request share one watch: one look at the store per interval, however many polls there are, for a
 * decision made on another instance; a decision made here reaches them at once, without a look. A
 * request has at most {@link MAX_WAITING_POLLS} polls waiting: a newer one ends the oldest, which
 * then answers `pending` (the element polls again), so one page cannot pin hundreds of connections.
 */
import type { BotOutcome } from './requests.js';

/** How often a request's watch looks at the store for a decision made on another instance. */
export const STORE_POLL_INTERVAL_MS = 1_000;
/** Polls one request may have waiting at once on one instance: the page's own, and a retry of it. */
export const MAX_WAITING_POLLS = 2;

/** How a wait ended: with the request's outcome, at its time, made way for a newer poll, or aborted by its client. */
export type WaitEnd = { outcome: BotOutcome } | { ended: 'time' | 'replaced' | 'aborted' };

export interface Waiters {
  /** Waits for `id`'s outcome until `until` (ms since the epoch); rejects when the store fails. */
  wait(id: string, until: number, signal?: AbortSignal): Promise<WaitEnd>;
  /** This instance decided `id`: its waiting polls answer at once. */
  notify(id: string, outcome: BotOutcome): void;
}

type Finish = (end: WaitEnd | { error: unknown }) => void;

interface Watch {
  /** In arrival order: the first is the oldest. */
  waiters: Set<Finish>;
  timer?: ReturnType<typeof setTimeout>;
  reading: boolean;
}

export function createWaiters(read: (id: string) => Promise<BotOutcome | undefined>): Waiters {
  const watches = new Map<string, Watch>();

  const endAll = (watch: Watch, end: WaitEnd | { error: unknown }) => {
    for (const finish of [...watch.waiters]) finish(end);
  };

  function schedule(id: string, watch: Watch): void {
    clearTimeout(watch.timer);
    watch.timer = setTimeout(() => void look(id, watch), STORE_POLL_INTERVAL_MS);
  }

  async function look(id: string, watch: Watch): Promise<void> {
    if (watch.reading) return;
    watch.reading = true;
    let end: WaitEnd | { error: unknown } | undefined;
    try {
      const outcome = await read(id);
      if (outcome) end = { outcome };
    } catch (error) {
      end = { error };
    }
    watch.reading = false;
    // Every poll left while the store answered: the watch is over.
    if (watches.get(id) !== watch) return;
    if (end) endAll(watch, end);
    else schedule(id, watch);
  }

  return {
    wait(id, until, signal) {
      return new Promise<WaitEnd>((resolve, reject) => {
        // A poll whose client already left takes no place, and no older poll makes way for it.
        if (signal?.aborted) return resolve({ ended: 'aborted' });
        let watch = watches.get(id);
        if (!watch) {
          watch = { waiters: new Set(), reading: false };
          watches.set(id, watch);
          schedule(id, watch);
        }
        const own = watch;
        const finish: Finish = (end) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', aborted);
          own.waiters.delete(finish);
          if (own.waiters.size === 0) {
            clearTimeout(own.timer);
            if (watches.get(id) === own) watches.delete(id);
          }
          if ('error' in end) reject(end.error);
          else resolve(end);
        };
        const aborted = () => finish({ ended: 'aborted' });
        const timer = setTimeout(() => finish({ ended: 'time' }), Math.max(0, until - Date.now()));
        // The oldest make way before this one joins.
        for (const older of [...own.waiters].slice(0, Math.max(0, own.waiters.size - MAX_WAITING_POLLS + 1))) older({ ended: 'replaced' });
        own.waiters.add(finish);
        signal?.addEventListener('abort', aborted, { once: true });
      });
    },
    notify(id, outcome) {
      const watch = watches.get(id);
      if (watch) endAll(watch, { outcome });
    },
  };
}
