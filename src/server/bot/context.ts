import type { TelegramAuthStore } from '../stores/store.js';
import { createLiveRequests, type LiveRequests } from './live-requests.js';
import { resolveBotOptions, type BotLoginOptions, type BotSettings } from './options.js';
import { createBotRequestStore, type BotRequestStore } from './requests.js';
import { createWaiters, type Waiters } from './waiters.js';

/** Everything bot login needs in a handler: the checked options, the requests in the store, the waiting polls. */
export interface BotContext {
  settings: BotSettings;
  requests: BotRequestStore;
  /** The requests this instance created that are still in the store (`bot.maxPendingRequests`). */
  live: LiveRequests;
  waiters: Waiters;
}

export function createBotContext(options: BotLoginOptions, siteHost: string, store: TelegramAuthStore, fetchImpl: typeof fetch | undefined): BotContext {
  const settings = resolveBotOptions(options, siteHost, fetchImpl);
  const requests = createBotRequestStore(store);
  return { settings, requests, live: createLiveRequests(settings.maxPendingRequests), waiters: createWaiters((id) => requests.outcomeOf(id)) };
}
