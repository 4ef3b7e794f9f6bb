/**
 * The mock provider under load: complete code-flow logins (GET /auth with auto-consent -> POST /token
 * -> verifyIdToken) from 32 concurrent clients, in this process; then a volume run on an EdDSA bot
 * (cheap signing) to see whether the heap stays flat.
 */
import type { MockTelegram } from 'telegram-login-kit/mock';
import { verifyIdToken } from 'telegram-login-kit/server';
import { clientFor, httpCodeLogin } from './login-client.js';
import { assert, heapAfterGc, percentile } from './util.js';

export const CLIENTS = 32;
const WINDOW_MS = 3000;
export const VOLUME_TARGET = 100_000;
export const VOLUME_FIRST_MARK = 10_000;

export interface MockThroughput {
  alg: string;
  clients: number;
  windowMs: number;
  logins: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface MockVolume {
  alg: string;
  target: number;
  logins: number;
  seconds: number;
  perSecond: number;
  heapAtFirstMark: number;
  heapAtEnd: number;
  growth: number;
}

async function loop(mock: MockTelegram, alg: 'RS256' | 'EdDSA', until: (done: number) => boolean, latencies?: number[]): Promise<number> {
  const client = clientFor(mock, alg);
  const options = { clientId: client.id, issuer: mock.issuer, algorithms: [alg] };
  let done = 0;
  let started = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (!until(started)) {
        started++;
        const t0 = performance.now();
        const claims = await verifyIdToken(await httpCodeLogin(mock, client), options);
        if (claims.aud !== client.id) throw new Error('login verified for the wrong audience');
        latencies?.push(performance.now() - t0);
        done++;
      }
    }),
  );
  return done;
}

export async function runMockThroughput(mock: MockTelegram): Promise<MockThroughput> {
  await loop(mock, 'RS256', (n) => n >= 200); // warm-up
  const latencies: number[] = [];
  const t0 = performance.now();
  const end = t0 + WINDOW_MS;
  const logins = await loop(mock, 'RS256', () => performance.now() >= end, latencies);
  const seconds = (performance.now() - t0) / 1000;
  assert(logins > 0, 'no logins completed');
  return {
    alg: 'RS256',
    clients: CLIENTS,
    windowMs: WINDOW_MS,
    logins,
    perSecond: logins / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Up to VOLUME_TARGET logins, or fewer when `budgetMs` runs out; heap after GC at the first mark and at the end. */
export async function runMockVolume(mock: MockTelegram, budgetMs: number): Promise<MockVolume> {
  const t0 = performance.now();
  const first = await loop(mock, 'EdDSA', (n) => n >= VOLUME_FIRST_MARK);
  const heapAtFirstMark = await heapAfterGc();
  const deadline = t0 + budgetMs;
  const rest = await loop(mock, 'EdDSA', (n) => n >= VOLUME_TARGET - first || performance.now() >= deadline);
  const heapAtEnd = await heapAfterGc();
  const logins = first + rest;
  const seconds = (performance.now() - t0) / 1000;
  return {
    alg: 'EdDSA',
    target: VOLUME_TARGET,
    logins,
    seconds,
    perSecond: logins / seconds,
    heapAtFirstMark,
    heapAtEnd,
    growth: heapAtEnd - heapAtFirstMark,
  };
}
