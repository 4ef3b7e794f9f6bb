/**
 * The one Bot API client of the server kit: bot login, and later step-up and `login_url`, talk to
 * Telegram through it. POST with a JSON body to `<apiRoot>/bot<token>/<method>`, a timeout on every
 * call, Telegram's `ok: false` answers as typed errors, a short `retry_after` waited out once. The
 * token is in every URL, so no message, error or log line of this module ever carries a URL.
 */
import { TelegramLoginError } from '../../errors.js';
import { checkApiRoot, checkBotToken, ownOptions, shown } from '../validate.js';
import type {
  BotApiInlineKeyboardMarkup,
  BotApiMessage,
  BotApiTextMessage,
  BotApiUpdate,
  BotApiUser,
  BotApiWebhookInfo,
} from './api-types.js';

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export interface BotApiClientOptions {
  /** The bot token from BotFather. */
  token: string;
  /** Default `https://api.telegram.org`; the mock's issuer in tests. */
  apiRoot?: string;
  /** Milliseconds a call may take (a long-polling `getUpdates` gets its `timeout` on top). Default 10 000. */
  timeoutMs?: number;
  /** A 429 whose `retry_after` is at most this many seconds is waited out and sent again, once. Default 5. */
  maxRetryAfterSeconds?: number;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
}

export interface BotApiCallOptions {
  /** Aborting ends the call with `reason: 'aborted'`. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Why a call failed: Telegram said no, no answer in time, no connection, an answer that is not the Bot API's, or the caller aborted. */
export type BotApiFailure = 'refused' | 'timeout' | 'network' | 'malformed' | 'aborted';

/** A failed Bot API call (`code: 'bot_api_failed'`); `reason` says how, the fields what Telegram answered. */
export class BotApiError extends TelegramLoginError {
  declare readonly reason: BotApiFailure;
  /** The method called, e.g. `sendMessage`. */
  readonly method: string;
  /** Telegram's `error_code` (400, 401, 403, 409, 429, 5xx), when it answered. */
  readonly status?: number;
  /** Telegram's `description`, e.g. `Bad Request: chat not found`, when it answered. */
  readonly description?: string;
  /** From a 429: seconds until Telegram takes calls again. */
  readonly retryAfterSeconds?: number;

