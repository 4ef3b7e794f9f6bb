/**
 * Memory of the server kit: 150,000 nonce round trips through the memory store (8 in flight), and as many EdDSA
 * verifications as fit in a time budget; heap after GC at a first mark (after warm-up) and at the end.
 */
import type { MockTelegram } from 'telegram-login-kit/mock';
import { createMemoryStore, createNonceManager, verifyIdToken } from 'telegram-login-kit/server';
import { clientFor } from './login-client.js';
import { CONCURRENCY } from './verify.js';
import { assert, heapAfterGc } from './util.js';

// Stateless nonces cost two HMACs each (0.1–0.2 ms a round trip): 150,000 span ten or more lifetimes
// of the 2-second used-nonce markers, which is what could leak, in 15–30 s.
export const NONCE_ROUND_TRIPS = 150_000;
export const VERIFY_TARGET = 1_000_000;
const FIRST_MARK = 0.1;

export interface MemoryResult {
  nonces: { roundTrips: number; seconds: number; heapAtFirstMark: number; heapAtEnd: number; growth: number };
  verifications: { target: number; done: number; atFirstMark: number; seconds: number; heapAtFirstMark: number; heapAtEnd: number; growth: number };
}

// The browser binding /nonce keeps in a cookie: one browser doing every round trip.
const BINDING = 'bench-browser-binding-0123456789-abcdefghij';

export async function runMemory(mock: MockTelegram, verifyBudgetMs: number): Promise<MemoryResult> {
  // Nonces: issue + consume, as /nonce then /verify do. Each must be consumed exactly once.
  const nonces = createNonceManager({ secret: 'bench-nonce-secret-of-at-least-32-characters', store: createMemoryStore() });
  let issued = 0;
  /** Round trips until `target` in total, CONCURRENCY in flight (WebCrypto's HMAC runs off the main thread). */
  const roundTrips = (target: number) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < target) {
          const i = issued++;
          // Two seconds: long enough to be used at once, short enough that the used-nonce markers expire as fast as they come.
          const nonce = await nonces.issue({ binding: BINDING, ttlSeconds: 2 });
          if ((await nonces.consume(nonce, { binding: BINDING })) !== true) throw new Error(`nonce ${i} was not consumed`);
          if (i % 1000 === 0 && (await nonces.consume(nonce, { binding: BINDING })) !== false) throw new Error(`nonce ${i} was consumed twice`);
        }
      }),
    );
  let t0 = performance.now();
  await roundTrips(NONCE_ROUND_TRIPS * FIRST_MARK);
  const heapAtFirstMark = await heapAfterGc();
  await roundTrips(NONCE_ROUND_TRIPS);
  const nonceSeconds = (performance.now() - t0) / 1000;
  const nonceEnd = await heapAfterGc();

  // Verifications: EdDSA tokens (the cheapest signature), CONCURRENCY in flight.
  const client = clientFor(mock, 'EdDSA');
  const tokens: string[] = [];
  for (let i = 0; i < 64; i++) tokens.push(await mock.mintIdToken({ clientId: client.id }));
  const options = { clientId: client.id, issuer: mock.issuer, algorithms: ['EdDSA' as const] };
  await verifyIdToken(tokens[0]!, options);
  let done = 0;
  /** Verifies until `target` in total or `deadline`, CONCURRENCY in flight; every result is checked. */
  const run = (target: number, deadline: number) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (done < target && performance.now() < deadline) {
          const i = done++;
          if ((await verifyIdToken(tokens[i % tokens.length]!, options)).aud !== client.id) throw new Error('wrong audience');
        }
      }),
    );
  t0 = performance.now();
  await run(VERIFY_TARGET * FIRST_MARK, t0 + verifyBudgetMs * FIRST_MARK);
  const atFirstMark = done;
  const verifyFirstMark = await heapAfterGc();
  await run(VERIFY_TARGET, t0 + verifyBudgetMs);
  const verifyEnd = await heapAfterGc();
  assert(done > 0, 'no verifications ran');
  return {
    nonces: { roundTrips: NONCE_ROUND_TRIPS, seconds: nonceSeconds, heapAtFirstMark, heapAtEnd: nonceEnd, growth: nonceEnd - heapAtFirstMark },
    verifications: {
      target: VERIFY_TARGET,
      done,
      atFirstMark,
      seconds: (performance.now() - t0) / 1000,
      heapAtFirstMark: verifyFirstMark,
      heapAtEnd: verifyEnd,
      growth: verifyEnd - verifyFirstMark,
    },
  };
}
