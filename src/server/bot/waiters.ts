/**
 * Wakes this instance's long polls when this instance decides a request: the poll answers at once
 * instead of at its next look at the store. Polls on other instances still find the decision in the
 * store, on their next look (see `STORE_POLL_INTERVAL_MS`).
 */
export interface Waiters {
  /** Resolves after `ms`, when `notify(id)` is called, or when `signal` aborts, whichever comes first. */
  wait(id: string, ms: number, signal?: AbortSignal): Promise<void>;
  notify(id: string): void;
}

/** How often a waiting poll looks at the store for a decision made on another instance. */
export const STORE_POLL_INTERVAL_MS = 1_000;

export function createWaiters(): Waiters {
  const waiting = new Map<string, Set<() => void>>();
  return {
    wait(id, ms, signal) {
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', wake);
          const set = waiting.get(id);
          set?.delete(wake);
          if (set?.size === 0) waiting.delete(id);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, ms));
        signal?.addEventListener('abort', wake, { once: true });
        if (signal?.aborted) return wake();
        let set = waiting.get(id);
        if (!set) waiting.set(id, (set = new Set()));
        set.add(wake);
      });
    },
    notify(id) {
      for (const wake of [...(waiting.get(id) ?? [])]) wake();
    },
  };
}
