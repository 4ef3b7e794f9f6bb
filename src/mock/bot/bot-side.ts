import type { IncomingMessage, ServerResponse } from 'node:http';
import { createExpiringMap } from '../../oauth/expiring-map.js';
import { createMockApp, type MockApp } from '../app/app.js';
import { buildDeepLink } from '../app/deep-links.js';
import { MockAppError } from '../app/errors.js';
import { createAppRoutes } from '../app/routes.js';
import { createUserActions } from '../app/user-actions.js';
import type { MockUser } from '../id-token.js';
import { handleBotApiRequest, runMethod, type BotApiHandlerOptions } from './api.js';
import { botByUsername } from './bots.js';
import { createChatStore } from './chats.js';
import { createBotControl, type CheckedBotControlCommand } from './control.js';
import type { BotApiState, PendingCallbackQuery } from './methods.js';
import type { MockBot, MockBotApiOptions } from './types.js';
import { createRuntime, type BotRuntime } from './updates.js';
import { createWebhookDelivery } from './webhook.js';

export interface BotSideOptions {
  /** The registered bots, the default one first. */
  bots: readonly MockBot[];
  users: readonly MockUser[];
  clock: () => number;
  log?: ((line: string) => void) | undefined;
  /** The mock's origin (its issuer), known once it listens. */
  origin: () => string;
  avatarUrl: (user: MockUser) => string;
  botApi?: MockBotApiOptions | undefined;
}

/** The offline Telegram's bot side: the Bot API, the simulated app, deep links and their control commands. */
export interface BotSide {
  readonly bots: readonly MockBot[];
  readonly app: MockApp;
  deepLink(bot: string, payload?: string): string;
  /** Answers `/bot<token>/<method>` and `/app…`; resolves false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, note: (text: string) => void): Promise<boolean>;
  /** Applies its part of a control command, checked by `checkBotControlCommand`; `reset` first undoes earlier ones. */
  applyControl(checked: CheckedBotControlCommand | undefined, reset: boolean): void;
  /** The user granted the bot write access (the OIDC `telegram:bot_access` scope). */
  grantWriteAccess(botId: number, userId: number): void;
  stop(): void;
}

function timing(options: MockBotApiOptions | undefined): Required<MockBotApiOptions> {
  const pick = (field: keyof MockBotApiOptions, fallback: number) => {
    const value = options?.[field] ?? fallback;
    if (!Number.isInteger(value) || value < 1 || value > 600_000) throw new TypeError(`"botApi.${field}" must be 1 to 600000 milliseconds, got ${JSON.stringify(value)}`);
    return value;
  };
  return { webhookTimeoutMs: pick('webhookTimeoutMs', 10_000), webhookRetryMs: pick('webhookRetryMs', 1_000), webhookMaxRetryMs: pick('webhookMaxRetryMs', 30_000) };
}

export function createBotSide(options: BotSideOptions): BotSide {
  const { bots } = options;
  const delivery = timing(options.botApi);
  const stopping = new AbortController();
  const chats = createChatStore({ users: options.users, clock: options.clock });
  const runtimes = new Map<number, BotRuntime>(bots.map((bot) => [bot.id, createRuntime(bot)]));
  const runtimeOf = (botId: number) => runtimes.get(botId)!;
  const callbackQueries = createExpiringMap<PendingCallbackQuery>({ max: 10_000, whenFull: 'evict-oldest', clock: options.clock });
  const control = createBotControl();
  const actions = createUserActions({ chats, runtimeOf, callbackQueries, clock: options.clock });
  const app = createMockApp({ bots, users: options.users, chats, actions, origin: options.origin, avatarUrl: options.avatarUrl, clock: options.clock });

  const state: BotApiState = {
    bots,
    chats,
    callbackQueries,
    webhookChanged: (runtime) => webhooks.reset(runtime),
    answered: (userId, answer) => app.answered(userId, answer),
  };
  const api: BotApiHandlerOptions = {
    state,
    runtimeOf,
    injectedError: (runtime, method) => control.takeError(runtime.bot, method),
    stopping: stopping.signal,
  };
  const webhooks = createWebhookDelivery({
    ...delivery,
    clock: options.clock,
    nextDelay: () => control.nextWebhookDelay(),
    log: options.log,
    stopping: stopping.signal,
    // A webhook may answer with a method call; Telegram runs it and tells the site nothing.
    runReply: async (runtime, { method, ...params }) => {
      await runMethod(api, runtime, String(method), { params: new Map(Object.entries(params)), signal: stopping.signal }).catch((error: unknown) =>
        options.log?.(`webhook reply of @${runtime.bot.username} (${String(method)}) failed: ${(error as Error).message}`),
      );
    },
  });
  for (const runtime of runtimes.values()) runtime.onUpdate = () => webhooks.kick(runtime);
  const routes = createAppRoutes({ app, bots, users: options.users, chats });

  return {
    bots,
    app: app.api,
    deepLink(bot, payload) {
      const target = botByUsername(bots, bot);
      if (!target) throw new MockAppError('unknown_bot', `no mock bot @${bot}; the bots are ${bots.map((known) => '@' + known.username).join(', ')}`);
      return buildDeepLink(options.origin(), target.username, payload);
    },
    async handle(req, res, url, note) {
      return (await handleBotApiRequest(api, req, res, url, note)) || (await routes.handle(req, res, url, note));
    },
    applyControl(checked, reset) {
      if (reset) {
        control.reset();
        for (const chat of chats.all()) if (chat.blocked) actions.setBlocked(chat, false);
      }
      if (!checked) return;
      control.apply(checked);
      if (checked.blockBot) app.setBlocked(checked.blockBot.userId, checked.blockBot.bot.username, true);
      if (checked.unblockBot) app.setBlocked(checked.unblockBot.userId, checked.unblockBot.bot.username, false);
    },
    grantWriteAccess(botId, userId) {
      const bot = bots.find((candidate) => candidate.id === botId);
      const user = options.users.find((candidate) => candidate.id === userId);
      if (bot && user) actions.allowWrite(chats.chat(bot, user));
    },
    stop() {
      stopping.abort();
      routes.stop();
    },
  };
}
