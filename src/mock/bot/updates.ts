import { POLL_CONFLICT, WEBHOOK_CONFLICT, badRequest } from './errors.js';
import type { BotApiUpdate, BotApiUpdateKind, MockBot } from './types.js';

/** Updates a bot keeps while nobody fetches them (Telegram keeps a day's worth). */
const PENDING_LIMIT = 10_000;
/** Telegram caps a long poll at 50 seconds. */
const LONGEST_POLL_SECONDS = 50;
/** What a bot receives when it never set `allowed_updates`: everything but these. */
const OPT_IN_ONLY = ['chat_member', 'message_reaction', 'message_reaction_count'];

export interface WebhookState {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

/** A bot's side of the Bot API: its pending updates, its long poll and its webhook. */
export interface BotRuntime {
  readonly bot: MockBot;
  readonly pending: BotApiUpdate[];
  nextUpdateId: number;
  allowedUpdates: string[] | undefined;
  webhook: WebhookState | undefined;
  /** Wakes the running long poll (with its updates) or ends it (with a 409 Conflict). */
  poll: { wake(): void; conflict(): void } | undefined;
  /** Called when an update arrives while a webhook is set. */
  onUpdate?: () => void;
}

export function createRuntime(bot: MockBot): BotRuntime {
  // Telegram starts each bot's update ids at an arbitrary number.
  return { bot, pending: [], nextUpdateId: 100_000_000 + (bot.id % 1_000_000) * 100, allowedUpdates: undefined, webhook: undefined, poll: undefined };
}

export function isAllowed(runtime: BotRuntime, kind: BotApiUpdateKind): boolean {
  const allowed = runtime.allowedUpdates;
  return allowed === undefined || allowed.length === 0 ? !OPT_IN_ONLY.includes(kind) : allowed.includes(kind);
}

/** Queues an update unless the bot's `allowed_updates` leave it out; returns it when queued. */
export function pushUpdate<K extends BotApiUpdateKind>(runtime: BotRuntime, kind: K, payload: NonNullable<BotApiUpdate[K]>): BotApiUpdate | undefined {
  if (!isAllowed(runtime, kind)) return undefined;
  const update = { update_id: runtime.nextUpdateId++, [kind]: payload } as BotApiUpdate;
  runtime.pending.push(update);
  if (runtime.pending.length > PENDING_LIMIT) runtime.pending.splice(0, runtime.pending.length - PENDING_LIMIT);
  runtime.poll?.wake();
  if (runtime.webhook) runtime.onUpdate?.();
  return update;
}

/** `offset` confirms every update below it; a negative one keeps only the last `-offset`. */
export function confirmUpTo(runtime: BotRuntime, offset: number | undefined): void {
  if (offset === undefined || offset === 0) return;
  const keepFrom = offset > 0 ? runtime.pending.findIndex((update) => update.update_id >= offset) : Math.max(0, runtime.pending.length + offset);
  runtime.pending.splice(0, keepFrom < 0 ? runtime.pending.length : keepFrom);
}

export function readAllowedUpdates(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((kind) => typeof kind !== 'string')) throw badRequest('field "allowed_updates" must be an Array of String');
  return value as string[];
}

export interface GetUpdatesInput {
  offset: number | undefined;
  limit: number | undefined;
  timeout: number | undefined;
  allowedUpdates: string[] | undefined;
  /** Aborts when the client goes away or the mock stops. */
  signal: AbortSignal;
}

/** `getUpdates`: answers at once when updates are pending, else holds up to `timeout` seconds. */
export async function getUpdates(runtime: BotRuntime, input: GetUpdatesInput): Promise<BotApiUpdate[]> {
  if (runtime.webhook) throw WEBHOOK_CONFLICT();
  if (input.allowedUpdates !== undefined) runtime.allowedUpdates = input.allowedUpdates;
  confirmUpTo(runtime, input.offset);
  const limit = Math.min(100, Math.max(1, input.limit ?? 100));
  // Telegram lets only one getUpdates run per bot: a new one ends the one before.
  runtime.poll?.conflict();
  const timeout = Math.min(LONGEST_POLL_SECONDS, Math.max(0, input.timeout ?? 0));
  if (runtime.pending.length === 0 && timeout > 0 && !input.signal.aborted) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(finish, timeout * 1000);
      const poll = { wake: finish, conflict: () => finish(POLL_CONFLICT()) };
      runtime.poll = poll;
      input.signal.addEventListener('abort', () => finish(), { once: true });
      function finish(error?: Error) {
        clearTimeout(timer);
        if (runtime.poll === poll) runtime.poll = undefined;
        if (error) reject(error);
        else resolve();
      }
    });
  }
  if (runtime.webhook) throw WEBHOOK_CONFLICT();
  return runtime.pending.slice(0, limit);
}
