/**
 * `auth.handleBotUpdate(update)`: the kit's part of a bot. It takes only its own updates (a
 * `/start tlk_…` in a private chat, a button whose data starts with `tlk:`) and says `handled: false`
 * for everything else, so a site's own bot code (grammY, Telegraf, a webhook of its own) goes on with
 * it. Each update of the kit's is acted on once: its `update_id` is remembered in the store.
 */
import { TelegramLoginError } from '../../errors.js';
import { botOf, type HandlerContext } from '../handler-options.js';
import { emit } from '../routes/complete-login.js';
import type { BotApiUser } from './api-types.js';
import { onCallback } from './callback.js';
import { BOT_REQUEST_GRACE_SECONDS } from './requests.js';
import { onStart } from './start-command.js';
import { CALLBACK_PREFIX, START_PREFIX } from './tokens.js';
import { refused, type BotUpdateResult, type DataCallbackQuery, type SentMessage } from './update-result.js';

export type { BotRefusal, BotUpdateResult } from './update-result.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isUser(value: unknown): value is BotApiUser {
  return isObject(value) && Number.isSafeInteger(value.id) && typeof value.first_name === 'string' && value.is_bot !== true;
}

// `/start <payload>` (or `/start@ThisBot <payload>`); Telegram sends the deep link's payload so.
const START = /^\/start(?:@([A-Za-z0-9_]{1,64}))?[ \t]+(\S+)[ \t]*$/;

type Ours = { kind: 'start'; message: SentMessage; payload: string } | { kind: 'callback'; query: DataCallbackQuery };

function classify(update: Record<string, unknown>, username: string): Ours | undefined {
  const message = update.message;
  if (isObject(message) && typeof message.text === 'string' && isUser(message.from) && isObject(message.chat) && Number.isSafeInteger(message.chat.id)) {
    const match = START.exec(message.text);
    const addressed = match?.[1] === undefined || match[1].toLowerCase() === username.toLowerCase();
    if (match && addressed && match[2]!.startsWith(START_PREFIX)) return { kind: 'start', message: message as unknown as SentMessage, payload: match[2]! };
  }
  const query = update.callback_query;
  if (isObject(query) && typeof query.data === 'string' && query.data.startsWith(CALLBACK_PREFIX) && typeof query.id === 'string' && isUser(query.from)) {
    return { kind: 'callback', query: query as unknown as DataCallbackQuery };
  }
  return undefined;
}

export interface HandleBotUpdateOptions {
  /**
   * Abandons the Bot API calls still running when it aborts (the poller's shutdown). What was stored
   * stays, and every stored step is whole: a claimed request keeps its claim (the same user's next
   * Start asks again), a decision stands though the bot may not have said so.
   */
  signal?: AbortSignal;
}

/** Acts on one Bot API update; `handled: false` for any update that is not the kit's. */
export async function handleBotUpdate(ctx: HandlerContext, update: unknown, { signal }: HandleBotUpdateOptions = {}): Promise<BotUpdateResult> {
  const bot = botOf(ctx);
  if (!isObject(update) || !Number.isSafeInteger(update.update_id) || (update.update_id as number) < 0) {
    throw new TelegramLoginError('bot_update_rejected', 'an update must be a Bot API Update object with a numeric "update_id"');
  }
  const updateId = update.update_id as number;
  const ours = classify(update, bot.settings.username);
  if (!ours) return { handled: false };
  const tgId = ours.kind === 'start' ? ours.message.from.id : ours.query.from.id;
  // Remembered for as long as a request it could act on can live.
  let result: BotUpdateResult;
  if (!(await bot.requests.firstSeen(bot.settings.botId, updateId, bot.settings.ttlSeconds + BOT_REQUEST_GRACE_SECONDS))) {
    result = refused('replayed');
  } else {
    try {
      result = ours.kind === 'start' ? await onStart(ctx, ours.message, ours.payload, signal) : await onCallback(ctx, ours.query, signal);
    } catch (error) {
      // Nothing was decided (the store failed): let Telegram's retry of this update be acted on.
      await bot.requests.forgetUpdate(bot.settings.botId, updateId).catch(() => undefined);
      throw error;
    }
  }
  if ('refused' in result) await emit(ctx, { type: 'bot_update_refused', code: result.code, reason: result.refused, updateId, tgId, at: new Date() });
  return result;
}
