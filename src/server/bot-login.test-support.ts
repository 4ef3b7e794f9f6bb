// Shared by the bot login tests (not shipped: tsconfig.build.json leaves *.test-support.ts out): a
// real mock Telegram (Bot API and simulated app), the handler on a real HTTP server with its webhook
// set at the mock, and a "browser" (a cookie jar) that calls the handler as a page would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test as base } from '@playwright/test';
import { startMockTelegram, type MockTelegram } from '../mock/server.js';
import type { MockAppMessage } from '../mock/app/view.js';
import { createBotApiClient } from './bot/api-client.js';
import type { BotApiUpdate } from './bot/api-types.js';
import type { AuthEvent, TelegramAuthHandler, TelegramAuthHandlerOptions } from './handler.js';
import { CookieJar, makeHandler, SITE } from './handler.test-support.js';
import { toNodeListener } from './node.js';

export const WEBHOOK_SECRET = 'bot-login-webhook-secret_0123456789';
export const BOT = 'MockLoginBot';
export const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
export const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:141.0) Gecko/20100101 Firefox/141.0';

/** The `bot` option for the mock's default bot, its links opening the simulated app. */
export function botOption(mock: MockTelegram, overrides: Record<string, unknown> = {}) {
  return { token: mock.bots[0]!.token, username: BOT, apiRoot: mock.issuer, webhookSecret: WEBHOOK_SECRET, linkBase: `${mock.app.url}/resolve`, ...overrides };
}

export interface BotSite {
  handler: TelegramAuthHandler;
  url: string;
  events: AuthEvent[];
  stop(): Promise<void>;
}

/** The handler on a real server; with `webhook` the mock delivers the bot's updates to its /bot/webhook. */
export async function startSite(mock: MockTelegram, { options = {}, bot = {}, webhook = true }: { options?: Partial<TelegramAuthHandlerOptions>; bot?: Record<string, unknown>; webhook?: boolean } = {}): Promise<BotSite> {
  const events: AuthEvent[] = [];
  const handler = makeHandler(mock, events, { bot: botOption(mock, bot) as TelegramAuthHandlerOptions['bot'], ...options });
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = createBotApiClient({ token: mock.bots[0]!.token, apiRoot: mock.issuer });
  if (webhook) await api.setWebhook({ url: `${url}/auth/telegram/bot/webhook`, secret_token: WEBHOOK_SECRET });
  return {
    handler,
    url,
    events,
    async stop() {
      if (webhook) await api.deleteWebhook().catch(() => undefined);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A mock per test: its chats start empty, so "the newest message" is always this test's. */
export const test = base.extend<{ mock: MockTelegram; site: BotSite }>({
  mock: async ({}, use) => {
    const mock = await startMockTelegram({ port: 0, botApi: { webhookRetryMs: 50, webhookMaxRetryMs: 200 } });
    await use(mock);
    await mock.stop();
  },
  site: async ({ mock }, use) => {
    const site = await startSite(mock);
    await use(site);
    await site.stop();
  },
});

export interface Browser {
  jar: CookieJar;
  userAgent: string;
}

export const browser = (userAgent = CHROME_ON_WINDOWS): Browser => ({ jar: new CookieJar(), userAgent });

/** One request from the browser's page: its cookies, its User-Agent, an Origin on POSTs. */
export async function call(site: { url: string }, path: string, from: Browser, { body, cookie }: { body?: unknown; cookie?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'User-Agent': from.userAgent, Cookie: cookie ?? from.jar.header };
  const init: RequestInit = { headers };
  if (body !== undefined) Object.assign(init, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...headers, Origin: SITE, 'Content-Type': 'application/json' } });
  return from.jar.take(await fetch(`${site.url}/auth/telegram${path}`, init));
}

export interface Started {
  requestId: string;
  links: { https: string; tg: string };
  qr: { size: number; modules: string };
  matchCode: string;
  expiresAt: number;
  payload: string;
}

export async function startLogin(site: { url: string }, from: Browser, body: unknown = {}): Promise<Started> {
  const response = await call(site, '/bot/start', from, { body });
  expect(response.status).toBe(200);
  const started = (await response.json()) as Omit<Started, 'payload'>;
  return { ...started, payload: new URL(started.links.https).searchParams.get('start')! };
}

/** A status poll; with `requestId`, as the element polls: about that request only. */
export const status = (site: { url: string }, from: Browser, wait = 25, requestId?: string) =>
  call(site, `/bot/status?wait=${wait}${requestId === undefined ? '' : `&requestId=${encodeURIComponent(requestId)}`}`, from);

/** The request cookie's Set-Cookie lines of an answer (only /bot/start has any). */
export const requestCookieSet = (response: Response) => response.headers.getSetCookie().filter((line) => /^(?:__Host-)?tlk_session_bot=/.test(line));

/** The user opens the link in their Telegram app, presses Start and gets the bot's question. */
export async function openAndStart(mock: MockTelegram, userId: number, link: string): Promise<MockAppMessage> {
  await mock.app.open(userId, link);
  await mock.app.press(userId, 'Start');
  return mock.app.waitForMessage(userId, BOT, (message) => message.buttons.length > 0 || message.text.includes('expired'));
}

/** The bot's newest message to `userId` that contains `text`, now or when it comes. */
export function botSays(mock: MockTelegram, userId: number, text: string | RegExp): Promise<MockAppMessage> {
  return mock.app.waitForMessage(userId, BOT, text);
}

/** The updates the mock queued for the bot since the last call (a site without a webhook). */
export function updateReader(mock: MockTelegram) {
  const api = createBotApiClient({ token: mock.bots[0]!.token, apiRoot: mock.issuer });
  let offset: number | undefined;
  return async (): Promise<BotApiUpdate> => {
    const [update] = await api.getUpdates({ ...(offset === undefined ? {} : { offset }), timeout: 5, limit: 1 });
    if (!update) throw new Error('no update within 5 s');
    offset = update.update_id + 1;
    return update;
  };
}

export { expect };
