/**
 * Bot login requests in the handler's store, so that the webhook can land on one server instance and
 * the browser's poll on another. The request itself never changes after it is created; every step
 * that must happen once is its own key, written with `add` (SET NX): the first Telegram user to press
 * Start claims it, the first decision (approved, denied, cancelled, expired) is final, and the
 * session is delivered once. The store never holds the start payload or the browser's secret, only
 * their SHA-256.
 *
 * Anyone can start a login without logging in, so a start writes one entry, and an evictable one: a
 * full store may forget it (the request is then gone for every step, which refuses), never a claim,
 * a decision or a revocation. The request id is the start payload's hash, so the payload finds its
 * request without a second entry.
 */
import { sha256Base64Url } from '../secrets.js';
import type { TelegramAuthStore } from '../stores/store.js';

export interface BotLoginRequest {
  /** {@link requestIdOf} the start payload. */
  id: string;
  /** SHA-256 of the secret in the browser's request cookie. */
  binding: string;
  /** The code the browser shows; one of `choices`. */
  matchCode: string;
  /** The three codes the bot offers, in the order it shows them. */
  choices: string[];
  browser?: string;
  os?: string;
  /** The page's language, for the bot's texts when Telegram sends no `language_code`. */
  lang?: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
}

/** The confirming Telegram user, as the Bot API gave it (no phone: bots do not get one). */
export interface BotLoginUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

export type BotOutcome =
  | { status: 'approved'; user: BotLoginUser; at: number }
  | { status: 'denied'; reason: 'not_me' | 'wrong_code'; tgId: number; at: number }
  | { status: 'cancelled'; at: number }
  | { status: 'expired'; at: number };

/** Who pressed Start for the request. */
export interface BotClaim {
  userId: number;
  chatId: number;
}

/** The bot's question message, to edit when the site cancels or the request expires. */
export interface BotPrompt {
  chatId: number;
  messageId: number;
  lang?: string;
}

/** A decided request is kept this long after it expires, so that a late poll hears `expired`, not 401. */
export const BOT_REQUEST_GRACE_SECONDS = 300;

export interface BotRequestStore {
  /** Stores a new request; its id must be {@link requestIdOf} its start payload. */
  create(request: BotLoginRequest): Promise<void>;
  get(id: string): Promise<BotLoginRequest | undefined>;
  /** Forgets a request at once (the handler holds too many): every later step finds nothing and refuses. */
  drop(id: string): Promise<void>;
  byPayload(payload: string): Promise<BotLoginRequest | undefined>;
  /** Claims the request for this Telegram user; resolves with the claim that holds (this one, or an earlier one). */
  claim(request: BotLoginRequest, claim: BotClaim): Promise<BotClaim>;
  claimOf(id: string): Promise<BotClaim | undefined>;
  setPrompt(request: BotLoginRequest, prompt: BotPrompt): Promise<void>;
  promptOf(id: string): Promise<BotPrompt | undefined>;
  /** Records the outcome unless there is one already; `won` says whether this call's counts. */
  decide(request: BotLoginRequest, outcome: BotOutcome): Promise<{ outcome: BotOutcome; won: boolean }>;
  outcomeOf(id: string): Promise<BotOutcome | undefined>;
  /** True exactly once per request: the poll that may set the session cookie. */
  deliver(request: BotLoginRequest): Promise<boolean>;
  /** True the first time an update id of this bot is seen (within `ttlSeconds`). */
  firstSeen(botId: number, updateId: number, ttlSeconds: number): Promise<boolean>;
  forgetUpdate(botId: number, updateId: number): Promise<void>;
}

/**
 * The request id of a start payload: 22 characters of its SHA-256 (132 bits), so the store needs no
 * entry from payload to request, and the id (which the browser and the bot's buttons carry) tells
 * nothing about the payload.
 */
export async function requestIdOf(payload: string): Promise<string> {
  return (await sha256Base64Url(payload)).slice(0, 22);
}

const key = {
  request: (id: string) => `bot-request:${id}`,
  claim: (id: string) => `bot-claim:${id}`,
  prompt: (id: string) => `bot-prompt:${id}`,
  outcome: (id: string) => `bot-outcome:${id}`,
  delivered: (id: string) => `bot-delivered:${id}`,
  update: (botId: number, updateId: number) => `bot-update:${botId}:${updateId}`,
};

/** A stored value as an object, or undefined when it is missing or not what the kit wrote. */
function parse<T>(value: string | undefined, valid: (parsed: Record<string, unknown>) => boolean): T | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && valid(parsed as Record<string, unknown>) ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}

const isRequest = (value: Record<string, unknown>) =>
  typeof value.id === 'string' && typeof value.binding === 'string' && typeof value.matchCode === 'string' && Array.isArray(value.choices) && typeof value.expiresAt === 'number';
const isClaim = (value: Record<string, unknown>) => Number.isSafeInteger(value.userId) && Number.isSafeInteger(value.chatId);
const isPrompt = (value: Record<string, unknown>) => Number.isSafeInteger(value.chatId) && Number.isSafeInteger(value.messageId);
const isOutcome = (value: Record<string, unknown>) => ['approved', 'denied', 'cancelled', 'expired'].includes(value.status as string);

export function createBotRequestStore(store: TelegramAuthStore): BotRequestStore {
  /** Every key of a request lives as long as the request plus the grace period. */
  const ttl = (request: BotLoginRequest) => Math.max(1, Math.ceil((request.expiresAt - Date.now()) / 1000) + BOT_REQUEST_GRACE_SECONDS);
  const read = <T>(name: string, valid: (parsed: Record<string, unknown>) => boolean) => async () => parse<T>(await store.get(name), valid);

  const requests: BotRequestStore = {
    async create(request) {
      // The id hashes a fresh random payload: a clash means a broken random source, never a reason to overwrite.
      if (!(await store.add(key.request(request.id), JSON.stringify(request), ttl(request), { evictable: true }))) throw new Error('bot login request id clash');
    },
    get: (id) => read<BotLoginRequest>(key.request(id), isRequest)(),
    drop: (id) => store.delete(key.request(id)),
    async byPayload(payload) {
      const id = await requestIdOf(payload);
      const request = await requests.get(id);
      return request?.id === id ? request : undefined;
    },
    async claim(request, claim) {
      if (await store.add(key.claim(request.id), JSON.stringify(claim), ttl(request))) return claim;
      return (await requests.claimOf(request.id)) ?? claim;
    },
    claimOf: (id) => read<BotClaim>(key.claim(id), isClaim)(),
    async setPrompt(request, prompt) {
      await store.set(key.prompt(request.id), JSON.stringify(prompt), ttl(request));
    },
    promptOf: (id) => read<BotPrompt>(key.prompt(id), isPrompt)(),
    async decide(request, outcome) {
      if (await store.add(key.outcome(request.id), JSON.stringify(outcome), ttl(request))) return { outcome, won: true };
      const earlier = await requests.outcomeOf(request.id);
      // Gone between the two calls (its time ran out): nothing can be decided any more.
      return { outcome: earlier ?? { status: 'expired', at: Date.now() }, won: false };
    },
    outcomeOf: (id) => read<BotOutcome>(key.outcome(id), isOutcome)(),
    deliver: (request) => store.add(key.delivered(request.id), '1', ttl(request)),
    firstSeen: (botId, updateId, ttlSeconds) => store.add(key.update(botId, updateId), '1', ttlSeconds),
    forgetUpdate: (botId, updateId) => store.delete(key.update(botId, updateId)),
  };
  return requests;
}
