import type { BotRuntime, WebhookState } from './updates.js';
import type { BotApiUpdate, MockBotApiOptions } from './types.js';

/** A webhook's reply may itself be a Bot API call (`{ "method": "sendMessage", ... }`). */
const REPLY_LIMIT = 64 * 1024;

export interface WebhookDeliveryOptions extends Required<MockBotApiOptions> {
  clock: () => number;
  /** Milliseconds to hold the next delivery (control `webhookDelay`); 0 for none. */
  nextDelay: () => number;
  /** Runs a Bot API call that a webhook answered with. */
  runReply: (runtime: BotRuntime, call: Record<string, unknown>) => Promise<void>;
  log?: ((line: string) => void) | undefined;
  /** Aborts when the mock stops. */
  stopping: AbortSignal;
}

/** Waits `ms`, resolving early (with false) when `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(true), ms);
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'Read timeout expired';
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return 'Connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Failed to resolve host: Name or service not known';
  return `Connection failed${code ? `: ${code}` : ''}`;
}

async function readReply(response: Response): Promise<Record<string, unknown> | undefined> {
  if (!(response.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) return undefined;
  const body = await response.text();
  if (body.length === 0 || body.length > REPLY_LIMIT) return undefined;
  try {
    const reply: unknown = JSON.parse(body);
    return typeof reply === 'object' && reply !== null && typeof (reply as { method?: unknown }).method === 'string' ? (reply as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Delivers a bot's pending updates to its webhook one at a time, in order, as Telegram does: an
 * update leaves the queue only when the site answers 2xx; a non-2xx answer, a network error or a
 * timeout is recorded (getWebhookInfo's `last_error_*`) and retried with exponential backoff.
 */
export function createWebhookDelivery(options: WebhookDeliveryOptions) {
  const running = new Set<BotRuntime>();
  /** Aborted when the bot's webhook changes, so a loop for an old URL stops at once. */
  const changes = new Map<BotRuntime, AbortController>();

  async function deliver(runtime: BotRuntime, webhook: WebhookState, update: BotApiUpdate, signal: AbortSignal): Promise<boolean> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (webhook.secretToken !== undefined) headers['X-Telegram-Bot-Api-Secret-Token'] = webhook.secretToken;
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.webhookTimeoutMs)]),
      });
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        throw new Error(`Wrong response from the webhook: ${response.status} ${response.statusText}`.trim());
      }
      const reply = await readReply(response).catch(() => undefined);
      if (reply) await options.runReply(runtime, reply);
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      const message = error instanceof Error && error.message.startsWith('Wrong response') ? error.message : describeFailure(error);
      webhook.lastErrorDate = Math.floor(options.clock() / 1000);
      webhook.lastErrorMessage = message;
      options.log?.(`webhook of @${runtime.bot.username}: ${message}`);
      return false;
    }
  }

  async function loop(runtime: BotRuntime, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted && runtime.webhook && runtime.pending.length > 0) {
      const webhook = runtime.webhook;
      const delay = options.nextDelay();
      if (delay > 0 && !(await wait(delay, signal))) return;
      const update = runtime.pending[0];
      if (!update || runtime.webhook !== webhook) continue;
      if (await deliver(runtime, webhook, update, signal)) {
        failures = 0;
        // The queue may have been cleared (drop_pending_updates) meanwhile: remove this update only.
        if (runtime.pending[0] === update) runtime.pending.shift();
      } else {
        failures += 1;
        const backoff = Math.min(options.webhookMaxRetryMs, options.webhookRetryMs * 2 ** Math.min(failures - 1, 20));
        if (!(await wait(backoff, signal))) return;
      }
    }
  }

  /** Starts delivering if a webhook is set, updates are pending and no delivery runs yet. */
  function kick(runtime: BotRuntime): void {
    if (running.has(runtime) || !runtime.webhook || runtime.pending.length === 0 || options.stopping.aborted) return;
    let change = changes.get(runtime);
    if (!change || change.signal.aborted) {
      change = new AbortController();
      changes.set(runtime, change);
    }
    running.add(runtime);
    void loop(runtime, AbortSignal.any([change.signal, options.stopping]))
      .catch((error: unknown) => options.log?.(`webhook of @${runtime.bot.username} stopped: ${String(error)}`))
      .finally(() => {
        running.delete(runtime);
        // An update may have arrived between the loop's last check and now, or the webhook changed.
        kick(runtime);
      });
  }

  /** The webhook was set, changed or deleted: stop delivering to the old URL, start again if needed. */
  function reset(runtime: BotRuntime): void {
    changes.get(runtime)?.abort();
    changes.delete(runtime);
    // A running loop ends on the abort and its `finally` starts the next one.
    if (!running.has(runtime)) kick(runtime);
  }

  return { kick, reset, isDelivering: (runtime: BotRuntime) => running.has(runtime) };
}
