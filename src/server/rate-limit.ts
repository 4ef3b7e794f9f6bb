/**
 * Rate limits per client on the routes that create state or check secrets, counted in the handler's
 * store: with a shared store (Redis) they hold across every instance. Fixed windows (`increment`).
 */
import { HttpError } from '../oauth/http-error.js';
import { clientBucket, connectionClientIp, type ClientIpResolver, type TelegramAuthRequestInfo } from './client-ip.js';
import { sha256Base64Url } from './secrets.js';
import type { TelegramAuthStore } from './stores/store.js';
import { shown } from './validate.js';

/** The routes with a limit of their own (later routes add their name here and a default below). */
export type RateLimitedRoute = 'nonce' | 'verify' | 'exchange' | 'login' | 'callback' | 'botStart' | 'botStatus';

export interface RateLimit {
  /** Requests one client may make in a window. */
  max: number;
  /** The window, in whole seconds. */
  windowSeconds: number;
}

/** `false` turns every limit off; a route set to `false` turns that one off; others keep their default. */
export type RateLimitOptions = false | Partial<Record<RateLimitedRoute, RateLimit | false>>;

/**
 * Per client address and minute. Generous on purpose: many users can share one address (an office, a
 * mobile carrier's NAT), and a page fetches a nonce each time it shows the button.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitedRoute, Readonly<RateLimit>>> = Object.freeze({
  nonce: { max: 120, windowSeconds: 60 },
  verify: { max: 30, windowSeconds: 60 },
  exchange: { max: 30, windowSeconds: 60 },
  login: { max: 60, windowSeconds: 60 },
  callback: { max: 30, windowSeconds: 60 },
  // A login request per click; a status poll at most every few seconds per waiting tab (each waits up to 25 s).
  botStart: { max: 30, windowSeconds: 60 },
  botStatus: { max: 120, windowSeconds: 60 },
});

const ROUTES = Object.keys(DEFAULT_RATE_LIMITS) as RateLimitedRoute[];
// The docs as the published package ships them (there is no repository URL yet).
const DOCS = 'https://cdn.jsdelivr.net/npm/telegram-login-kit/docs/stores.md#client-addresses-and-proxies';
// A key of the site's own (a user id, an API key) can be long: stored by its hash past this length.
const MAX_PLAIN_KEY = 64;

function checkLimit(value: unknown, route: string): RateLimit | false {
  if (value === false) return false;
  const limit = value as Partial<RateLimit> | null;
  const whole = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 1;
  if (typeof limit !== 'object' || limit === null || !whole(limit.max) || !whole(limit.windowSeconds)) {
    throw new TypeError(`"rateLimits.${route}" must be false or { max, windowSeconds } with whole numbers ≥ 1, e.g. { max: 30, windowSeconds: 60 }, got ${shown(value)}`);
  }
  return { max: limit.max!, windowSeconds: limit.windowSeconds! };
}

/** The limits in force, from the handler's `rateLimits` option. */
export function resolveRateLimits(option: RateLimitOptions | undefined): ReadonlyMap<RateLimitedRoute, RateLimit> {
  const limits = new Map<RateLimitedRoute, RateLimit>();
  if (option === false) return limits;
  if (option !== undefined && (typeof option !== 'object' || option === null || Array.isArray(option))) {
    throw new TypeError(`"rateLimits" must be false or an object such as { verify: { max: 10, windowSeconds: 60 } }, got ${shown(option)}`);
  }
  for (const key of Object.keys(option ?? {})) {
    if (!ROUTES.includes(key as RateLimitedRoute)) throw new TypeError(`"rateLimits.${key}" is not a rate-limited route: use ${ROUTES.join(', ')}`);
  }
  for (const route of ROUTES) {
    const limit = option && Object.hasOwn(option, route) ? checkLimit(option[route], route) : { ...DEFAULT_RATE_LIMITS[route] };
    if (limit) limits.set(route, limit);
  }
  return limits;
}

export function checkClientIp(value: unknown): ClientIpResolver | undefined {
  if (value === undefined || typeof value === 'function') return value as ClientIpResolver | undefined;
  throw new TypeError(`"clientIp" must be a function (request, info) => address, e.g. forwardedForClientIp({ proxies: 1 }), got ${shown(value)}`);
}

export interface RateLimiter {
  /** Counts the request; a 429 `rate_limited` HttpError (with `Retry-After`) when over the limit. */
  check(route: RateLimitedRoute, path: string, request: Request, info: TelegramAuthRequestInfo): Promise<void>;
}

export class RateLimitedError extends HttpError {
  constructor(
    path: string,
    readonly clientIp: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'rate_limited', `too many requests to ${path} from this client: try again in ${retryAfterSeconds} s`, { 'Retry-After': String(retryAfterSeconds) });
  }
}

function proxied(request: Request): string | undefined {
  return ['x-forwarded-for', 'forwarded', 'x-real-ip'].find((name) => request.headers.has(name));
}

export function createRateLimiter(limits: ReadonlyMap<RateLimitedRoute, RateLimit>, store: TelegramAuthStore, clientIp: ClientIpResolver | undefined): RateLimiter {
  let warned = false;
  /** Said once per handler: with the default, a proxy's clients share its address (or, on a private one, are not limited). */
  function warnProxy(header: string): void {
    if (warned) return;
    warned = true;
    console.warn(
      `telegram-login-kit: requests carry a "${header}" header, but rate limits count the connection's address; behind a proxy that is the proxy's (all its clients together, or unlimited on a private address). Set the handler's "clientIp" option, e.g. forwardedForClientIp({ proxies: 1 }). See ${DOCS}`,
    );
  }
  return {
    async check(route, path, request, info) {
      const limit = limits.get(route);
      if (!limit) return;
      if (!clientIp) {
        const header = proxied(request);
        if (header) warnProxy(header);
      }
      const client = await (clientIp ?? connectionClientIp)(request, info);
      if (client !== undefined && client !== null && typeof client !== 'string') throw new TypeError(`"clientIp" must return a string, null or undefined, got ${shown(client)}`);
      if (!client) return;
      const bucket = clientBucket(client);
      const key = bucket.length > MAX_PLAIN_KEY ? `#${await sha256Base64Url(bucket)}` : bucket;
      const { count, resetSeconds } = await store.increment(`rate:${route}:${key}`, limit.windowSeconds);
      if (count > limit.max) throw new RateLimitedError(path, client, resetSeconds);
    },
  };
}
