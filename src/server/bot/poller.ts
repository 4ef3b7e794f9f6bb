/**
 * `auth.pollBotUpdates({ signal })`: runs the bot by long polling (`getUpdates`) where Telegram cannot
 * reach a webhook (a laptop, a CI job, the mock). One loop per bot: Telegram allows one `getUpdates`
 * at a time and none while a webhook is set, and says so with a 409, which ends the loop with that
 * error. Network trouble and flood control are waited out; aborting the signal ends the loop at
 * once, with a last short call that confirms the updates already handled. An update in hand at the
 * abort has its Bot API calls abandoned (see `handleBotUpdate`) and counts as handled.
 */
import { TelegramLoginError } from '../../errors.js';
import { BotApiError, pause, type BotApiClient } from './api-client.js';
import type { BotApiUpdate } from './api-types.js';
import type { BotUpdateResult } from './update-result.js';

export interface PollBotUpdatesOptions {
  /** Ends the loop: the promise resolves once the current call is abandoned. Without it, the loop runs until the process ends. */
  signal?: AbortSignal;
  /** Seconds each `getUpdates` waits for an update (Telegram's long polling). Default 25. */
  timeoutSeconds?: number;
  /** Every update the kit does not take (`handled: false`): your own commands and buttons. Errors it throws are logged. */
  onUpdate?: (update: BotApiUpdate) => void | Promise<void>;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
const CONFIRM_TIMEOUT_MS = 3_000;

/** A failure that polling again cannot fix: a wrong token, a webhook in the way, another poller. */
function isFatal(error: unknown): boolean {
  return error instanceof BotApiError && (error.status === 401 || error.status === 403 || error.status === 404 || error.status === 409);
}

/** An object with an `update_id` Telegram could have sent: what the loop may hand on and confirm. */
function isUpdate(value: unknown): value is BotApiUpdate {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const id = (value as { update_id?: unknown }).update_id;
  return Number.isSafeInteger(id) && (id as number) >= 0;
}

/** What a junk entry is, without its content (which could be anything, however long). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object without a numeric "update_id"';
  return `a ${typeof value}`;
}

/** Acts on one update; Bot API calls it makes end when `signal` aborts. */
export type HandleUpdate = (update: unknown, signal: AbortSignal | undefined) => Promise<BotUpdateResult>;

export async function pollBotUpdates(api: BotApiClient, handle: HandleUpdate, options: PollBotUpdatesOptions = {}): Promise<void> {
  const { signal, onUpdate } = options;
  const timeout = options.timeoutSeconds ?? 25;
  if (!Number.isSafeInteger(timeout) || timeout < 0 || timeout > 50) throw new TypeError(`"timeoutSeconds" must be a whole number from 0 to 50, got ${String(timeout)}`);
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError('"signal" must be an AbortSignal');
  if (onUpdate !== undefined && typeof onUpdate !== 'function') throw new TypeError('"onUpdate" must be a function (update) => void');
  let offset: number | undefined;
  let unconfirmed = false;
  let retryMs = FIRST_RETRY_MS;
  let warnedJunk = false;

  while (!signal?.aborted) {
    let updates: BotApiUpdate[];
    try {
      updates = await api.getUpdates({ ...(offset === undefined ? {} : { offset }), timeout }, { signal });
      unconfirmed = false;
      retryMs = FIRST_RETRY_MS;
    } catch (error) {
      if (signal?.aborted) break;
      if (isFatal(error)) throw error;
      const waitMs = error instanceof BotApiError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : retryMs;
      console.warn(`telegram-login-kit: getUpdates failed, trying again in ${Math.ceil(waitMs / 1000)} s: ${error instanceof Error ? error.message : String(error)}`);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      await pause(waitMs, signal);
      continue;
    }
    for (const update of updates) {
      // The rest of the batch stays unconfirmed: Telegram hands it to the next poller.
      if (signal?.aborted) break;
      // Telegram sends only Update objects; anything else is an impostor's or a broken proxy's answer.
      if (!isUpdate(update)) {
        if (!warnedJunk) {
          warnedJunk = true;
          console.warn(`telegram-login-kit: getUpdates answered ${describe(update)} where an Update belongs; skipped (said once per poller): check "apiRoot"`);
        }
        continue;
      }
      try {
        const result = await handle(update, signal);
        if (!result.handled) await onUpdate?.(update);
      } catch (error) {
        // The store is down: keep the update (and the ones after it) for the next round.
        if (error instanceof TelegramLoginError && error.code === 'store_unavailable') {
          await pause(retryMs, signal);
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
          break;
        }
        console.error('telegram-login-kit: a bot update could not be handled', error);
      }
      offset = Math.max(offset ?? 0, update.update_id + 1);
      unconfirmed = true;
    }
  }
  // Telegram forgets updates below `offset` only on the next call: make one, short, so a restart does not see them again.
  if (unconfirmed && offset !== undefined) {
    await api.getUpdates({ offset, limit: 1, timeout: 0 }, { timeoutMs: CONFIRM_TIMEOUT_MS }).catch(() => undefined);
  }
}