  constructor(method: string, reason: BotApiFailure, message: string, details: { status?: number; description?: string; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super('bot_api_failed', `Bot API ${method}: ${message}`, { reason, cause: details.cause });
    this.method = method;
    if (details.status !== undefined) this.status = details.status;
    if (details.description !== undefined) this.description = details.description;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export interface BotApiClient {
  readonly apiRoot: string;
  /** The bot's user id: the number before the colon in its token. */
  readonly botId: number;
  /** Any Bot API method; resolves with its `result`. */
  call<T>(method: string, params?: object, options?: BotApiCallOptions): Promise<T>;
  getMe(options?: BotApiCallOptions): Promise<BotApiUser>;
  sendMessage(params: BotApiTextMessage, options?: BotApiCallOptions): Promise<BotApiMessage>;
  editMessageText(params: BotApiTextMessage & { message_id: number }, options?: BotApiCallOptions): Promise<BotApiMessage | true>;
  answerCallbackQuery(params: { callback_query_id: string; text?: string; show_alert?: boolean }, options?: BotApiCallOptions): Promise<true>;
  /** `timeout` is the long-polling time in seconds; the call's own timeout is added to it. */
  getUpdates(params: { offset?: number; limit?: number; timeout?: number; allowed_updates?: string[] }, options?: BotApiCallOptions): Promise<BotApiUpdate[]>;
  setWebhook(params: { url: string; secret_token?: string; allowed_updates?: string[]; drop_pending_updates?: boolean }, options?: BotApiCallOptions): Promise<true>;
  deleteWebhook(params?: { drop_pending_updates?: boolean }, options?: BotApiCallOptions): Promise<true>;
  getWebhookInfo(options?: BotApiCallOptions): Promise<BotApiWebhookInfo>;
}

export type { BotApiInlineKeyboardMarkup };

const METHOD = /^[A-Za-z]{1,64}$/;

function checkMilliseconds(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < 1) throw new TypeError(`"${option}" must be a whole number of milliseconds ≥ 1, got ${shown(value)}`);
  return value as number;
}

/** Waits `ms`, or less if `signal` aborts first (then it resolves, never rejects). */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Telegram's answer: `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }`. */
function readAnswer(method: string, body: unknown, httpStatus: number): unknown {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as { ok?: unknown; result?: unknown; error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
  if (answer.ok === true && 'result' in answer) return answer.result;
  if (answer.ok !== false || !Number.isSafeInteger(answer.error_code)) throw new BotApiError(method, 'malformed', `the answer (HTTP ${httpStatus}) is not a Bot API answer: check "apiRoot"`);
  const status = answer.error_code as number;
  const description = typeof answer.description === 'string' ? answer.description.slice(0, 300) : undefined;
  const retryAfter = answer.parameters?.retry_after;
  const retryAfterSeconds = Number.isSafeInteger(retryAfter) && (retryAfter as number) >= 0 ? (retryAfter as number) : undefined;
  throw new BotApiError(method, 'refused', `${status} ${description ?? 'without a description'}`, { status, description, retryAfterSeconds });
}

/** A Bot API client for one bot. Bad options throw a `TypeError` naming them. */
export function createBotApiClient(given: BotApiClientOptions): BotApiClient {
  const options = ownOptions(given, 'createBotApiClient');
  const token = checkBotToken(options.token, 'token');
  const apiRoot = checkApiRoot(options.apiRoot ?? DEFAULT_API_ROOT, 'apiRoot');
  const timeoutMs = checkMilliseconds(options.timeoutMs, 'timeoutMs', 10_000);
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 5;
  if (typeof maxRetryAfterSeconds !== 'number' || !(maxRetryAfterSeconds >= 0)) throw new TypeError(`"maxRetryAfterSeconds" must be a number ≥ 0, got ${shown(maxRetryAfterSeconds)}`);
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  // Nothing this module says may carry the token, even inside a message it passes on.
  const redact = (text: string) => text.split(token).join('<token>');

  async function once(method: string, params: object, signal: AbortSignal | undefined, ms: number): Promise<unknown> {
    const timeout = AbortSignal.timeout(ms);
    let body: unknown;
    let httpStatus = 0;
    try {
      const response = await send(`${apiRoot}/bot${token}/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        // A redirect would carry the token's path to another host.
        redirect: 'error',
      });
      httpStatus = response.status;
      // A body that is not JSON is an impostor's answer (malformed, below), unless the time ran out reading it.
      body = await response.json().catch((error: unknown) => (signal?.aborted || timeout.aborted ? Promise.reject(error) : undefined));
    } catch (error) {
      if (signal?.aborted) throw new BotApiError(method, 'aborted', 'the call was aborted');
      if (timeout.aborted) throw new BotApiError(method, 'timeout', `no answer within ${ms} ms`);
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new BotApiError(method, 'network', `could not reach ${apiRoot} (${redact(cause instanceof Error ? cause.message : String(cause))})`, { cause });
    }
    return readAnswer(method, body, httpStatus);
  }

  async function call<T>(method: string, params: object = {}, callOptions: BotApiCallOptions = {}): Promise<T> {
    if (typeof method !== 'string' || !METHOD.test(method)) throw new TypeError(`a Bot API method is a name like sendMessage, got ${shown(method)}`);
    const ms = checkMilliseconds(callOptions.timeoutMs, 'timeoutMs', timeoutMs);
    for (let attempt = 1; ; attempt++) {
      try {
        return (await once(method, params, callOptions.signal, ms)) as T;
      } catch (error) {
        // Telegram's flood control: a short wait is waited out once; a long one is the caller's to handle.
        const wait = error instanceof BotApiError && error.status === 429 ? error.retryAfterSeconds : undefined;
        if (attempt > 1 || wait === undefined || wait > maxRetryAfterSeconds) throw error;
        await pause(wait * 1000, callOptions.signal);
        if (callOptions.signal?.aborted) throw new BotApiError(method, 'aborted', 'the call was aborted');
      }
    }
  }

  return {
    apiRoot,
    botId: Number(token.slice(0, token.indexOf(':'))),
    call,
    getMe: (o) => call('getMe', {}, o),
    sendMessage: (p, o) => call('sendMessage', p, o),
    editMessageText: (p, o) => call('editMessageText', p, o),
    answerCallbackQuery: (p, o) => call('answerCallbackQuery', p, o),
    async getUpdates(p, o = {}) {
      const pollMs = Math.max(0, p.timeout ?? 0) * 1000;
      const updates = await call<unknown>('getUpdates', p, { ...o, timeoutMs: pollMs + (o.timeoutMs ?? timeoutMs) });
      if (!Array.isArray(updates)) throw new BotApiError('getUpdates', 'malformed', 'the result is not a list of updates');
      return updates as BotApiUpdate[];
    },
    setWebhook: (p, o) => call('setWebhook', p, o),
    deleteWebhook: (p = {}, o) => call('deleteWebhook', p, o),
    getWebhookInfo: (o) => call('getWebhookInfo', {}, o),
  };
}
