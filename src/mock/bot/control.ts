import { botByUsername } from './bots.js';
import { BotApiError, STATUS_TEXT } from './errors.js';
import type { MockBot, MockBotControlCommand } from './types.js';

/** The control fields the bot side owns (the rest of `MockControlCommand` is the OIDC side's). */
export const BOT_CONTROL_KEYS: readonly string[] = ['botApiError', 'webhookDelay', 'blockBot', 'unblockBot'];

export interface InjectedError {
  error: BotApiError;
  times: number;
  method: string | undefined;
  botId: number | undefined;
}

function count(value: unknown, field: string): number {
  if (value === undefined) return 1;
  if (!Number.isInteger(value) || (value as number) < 1) throw new TypeError(`"${field}" must be a positive integer, got ${JSON.stringify(value)}`);
  return value as number;
}

function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`"${field}" must be an object`);
  return value as Record<string, unknown>;
}

function injectedError(bots: readonly MockBot[], raw: unknown): InjectedError {
  const { error_code: status, description, retry_after: retryAfter, times, method, bot } = checkObject(raw, 'botApiError');
  if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
    throw new TypeError(`"botApiError.error_code" must be an HTTP error status such as 429 or 500, got ${JSON.stringify(status)}`);
  }
  if (retryAfter !== undefined && (!Number.isInteger(retryAfter) || (retryAfter as number) < 1)) throw new TypeError('"botApiError.retry_after" must be a positive integer (seconds)');
  if (description !== undefined && typeof description !== 'string') throw new TypeError('"botApiError.description" must be a string');
  if (method !== undefined && typeof method !== 'string') throw new TypeError('"botApiError.method" must be a Bot API method name such as "sendMessage"');
  const target = bot === undefined ? undefined : typeof bot === 'string' ? botByUsername(bots, bot) : undefined;
  if (bot !== undefined && !target) throw new TypeError(`"botApiError.bot" must be the username of a mock bot, got ${JSON.stringify(bot)}`);
  const code = status as number;
  const text =
    description ?? (code === 429 ? `Too Many Requests: retry after ${(retryAfter as number | undefined) ?? 1}` : (STATUS_TEXT[code] ?? 'Error'));
  const parameters = code === 429 || retryAfter !== undefined ? { retry_after: (retryAfter as number | undefined) ?? 1 } : undefined;
  return { error: new BotApiError(code, text as string, parameters), times: count(times, 'botApiError.times'), method: method?.toLowerCase(), botId: target?.id };
}

function checkBlockCommand(field: string, raw: unknown, bots: readonly MockBot[], userExists: (id: number) => boolean): { userId: number; bot: MockBot } {
  const { userId, bot } = checkObject(raw, field);
  if (typeof userId !== 'number' || !userExists(userId)) throw new TypeError(`"${field}.userId" must be the id of a mock user, got ${JSON.stringify(userId)}`);
  const target = bot === undefined ? bots[0] : typeof bot === 'string' ? botByUsername(bots, bot) : undefined;
  if (!target) throw new TypeError(`"${field}.bot" must be the username of a mock bot, got ${JSON.stringify(bot)}`);
  return { userId, bot: target };
}

function checkWebhookDelay(raw: unknown): { ms: number; times: number } {
  const { ms, times } = checkObject(raw, 'webhookDelay');
  if (!Number.isInteger(ms) || (ms as number) < 0 || (ms as number) > 600_000) throw new TypeError('"webhookDelay.ms" must be 0 to 600000');
  return { ms: ms as number, times: times === undefined ? Number.POSITIVE_INFINITY : count(times, 'webhookDelay.times') };
}

/** The bot side's part of a control command, checked in full before anything of it applies. */
export interface CheckedBotControlCommand {
  botApiError?: InjectedError;
  webhookDelay?: { ms: number; times: number };
  blockBot?: { userId: number; bot: MockBot };
  unblockBot?: { userId: number; bot: MockBot };
}

/**
 * Validates the bot side's fields of a control command; throws a `TypeError` naming the bad field.
 * Undefined when the command has none of them.
 */
export function checkBotControlCommand(
  command: MockBotControlCommand,
  bots: readonly MockBot[],
  userExists: (id: number) => boolean,
): CheckedBotControlCommand | undefined {
  const checked: CheckedBotControlCommand = {};
  if (command.botApiError !== undefined) checked.botApiError = injectedError(bots, command.botApiError);
  if (command.webhookDelay !== undefined) checked.webhookDelay = checkWebhookDelay(command.webhookDelay);
  if (command.blockBot !== undefined) checked.blockBot = checkBlockCommand('blockBot', command.blockBot, bots, userExists);
  if (command.unblockBot !== undefined) checked.unblockBot = checkBlockCommand('unblockBot', command.unblockBot, bots, userExists);
  return Object.keys(checked).length > 0 ? checked : undefined;
}

/** Failures and delays that tests switch on through `mock.control()`. */
export function createBotControl() {
  let errors: InjectedError[] = [];
  let webhookDelay: { ms: number; times: number } | undefined;

  return {
    reset() {
      errors = [];
      webhookDelay = undefined;
    },
    /** Applies a checked `botApiError` and `webhookDelay` (block commands are the app's). */
    apply(checked: CheckedBotControlCommand): void {
      if (checked.botApiError) errors.push({ ...checked.botApiError });
      if (checked.webhookDelay) webhookDelay = { ...checked.webhookDelay };
    },
    /** The injected error for this call, if one applies; each use counts down its `times`. */
    takeError(bot: MockBot, method: string): BotApiError | undefined {
      const index = errors.findIndex((entry) => (entry.method === undefined || entry.method === method) && (entry.botId === undefined || entry.botId === bot.id));
      const entry = errors[index];
      if (!entry) return undefined;
      if (--entry.times <= 0) errors.splice(index, 1);
      return entry.error;
    },
    nextWebhookDelay(): number {
      if (!webhookDelay) return 0;
      const { ms } = webhookDelay;
      if (--webhookDelay.times <= 0) webhookDelay = undefined;
      return ms;
    },
  };
}
