import { TelegramLoginError } from '../../errors.js';
import type { TelegramAuthStore } from './store.js';

/** Milliseconds a store call may take before the request is refused. */
export const DEFAULT_STORE_TIMEOUT_MS = 2_000;

const GUARDED = Symbol('telegram-login-kit.guarded-store');

function unavailable(method: string, cause: unknown): TelegramLoginError {
  if (cause instanceof TelegramLoginError) return cause;
  // The cause (host names, credentials in a URL) goes to the server log only.
  console.error(`telegram-login-kit: the store failed in ${method}()`, cause);
  return new TelegramLoginError('store_unavailable', 'the session store is unavailable; try again shortly', { cause });
}

/**
 * The store as the kit uses it: every call bounded by a timeout, and every failure (a thrown error,
 * a rejected promise, a timeout) turned into `store_unavailable`, which the handler answers with 503.
 * A failing store refuses; it never lets a check pass.
 */
export function guardStore(store: TelegramAuthStore, timeoutMs = DEFAULT_STORE_TIMEOUT_MS): TelegramAuthStore {
  if ((store as { [GUARDED]?: boolean })[GUARDED]) return store;
  for (const method of ['add', 'set', 'get', 'take', 'delete', 'increment'] as const) {
    if (typeof store?.[method] !== 'function') throw new TypeError(`"store" must implement ${method}() (see TelegramAuthStore), got ${store === null ? 'null' : typeof store}`);
  }
  function call<T>(method: string, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Settles once: a call that fails after its timeout was already answered (and logged).
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        finish();
      };
      const timer = setTimeout(() => settle(() => reject(unavailable(method, new Error(`no answer within ${timeoutMs} ms`)))), timeoutMs);
      let pending: Promise<T>;
      try {
        pending = Promise.resolve(run());
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(unavailable(method, error))),
      );
    });
  }
  // Adapters return what their client gives (Redis answers null for a missing key): the kit gets
  // exactly the documented types, or the call fails as store_unavailable.
  const optionalString = (method: string) => (value: unknown) => {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'string') throw new TypeError(`${method}() must resolve with a string or undefined, got ${typeof value}`);
    return value;
  };
  const boolean = (value: unknown) => {
    if (typeof value !== 'boolean') throw new TypeError(`add() must resolve with true or false, got ${typeof value}`);
    return value;
  };
  const counter = (value: unknown) => {
    const { count, resetSeconds } = (value ?? {}) as { count?: unknown; resetSeconds?: unknown };
    if (!Number.isSafeInteger(count) || !Number.isFinite(resetSeconds)) throw new TypeError('increment() must resolve with { count, resetSeconds }');
    return { count: count as number, resetSeconds: resetSeconds as number };
  };
  return {
    [GUARDED]: true,
    // The hint goes on only when given: a store of the site's own sees the calls it always saw.
    add: (key, value, ttl, options) => call('add', async () => boolean(await (options ? store.add(key, value, ttl, options) : store.add(key, value, ttl)))),
    set: (key, value, ttl) => call('set', async () => void (await store.set(key, value, ttl))),
    get: (key) => call('get', async () => optionalString('get')(await store.get(key))),
    take: (key) => call('take', async () => optionalString('take')(await store.take(key))),
    delete: (key) => call('delete', async () => void (await store.delete(key))),
    increment: (key, window) => call('increment', async () => counter(await store.increment(key, window))),
  } as TelegramAuthStore;
}
