/**
 * Deciding a bot login request, once: the decision goes into the store (the first one wins, on any
 * instance), wakes this instance's waiting polls, and is reported to `onEvent`. Telling the user in
 * the bot is best effort: Telegram being slow or refusing never undoes or fails a decision.
 */
import { botOf, type AuthEvent, type HandlerContext } from '../handler-options.js';
import { emit } from '../routes/complete-login.js';
import { BotApiError } from './api-client.js';
import { fill, outcomeTemplate } from './messages.js';
import type { BotLoginRequest, BotOutcome } from './requests.js';

/** Bot API calls made while answering a browser wait at most this long. */
export const NOTIFY_TIMEOUT_MS = 5_000;

function eventFor(request: BotLoginRequest, outcome: BotOutcome): AuthEvent {
  const at = new Date(outcome.at);
  const requestId = request.id;
  switch (outcome.status) {
    case 'approved':
      return { type: 'bot_login_approved', requestId, sub: botSubject(outcome.user.id), tgId: outcome.user.id, at };
    case 'denied':
      return { type: 'bot_login_denied', requestId, reason: outcome.reason, tgId: outcome.tgId, at };
    case 'cancelled':
      return { type: 'bot_login_cancelled', requestId, at };
    case 'expired':
      return { type: 'bot_login_expired', requestId, at };
  }
}

/** The session `sub` of a bot login: the Telegram user id, marked so it can never equal an OIDC `sub`. */
export function botSubject(telegramUserId: number): string {
  return `tg:${telegramUserId}`;
}

/** Records `outcome` unless the request was decided already; resolves with the outcome that holds. */
export async function settle(ctx: HandlerContext, request: BotLoginRequest, outcome: BotOutcome): Promise<{ outcome: BotOutcome; won: boolean }> {
  const bot = botOf(ctx);
  const result = await bot.requests.decide(request, outcome);
  if (result.won) {
    bot.waiters.notify(request.id, outcome);
    await emit(ctx, eventFor(request, outcome));
  }
  return result;
}

/** Expires a request whose time ran out (unless something else was decided first). */
export function expire(ctx: HandlerContext, request: BotLoginRequest): Promise<{ outcome: BotOutcome; won: boolean }> {
  return settle(ctx, request, { status: 'expired', at: Date.now() });
}

/** Logs a failure to tell the user, without the token (the client's messages never carry it). */
export function reportNotifyFailure(what: string, error: unknown): void {
  // A call abandoned on purpose (the poller was stopped) is no failure.
  if (error instanceof BotApiError && error.reason === 'aborted') return;
  console.error(`telegram-login-kit: bot login could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Replaces the bot's question with what happened (and removes its buttons), when the request was
 * decided away from the bot: cancelled on the site, expired while the browser waited.
 */
export async function editPrompt(ctx: HandlerContext, request: BotLoginRequest, outcome: BotOutcome): Promise<void> {
  const bot = botOf(ctx);
  try {
    const prompt = await bot.requests.promptOf(request.id);
    if (!prompt) return;
    const texts = bot.settings.textsFor(prompt.lang ?? request.lang);
    const text = fill(outcomeTemplate(outcome, texts), { site: bot.settings.siteName }, true);
    await bot.settings.api.editMessageText({ chat_id: prompt.chatId, message_id: prompt.messageId, text, parse_mode: 'HTML' }, { timeoutMs: NOTIFY_TIMEOUT_MS });
  } catch (error) {
    reportNotifyFailure('edit its message', error);
  }
}
