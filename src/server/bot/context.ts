import type { TelegramAuthStore } from '../stores/store.js';
import { resolveBotOptions, type BotLoginOptions, type BotSettings } from './options.js';
import { createBotRequestStore, type BotRequestStore } from './requests.js';
import { createWaiters, type Waiters } from './waiters.js';

/** Everything bot login needs in a handler: the checked options, the requests in the store, the waiting polls. */
export interface BotContext {
  settings: BotSettings;
  requests: BotRequestStore;
  waiters: Waiters;
}

export function createBotContext(options: BotLoginOptions, siteHost: string, store: TelegramAuthStore, fetchImpl: typeof fetch | undefined): BotContext {
  return { settings: resolveBotOptions(options, siteHost, fetchImpl), requests: createBotRequestStore(store), waiters: createWaiters() };
}
