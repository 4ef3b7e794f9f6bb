/**
 * A bounded in-memory map whose entries expire: the core of the mock's pending requests and codes and
 * of the server kit's memory store. What happens when it is full is the caller's choice:
 * `evict-oldest` forgets the oldest live entries (fine for a test provider), `refuse` throws
 * {@link ExpiringMapFullError} and forgets nothing (a revocation must never be forgotten early).
 */
export interface ExpiringMapOptions {
  /** Most live entries. */
  max: number;
  /** When a new key arrives at `max` live entries. */
  whenFull: 'evict-oldest' | 'refuse';
  /** Milliseconds since the epoch. Default `Date.now`. */
  clock?: () => number;
}

export class ExpiringMapFullError extends Error {
  override readonly name = 'ExpiringMapFullError';
}

export interface ExpiringMap<T> {
  /** Sets `key` until `expiresAt` (milliseconds). Overwriting an existing key never fails. */
  set(key: string, value: T, expiresAt: number): void;
  /** Sets `key` only when it is absent or expired; true when it was set. */
  add(key: string, value: T, expiresAt: number): boolean;
  get(key: string): T | undefined;
  /** Milliseconds until `key` expires, or undefined when it is absent or expired. */
  expiresIn(key: string): number | undefined;
  /** Removes and returns the live value: a second take of the same key finds nothing. */
  take(key: string): T | undefined;
  delete(key: string): void;
  readonly size: number;
}

const SWEEP_INTERVAL_MS = 1000;

export function createExpiringMap<T>({ max, whenFull, clock = Date.now }: ExpiringMapOptions): ExpiringMap<T> {
  if (!Number.isSafeInteger(max) || max < 1) throw new TypeError(`"max" must be a positive whole number, got ${String(max)}`);
  const entries = new Map<string, { value: T; expiresAt: number }>();
  // The earliest expiry seen since the last sweep: while nothing can have expired, a full map
  // refuses (or evicts) without scanning every entry again.
  let earliest = Number.POSITIVE_INFINITY;
  // Writes also sweep expired entries, at most once a second: memory follows what is live, not the
  // largest burst since start (a full map would sweep too, but only once it is full).
  let lastSweep = clock();

  function sweepNow(): void {
    const now = clock();
    if (now - lastSweep < SWEEP_INTERVAL_MS) return;
    lastSweep = now;
    dropExpired();
  }

  function live(key: string): { value: T; expiresAt: number } | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > clock()) return entry;
    entries.delete(key);
    return undefined;
  }

  function dropExpired(): void {
    const now = clock();
    if (now < earliest) return;
    earliest = Number.POSITIVE_INFINITY;
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= now) entries.delete(key);
      else earliest = Math.min(earliest, entry.expiresAt);
    }
  }

  function makeRoom(): void {
    if (entries.size < max) return;
    dropExpired();
    if (entries.size < max) return;
    if (whenFull === 'refuse') throw new ExpiringMapFullError(`the in-memory store holds ${max} live entries and forgets none before they expire`);
    for (const oldest of entries.keys()) {
      if (entries.size < max) break;
      entries.delete(oldest);
    }
  }

  return {
    set(key, value, expiresAt) {
      sweepNow();
      if (!live(key)) makeRoom();
      // Re-setting moves the key to the end, so eviction order stays "oldest first".
      entries.delete(key);
      entries.set(key, { value, expiresAt });
      earliest = Math.min(earliest, expiresAt);
    },
    add(key, value, expiresAt) {
      sweepNow();
      if (live(key)) return false;
      makeRoom();
      entries.set(key, { value, expiresAt });
      earliest = Math.min(earliest, expiresAt);
      return true;
    },
    get: (key) => live(key)?.value,
    expiresIn(key) {
      const entry = live(key);
      return entry ? entry.expiresAt - clock() : undefined;
    },
    take(key) {
      const entry = live(key);
      entries.delete(key);
      return entry?.value;
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
