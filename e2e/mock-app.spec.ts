import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { startMockTelegram, type MockTelegram } from '../src/mock/index.js';
import { verifyLoginWidget } from '../src/server/index.js';

// The simulated Telegram app as a person uses it: accessible, in English and Russian, at phone width,
// by keyboard, with login_url prompts, blocking, links and user switching.

const test = base.extend<{ mock: MockTelegram; siteUrl: string }>({
  mock: async ({}, use) => {
    const mock = await startMockTelegram();
    await use(mock);
    await mock.stop();
  },
  // The site a login_url button leads to: a real server on 127.0.0.1, one of the default bot's domains.
  siteUrl: async ({}, use) => {
    const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Site</title><p>The site'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/telegram/widget`);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  },
});

const ALICE = 100001;
const BOB = 100003;

async function botSends(mock: MockTelegram, userId: number, params: Record<string, unknown>) {
  const response = await fetch(`${mock.issuer}/bot${mock.bots[0]!.token}/sendMessage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ chat_id: userId, ...params }),
  });
  return (await response.json()) as { ok: boolean; error_code?: number; description?: string };
}

/** The user opens a deep link, presses Start, and the bot sends a message with buttons. */
async function chatWithButtons(page: Page, mock: MockTelegram, siteUrl = 'http://127.0.0.1:9/auth/telegram/widget') {
  await mock.app.open(ALICE, mock.deepLink('MockLoginBot', 'a11y'));
  await page.goto(`${mock.app.url}?user=${ALICE}`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('log').getByText('/start a11y')).toBeVisible();
  const sent = await botSends(mock, ALICE, {
    text: '<b>Log in</b> to <i>demo.example</i>? See <a href="https://example.com/help">help</a>.',
    parse_mode: 'HTML',
    reply_markup: {
      inline_keyboard: [
        [{ text: 'Approve', callback_data: 'ok' }, { text: 'Docs', url: 'https://example.com/docs' }],
        [{ text: 'Log in on the site', login_url: { url: siteUrl, request_write_access: true } }],
      ],
    },
  });
  expect(sent.ok).toBe(true);
  await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
}

async function axeViolations(page: Page) {
  return (await new AxeBuilder({ page }).analyze()).violations.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target) }));
}

test('has no axe violations in English and Russian, with a chat, buttons and the login prompt open', async ({ page, mock }) => {
  await chatWithButtons(page, mock);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Log in on the site' }).click();
  await expect(page.getByRole('dialog', { name: 'Log in to 127.0.0.1?' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`${mock.app.url}?user=${ALICE}&lang=ru`);
  await expect(page.getByRole('button', { name: 'Заблокировать бота' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Сообщение' })).toBeVisible();
  expect(await page.locator('html').getAttribute('lang')).toBe('ru');
  expect(await axeViolations(page)).toEqual([]);
});

test('works at 360 px: nothing overflows and every control is reachable', async ({ page, mock }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await chatWithButtons(page, mock);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  for (const name of ['Approve', 'Log in on the site', 'Block bot', 'Send']) await expect(page.getByRole('button', { name })).toBeInViewport({ ratio: 0.5 });
  expect(await axeViolations(page)).toEqual([]);
});

test('is usable by keyboard: Start, an inline button and the composer, with focus kept across live updates', async ({ page, mock }) => {
  await mock.app.open(ALICE, mock.deepLink('MockLoginBot', 'keys'));
  await page.goto(`${mock.app.url}?user=${ALICE}`);
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log').getByText('/start keys')).toBeVisible();
  await botSends(mock, ALICE, { text: 'Pick one', reply_markup: { inline_keyboard: [[{ text: 'First', callback_data: '1' }, { text: 'Second', callback_data: '2' }]] } });
  await page.getByRole('button', { name: 'First' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Second' })).toBeFocused();
  await page.keyboard.press('Enter');
  // A live update re-renders the chat; the focused button keeps focus.
  await botSends(mock, ALICE, { text: 'Another message' });
  await expect(page.getByRole('log').getByText('Another message')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Second' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Message' }).fill('/help please');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log').getByText('/help please')).toBeVisible();
  expect(mock.app.messages(ALICE, 'MockLoginBot').filter((message) => message.from === 'user').map((message) => message.text)).toEqual(['/start keys', '/help please']);
});

test('a login_url button shows Telegram\'s prompt and opens the site with data verifyLoginWidget accepts', async ({ page, mock, context, siteUrl }) => {
  await chatWithButtons(page, mock, siteUrl);
  await page.getByRole('button', { name: 'Log in on the site' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log in to 127.0.0.1?' });
  await expect(dialog).toContainText('Mock Login Bot (@MockLoginBot) will log you in to 127.0.0.1 as Alice Anderson');
  await expect(dialog.getByRole('checkbox', { name: 'Allow Mock Login Bot to send me messages' })).toBeChecked();
  const opened = context.waitForEvent('page');
  await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
  const site = await opened;
  await site.waitForURL((url) => url.searchParams.has('hash'));
  await expect(site.getByText('The site')).toBeVisible();
  const user = await verifyLoginWidget(site.url(), mock.bots[0]!.token);
  expect(user).toMatchObject({ id: ALICE, first_name: 'Alice', last_name: 'Anderson', username: 'alice' });
  await expect(dialog).toBeHidden();
});

test('a login_url for a domain the bot does not own is a plain link to the URL', async ({ page, mock }) => {
  await mock.app.open(ALICE, mock.deepLink('MockLoginBot'));
  await mock.app.press(ALICE, 'Start');
  await botSends(mock, ALICE, { text: 'Elsewhere', reply_markup: { inline_keyboard: [[{ text: 'Foreign login', login_url: { url: 'https://elsewhere.example/login' } }]] } });
  await page.goto(`${mock.app.url}?user=${ALICE}`);
  const link = page.getByRole('link', { name: 'Foreign login (opens https://elsewhere.example/login)' });
  await expect(link).toHaveAttribute('href', 'https://elsewhere.example/login');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
});

test('the callback answer shows as an alert when the bot asks for one', async ({ page, mock }) => {
  await chatWithButtons(page, mock);
  const api = `${mock.issuer}/bot${mock.bots[0]!.token}`;
  type Updates = { result: { update_id: number; callback_query?: { id: string } }[] };
  const pending = ((await (await fetch(`${api}/getUpdates`)).json()) as Updates).result;
  await page.getByRole('button', { name: 'Approve' }).click();
  // A long poll past the updates seen so far wakes with the callback query.
  const next = ((await (await fetch(`${api}/getUpdates?timeout=10&offset=${pending.at(-1)!.update_id + 1}`)).json()) as Updates).result;
  const queryId = next[0]!.callback_query!.id;
  await fetch(`${mock.issuer}/bot${mock.bots[0]!.token}/answerCallbackQuery`, { method: 'POST', body: new URLSearchParams({ callback_query_id: queryId, text: 'Approved for 5 minutes', show_alert: 'true' }) });
  const alert = page.getByRole('alertdialog', { name: 'Mock Login Bot' });
  await expect(alert).toContainText('Approved for 5 minutes');
  await alert.getByRole('button', { name: 'OK' }).click();
  await expect(alert).toBeHidden();
});

test('blocking the bot from the page stops its messages until unblocked', async ({ page, mock }) => {
  await chatWithButtons(page, mock);
  // exact: "Unblock bot" contains "block bot", and both buttons read "Unblock bot" until the page re-renders.
  await page.getByRole('button', { name: 'Block bot', exact: true }).click();
  await expect(page.getByText('You blocked Mock Login Bot.')).toBeVisible();
  expect(await botSends(mock, ALICE, { text: 'hello?' })).toMatchObject({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
  await page.locator('#footer').getByRole('button', { name: 'Unblock bot', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Block bot', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unblock bot', exact: true })).toHaveCount(0);
  expect(await botSends(mock, ALICE, { text: 'welcome back' })).toMatchObject({ ok: true });
  await expect(page.getByRole('log').getByText('welcome back')).toBeVisible();
});

test('opens a pasted t.me link, and shows another user\'s chats after switching', async ({ page, mock }) => {
  await page.goto(`${mock.app.url}?user=${BOB}`);
  await page.getByRole('textbox', { name: 'Open a link' }).fill('https://t.me/MockLoginBot?start=pasted_1');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByText('The bot receives: /start pasted_1')).toBeVisible();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('log').getByText('/start pasted_1')).toBeVisible();
  await page.getByRole('combobox', { name: 'User' }).selectOption(String(ALICE));
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('combobox', { name: 'User' })).toHaveValue(String(ALICE));
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  await expect(page.getByRole('log').getByText('/start pasted_1')).toHaveCount(0);
});
