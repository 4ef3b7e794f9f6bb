/**
 * How many login requests this handler instance has in the store, and which one to drop past the
 * cap. Anyone can start a login without logging in, and each start is an entry that lives the
 * request's time plus the grace period, decided or not. Past `bot.maxPendingRequests`, a new start
 * drops the oldest request this instance created: a flood from many addresses (each within its rate
 * limit) cannot grow the store without bound, while the newest logins, a real user's among them,
 * still work. Every request of a handler lives equally long, so the oldest is always first to go.
 */
export interface LiveRequests {
  /** Counts a new request alive until `until` (ms); resolves with the id of the one to drop, if any. */
  admit(id: string, until: number): string | undefined;
  readonly size: number;
}

export function createLiveRequests(max: number, clock: () => number = Date.now): LiveRequests {
  const queue: { id: string; until: number }[] = [];
  let head = 0;
  const size = () => queue.length - head;
  return {
    admit(id, until) {
      const now = clock();
      while (head < queue.length && queue[head]!.until <= now) head++;
      const dropped = size() >= max ? queue[head++]!.id : undefined;
      queue.push({ id, until });
      // Compacts now and then, so the array does not keep every request ever made.
      if (head > 1024 && head * 2 > queue.length) queue.splice(0, head), (head = 0);
      return dropped;
    },
    get size() {
      return size();
    },
  };
}
