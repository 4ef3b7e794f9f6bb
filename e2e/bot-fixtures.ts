import { expect, type Page } from '@playwright/test';
import type { MockTelegram } from '../src/mock/index.js';
import { createMemoryStore, createTelegramAuthHandler, toNodeListener, type TelegramAuthHandler, type TelegramAuthHandlerOptions } from '../src/server/index.js';
import { CALLBACK_PATH, elementPage, test as base, type Site } from './fixtures.js';

/**
 * The bot login's world: the site's server kit with its `bot` option, the mock's Bot API delivering
 * the bot's updates to the site's webhook, and the simulated Telegram app playing the user. Two
 * handlers share one store, as instances of a site would: `/auth/telegram` (the webhook lands here),
 * `/auth/telegram/short`, whose requests expire after {@link SHORT_TTL_SECONDS} s, and
 * `/auth/telegram/minute` (62 s).
 */

export const BOT = 'MockLoginBot';
export const ALICE = 100001;
export const BOB = 100002;
export const WEBHOOK_SECRET = 'e2e-bot-login-webhook-secret_0123456789';
export const SHORT_BOT_URL = '/auth/telegram/short';
export const SHORT_TTL_SECONDS = 3;
/** Requests that start just over a minute from their end: the dialog's "one minute left" comes at once. */
export const MINUTE_BOT_URL = '/auth/telegram/minute';

export const test = base.extend<object, { auth: TelegramAuthHandler }>({
  // Replaces the base fixture: the same OIDC handler, with bot login.
  auth: [
    async ({ mock, siteServer }, use) => {
      const store = createMemoryStore();
      const options = (basePath: string, requestTtlSeconds: number): TelegramAuthHandlerOptions => ({
        clientId: mock.defaultClient.id,
        clientSecret: mock.defaultClient.secret,
        issuer: mock.issuer,
        redirectUri: siteServer.origin + CALLBACK_PATH,
        session: { secret: 'e2e-session-secret-0123456789-abcdefghij' },
        basePath,
        store,
        bot: { token: mock.bots[0]!.token, username: BOT, apiRoot: mock.issuer, webhookSecret: WEBHOOK_SECRET, linkBase: `${mock.app.url}/resolve`, requestTtlSeconds },
      });
      const handler = createTelegramAuthHandler(options('/auth/telegram', 300));
      const main = toNodeListener(handler);
      const others = [SHORT_BOT_URL, MINUTE_BOT_URL].map((path) => [path, toNodeListener(createTelegramAuthHandler(options(path, path === SHORT_BOT_URL ? SHORT_TTL_SECONDS : 62)))] as const);
      siteServer.auth = (req, res, next) => (others.find(([path]) => (req.url ?? '').startsWith(`${path}/`))?.[1] ?? main)(req, res, next);
      await botApi(mock, 'setWebhook', { url: `${siteServer.origin}/auth/telegram/bot/webhook`, secret_token: WEBHOOK_SECRET });
      await use(handler);
      await botApi(mock, 'deleteWebhook', {});
      delete siteServer.auth;
    },
    // Playwright wants an override to repeat `auto`; its types for overrides leave it out.
    { scope: 'worker', auto: true } as { scope: 'worker' },
  ],
});

/** A Bot API call to the mock, as the bot's owner makes it (setWebhook, deleteWebhook). */
async function botApi(mock: MockTelegram, method: string, params: object): Promise<void> {
  const response = await fetch(`${mock.issuer}/bot${mock.bots[0]!.token}/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
}

/** A page with a bot-flow button (`#tg`), `more` markup after it, and the event harness. */
export function botPage(
  site: Site,
  { attributes = '', lang = 'en', path = '/bot', head = '', headers = {}, more = '' }: { attributes?: string; lang?: string; path?: string; head?: string; headers?: Record<string, string>; more?: string } = {},
): string {
  return elementPage(site, `<main><h1>Sign in</h1><telegram-login-button id="tg" flow="bot" ${attributes}></telegram-login-button>${more}</main>`, {
    path,
    lang,
    head: `<meta name="viewport" content="width=device-width, initial-scale=1">${head}`,
    headers,
  });
}

/** What the open dialog shows: its match code and links. */
export async function dialogShows(page: Page): Promise<{ matchCode: string; tg: string; https: string }> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return {
    matchCode: (await dialog.locator('.wd-code').textContent())!.trim(),
    tg: (await dialog.getByRole('link', { name: /Open Telegram/ }).getAttribute('href'))!,
    https: (await dialog.locator('.wd-web').getAttribute('href'))!,
  };
}

/** The id of the newest message in the user's chat with the bot (0 when there is none). */
export function lastMessageId(mock: MockTelegram, userId: number): number {
  let messages: { id: number }[] = [];
  try {
    messages = mock.app.messages(userId, BOT);
  } catch {
    // No chat with the bot yet.
  }
  return messages.reduce((last, message) => Math.max(last, message.id), 0);
}

/**
 * The user opens `link` in their Telegram app and presses Start; resolves with the bot's answer to
 * this Start (the question with the three codes, or the "expired" note), never an older message.
 */
export async function openAndStart(mock: MockTelegram, userId: number, link: string) {
  const after = lastMessageId(mock, userId);
  await mock.app.open(userId, link);
  await mock.app.press(userId, 'Start');
  return mock.app.waitForMessage(userId, BOT, (message) => message.from === 'bot' && message.id > after && (message.buttons.length > 0 || /expired/.test(message.text)));
}

/** The bot's question message, once edited to say how the login ended. */
export function questionBecomes(mock: MockTelegram, userId: number, questionId: number, text: string | RegExp) {
  return mock.app.waitForMessage(userId, BOT, (message) => message.id === questionId && message.edited && (typeof text === 'string' ? message.text.includes(text) : text.test(message.text)));
}

/** Who the page's browser is logged in as, per the server kit's `/session` (null when nobody). */
export async function sessionUser(page: Page, origin: string): Promise<Record<string, unknown> | null> {
  const response = await page.request.get(`${origin}/auth/telegram/session`);
  return response.ok() ? ((await response.json()) as { user: Record<string, unknown> }).user : null;
}

export { expect };
