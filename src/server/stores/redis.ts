/**
 * `telegram-login-kit/server/redis`: the shared store for many server instances, on Redis ≥ 6.2.
 * It imports no Redis library: it sends plain commands through the client you pass (node-redis, or
 * ioredis), so the kit's other entry points never load one and you choose the client and its version.
 */
import { checkTtlSeconds, type TelegramAuthStore } from './store.js';

/** The part of a node-redis client (`createClient()` from `redis`) the store uses. */
export interface NodeRedisClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** The part of an ioredis client (`new Redis()` from `ioredis`) the store uses. */
export interface IoRedisClient {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * Sends one Redis command (`['SET', key, value, 'NX', 'EX', '600']`) and resolves with its reply:
 * strings (or bytes), integers, arrays, null. `key` is the command's key, for clients that route by key
 * (a cluster). For any other client: Upstash's REST API, a cluster client, a test double.
 */
export type RedisCommand = (args: string[], key: string) => Promise<unknown>;

export type RedisStoreOptions = {
  /**
   * Put before every key the kit writes. Default `tlk:`. Give each site (or each environment) sharing
   * one Redis its own prefix: stores with different prefixes never see each other's keys.
   */
  prefix?: string;
} & (
  | {
      /** A connected node-redis (`redis`) or ioredis client. */
      client: NodeRedisClient | IoRedisClient;
      command?: never;
    }
  | { command: RedisCommand; client?: never }
);

export const DEFAULT_REDIS_PREFIX = 'tlk:';

/**
 * INCR, and a TTL on a counter that has none (a new one): one atomic step, so a counter can never be
 * left without an expiry. PTTL gives the time left to the millisecond.
 */
const INCREMENT_SCRIPT = `local count = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1]) * 1000
end
return {count, left}`;

const decoder = new TextDecoder();

function describe(reply: unknown): string {
  return reply === null ? 'null' : Array.isArray(reply) ? 'an array' : typeof reply;
}

/** A bulk-string reply as a string; null (no such key) as undefined. */
function text(reply: unknown, command: string): string | undefined {
  if (reply === null || reply === undefined) return undefined;
  if (typeof reply === 'string') return reply;
  if (reply instanceof Uint8Array) return decoder.decode(reply);
  throw new Error(`Redis answered ${command} with ${describe(reply)}, expected a string or null`);
}

function integer(reply: unknown, command: string): number {
  const value = typeof reply === 'bigint' ? Number(reply) : reply;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`Redis answered ${command} with ${describe(reply)}, expected an integer`);
  return value;
}

function ok(reply: unknown, command: string): boolean {
  if (reply === null || reply === undefined) return false;
  if (text(reply, command) === 'OK') return true;
  throw new Error(`Redis answered ${command} with an unexpected reply`);
}

function commandOf(options: RedisStoreOptions): RedisCommand {
  if (typeof options.command === 'function') return options.command;
  const client = options.client as Partial<NodeRedisClient & IoRedisClient> | undefined;
  // ioredis first: its clients have a sendCommand too, taking a Command object.
  if (typeof client?.call === 'function') return ([name, ...args]) => client.call!(name!, ...args);
  if (typeof client?.sendCommand === 'function') {
    if (typeof (client as { getSlotMaster?: unknown }).getSlotMaster === 'function') {
      throw new TypeError('"client" is a node-redis cluster: pass { command: (args, key) => cluster.sendCommand(key, false, args) } instead');
    }
    return (args) => client.sendCommand!(args);
  }
  throw new TypeError(`"client" must be a node-redis client (createClient() from "redis") or an ioredis client, got ${client === null ? 'null' : typeof client}`);
}

/**
 * A {@link TelegramAuthStore} on Redis, for several server instances: `SET … NX EX` for single-use
 * values, `GETDEL` to use them up (of two instances racing for one nonce, one wins), an INCR script for
 * rate-limit counters, and Redis's own TTLs (nothing to sweep). Connect the client before the first
 * request, and listen to its `error` event (node-redis ends the process on an unheard one).
 */
export function createRedisStore(options: RedisStoreOptions): TelegramAuthStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('createRedisStore needs options: { client } (a node-redis or ioredis client)');
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  if (typeof prefix !== 'string') throw new TypeError(`"prefix" must be a string such as "tlk:myapp:", got ${typeof prefix}`);
  const send = commandOf(options);
  const run = (key: string, name: string, ...args: string[]) => {
    const full = prefix + key;
    return send([name, full, ...args], full);
  };

  return {
    async add(key, value, ttlSeconds) {
      return ok(await run(key, 'SET', value, 'NX', 'EX', String(checkTtlSeconds(ttlSeconds))), 'SET NX');
    },
    async set(key, value, ttlSeconds) {
      if (!ok(await run(key, 'SET', value, 'EX', String(checkTtlSeconds(ttlSeconds))), 'SET')) throw new Error('Redis did not set the key');
    },
    async get(key) {
      return text(await run(key, 'GET'), 'GET');
    },
    async take(key) {
      return text(await run(key, 'GETDEL'), 'GETDEL');
    },
    async delete(key) {
      integer(await run(key, 'DEL'), 'DEL');
    },
    async increment(key, windowSeconds) {
      const window = String(checkTtlSeconds(windowSeconds, 'windowSeconds'));
      const full = prefix + key;
      const reply = await send(['EVAL', INCREMENT_SCRIPT, '1', full, window], full);
      if (!Array.isArray(reply) || reply.length !== 2) throw new Error(`Redis answered the increment script with ${describe(reply)}, expected [count, ttl]`);
      const count = integer(reply[0], 'INCR');
      const leftMs = integer(reply[1], 'PTTL');
      return { count, resetSeconds: Math.max(1, Math.ceil(leftMs / 1000)) };
    },
  };
}

export type { TelegramAuthStore } from './store.js';
