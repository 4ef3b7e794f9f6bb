import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test as base, type Page } from '@playwright/test';
import { Bot, InlineKeyboard, webhookCallback } from 'grammy';
import { startMockTelegram, type MockTelegram } from '../src/mock/index.js';

// A real grammY bot against the mock's Bot API (client.apiRoot), driven through the simulated app in
// Chromium: /start <payload> → inline keyboard → callback_query → editMessageText. Once by long
// polling, once by a webhook with a secret token.

const test = base.extend<{ mock: MockTelegram }>({
  mock: async ({}, use) => {
    const mock = await startMockTelegram();
    await use(mock);
    await mock.stop();
  },
});

const SECRET = 'grammy-webhook-secret_1';

/** The kind of bot a bot login needs: it asks on /start and edits its question once answered. */
function loginBot(mock: MockTelegram): Bot {
  const bot = new Bot(mock.bots[0]!.token, { client: { apiRoot: mock.issuer } });
  bot.command('start', async (ctx) => {
    await ctx.reply(`Log in to <b>demo.example</b>? Request ${ctx.match}`, {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().text('Approve', `approve:${ctx.match}`).text('Not me', `deny:${ctx.match}`),
    });
  });
  bot.callbackQuery(/^(approve|deny):(.+)$/, async (ctx) => {
    const approved = ctx.match[1] === 'approve';
    await ctx.answerCallbackQuery({ text: approved ? 'Logged in' : 'Denied' });
    await ctx.editMessageText(`<b>${approved ? 'Approved' : 'Denied'}</b> request ${ctx.match[2]}`, { parse_mode: 'HTML' });
  });
  return bot;
}

/** What the user does and sees in the app, from opening the deep link to the edited message. */
async function loginInTheApp(page: Page, mock: MockTelegram, payload: string) {
  await page.goto(mock.deepLink(mock.bots[0]!.username, payload));
  await expect(page.getByRole('heading', { level: 2, name: 'Mock Login Bot' })).toBeVisible();
  await expect(page.getByText(`The bot receives: /start ${payload}`)).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  const log = page.getByRole('log', { name: 'Mock Login Bot' });
  await expect(log.getByText(`/start ${payload}`)).toBeVisible();
  await expect(log.getByText(`Log in to demo.example? Request ${payload}`)).toBeVisible();
  await expect(log.locator('strong', { hasText: 'demo.example' })).toBeVisible();
  await log.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toHaveText('Logged in');
  await expect(log.getByText(`Approved request ${payload}`)).toBeVisible();
  await expect(log.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(log.getByText('edited')).toBeVisible();
}

test('a grammY bot by long polling handles /start, a callback query and an edit, shown live in the app', async ({ page, mock }) => {
  const bot = loginBot(mock);
  const started = new Promise<void>((resolve) => void bot.start({ onStart: () => resolve() }));
  await started;
  try {
    await loginInTheApp(page, mock, 'poll-7f3a');
    expect(mock.app.messages(100001, 'MockLoginBot').map((message) => [message.from, message.text])).toEqual([
      ['user', '/start poll-7f3a'],
      ['bot', 'Approved request poll-7f3a'],
    ]);
  } finally {
    await bot.stop();
  }
});

test('a grammY bot by webhook with a secret token handles the same login; a wrong secret is refused', async ({ page, mock }) => {
  const bot = loginBot(mock);
  const server: Server = createServer(webhookCallback(bot, 'http', { secretToken: SECRET }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
  try {
    await bot.init();
    await bot.api.setWebhook(url, { secret_token: SECRET });
    expect(await bot.api.getWebhookInfo()).toMatchObject({ url, pending_update_count: 0 });
    // grammY itself refuses a delivery without the right header: the mock's must carry it.
    const forged = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': 'wrong' }, body: '{"update_id":1}' });
    expect(forged.status).toBe(401);

    await loginInTheApp(page, mock, 'hook-9c1d');
    const info = await bot.api.getWebhookInfo();
    expect(info.pending_update_count).toBe(0);
    expect(info.last_error_message).toBeUndefined();
  } finally {
    await bot.api.deleteWebhook().catch(() => {});
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
