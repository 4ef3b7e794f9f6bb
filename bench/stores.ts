/**
 * The handler's library flow, `GET /nonce` then `POST /verify`, with the memory store and with Redis
 * (a real redis-server started here, node-redis) side by side, in alternating rounds: round trips per
 * second and latency.
 * Rate limits stay on (raised out of reach) so every request pays for its counter, as on a real site.
 * Tokens are minted between the two steps and not timed: the figures are the handler and its store.
 */
import type { MockTelegram } from 'telegram-login-kit/mock';
import { createMemoryStore, createTelegramAuthHandler, type TelegramAuthHandler, type TelegramAuthStore } from 'telegram-login-kit/server';
import { createRedisStore } from 'telegram-login-kit/server/redis';
import { createClient } from 'redis';
import { startRedisServer } from '../e2e/redis-server.js';
import { clientFor } from './login-client.js';
import { assert, ms, percentile } from './util.js';

/** Round trips per store, in alternating rounds so that background load hits both stores alike. */
export const STORE_ROUND_TRIPS = 3_000;
const ROUNDS = 3;
/** Requests in flight at once. */
export const STORE_CONCURRENCY = 16;
const SITE = 'http://localhost:3000';
const CLIENT = { remoteAddress: '203.0.113.10' };
const OUT_OF_REACH = { max: 1_000_000_000, windowSeconds: 60 };

export interface StoreRow {
  store: string;
  roundTrips: number;
  perSecond: number;
  p50: number;
  p99: number;
  nonceP99: number;
  verifyP99: number;
}

export interface StoresResult {
  memory: StoreRow;
  redis: StoreRow;
  redisVersion: string;
}

/** Runs `count` tasks, `STORE_CONCURRENCY` at a time. */
async function pool(count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: STORE_CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await run();
  return [value, performance.now() - t0];
}

/** One round: wall times and per-request latencies. */
interface Round {
  wallMs: number;
  nonceMs: number[];
  verifyMs: number[];
}

async function measure(name: string, mock: MockTelegram, store: TelegramAuthStore, count: number): Promise<Round> {
  const bot = clientFor(mock, 'EdDSA');
  const handler: TelegramAuthHandler = createTelegramAuthHandler({
    clientId: bot.id,
    clientSecret: bot.secret,
    issuer: mock.issuer,
    algorithms: ['EdDSA'],
    redirectUri: `${SITE}/auth/telegram/callback`,
    session: { secret: 'bench-session-secret-0123456789-abcdef' },
    store,
    rateLimits: { nonce: OUT_OF_REACH, verify: OUT_OF_REACH },
  });
  const nonces: { nonce: string; cookie: string }[] = [];
  const nonceMs: number[] = [];
  const [, nonceWall] = await timed(() =>
    pool(count, async (index) => {
      const [response, took] = await timed(() => handler(new Request(`${SITE}/auth/telegram/nonce`), CLIENT));
      assert(response.status === 200, `${name}: /nonce answered ${response.status}`);
      nonces[index] = { nonce: ((await response.json()) as { nonce: string }).nonce, cookie: response.headers.getSetCookie()[0]!.split(';')[0]! };
      nonceMs[index] = took;
    }),
  );
  const tokens: string[] = [];
  await pool(count, async (index) => void (tokens[index] = await mock.mintIdToken({ clientId: bot.id, nonce: nonces[index]!.nonce })));
  const verifyMs: number[] = [];
  const verify = (index: number) =>
    handler(
      new Request(`${SITE}/auth/telegram/verify`, {
        method: 'POST',
        headers: { Origin: SITE, 'Content-Type': 'application/json', Cookie: nonces[index]!.cookie },
        body: JSON.stringify({ idToken: tokens[index] }),
      }),
      CLIENT,
    );
  const [, verifyWall] = await timed(() =>
    pool(count, async (index) => {
      const [response, took] = await timed(() => verify(index));
      assert(response.status === 200, `${name}: /verify answered ${response.status}: ${await response.text()}`);
      verifyMs[index] = took;
    }),
  );
  assert((await verify(0)).status === 400, `${name}: a replayed token was accepted`);
  return { wallMs: nonceWall + verifyWall, nonceMs, verifyMs };
}

function summary(name: string, rounds: Round[]): StoreRow {
  const nonceMs = rounds.flatMap((round) => round.nonceMs);
  const verifyMs = rounds.flatMap((round) => round.verifyMs);
  const roundTrip = nonceMs.map((took, index) => took + verifyMs[index]!);
  const wallMs = rounds.reduce((sum, round) => sum + round.wallMs, 0);
  return {
    store: name,
    roundTrips: roundTrip.length,
    perSecond: roundTrip.length / (wallMs / 1000),
    p50: percentile(roundTrip, 50),
    p99: percentile(roundTrip, 99),
    nonceP99: percentile(nonceMs, 99),
    verifyP99: percentile(verifyMs, 99),
  };
}

export async function runStores(mock: MockTelegram): Promise<StoresResult> {
  const server = await startRedisServer();
  const client = createClient({ url: server.url });
  client.on('error', (error: unknown) => process.stderr.write(`bench: redis client: ${String(error)}\n`));
  try {
    await client.connect();
    const info = await client.info('server');
    const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    // Warm-up (JIT, JWKS cache, connections), then the stores in turn, round by round.
    await measure('warm-up', mock, createMemoryStore(), 200);
    await measure('warm-up', mock, createRedisStore({ client, prefix: 'bench-warm:' }), 200);
    const memory: Round[] = [];
    const redis: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      memory.push(await measure('memory', mock, createMemoryStore(), STORE_ROUND_TRIPS / ROUNDS));
      redis.push(await measure('Redis', mock, createRedisStore({ client, prefix: `bench${round}:` }), STORE_ROUND_TRIPS / ROUNDS));
    }
    return { memory: summary('memory', memory), redis: summary('Redis', redis), redisVersion };
  } finally {
    await client.close().catch(() => undefined);
    await server.close();
  }
}

const n0 = (value: number) => Math.round(value).toLocaleString('en-US');

/** The table rows of this phase: [area, measurement, result, budget, verdict]. */
export function storeRows(result: StoresResult): string[][] {
  const row = (r: StoreRow, what: string) => [
    'Stores',
    `\`/nonce\` + \`/verify\` through the handler, ${what}, ${n0(r.roundTrips)} round trips, ${STORE_CONCURRENCY} in flight, rate limits counted`,
    `${n0(r.perSecond)} round trips/s; p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (/nonce p99 ${ms(r.nonceP99)}, /verify p99 ${ms(r.verifyP99)})`,
    '',
    '',
  ];
  return [row(result.memory, 'memory store'), row(result.redis, `Redis store (redis-server ${result.redisVersion} on this machine, node-redis)`)];
}
