import { expect, test, type Page } from '@playwright/test';
import { DEMO_PORT } from '../playwright.config.js';

// The page `npm start` serves, with the mock Telegram it embeds and the server kit mounted on its server.
const DEMO_URL = `http://localhost:${DEMO_PORT}/`;

/** The live button on the light stage of the preview. */
function liveButton(page: Page, name: string) {
  return page.locator('#preview-light').getByRole('button', { name });
}

async function openConsent(page: Page, button: string): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await liveButton(page, button).click();
  return popup;
}

async function shownClaims(page: Page): Promise<Record<string, unknown>> {
  await expect(page.getByRole('heading', { name: 'Logged in' })).toBeVisible();
  return JSON.parse((await page.locator('#claims').textContent())!) as Record<string, unknown>;
}

test('library flow: the demo’s server verifies the id_token and its nonce, UTF-8 intact', async ({ page }) => {
  await page.goto(DEMO_URL);
  const popup = await openConsent(page, 'Log in with Telegram');
  await popup.getByRole('radio', { name: /Дмитрий/ }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Verified by the demo\'s server (library flow).')).toBeVisible();
  expect(await shownClaims(page)).toMatchObject({ aud: '7700000001', id: 100002, name: 'Дмитрий 🚀 Иванов' });
  await expect(page.getByRole('status').filter({ hasText: 'Logged in as Дмитрий 🚀 Иванов' })).toBeVisible();
  // The raw token, decoded, and the events in the order they fired, timed from the start.
  await expect(page.getByLabel('Token header')).toContainText('"alg": "RS256"');
  await expect(page.getByLabel('Token payload')).toContainText('"aud": "7700000001"');
  await expect(page.locator('#events tr td:nth-child(3)')).toHaveText(['start', 'success']);
  await expect(page.locator('#events tr').nth(0).locator('td').nth(1)).toHaveText('+0 ms');
  await expect(page.locator('#events tr').nth(1).locator('td').nth(1)).toHaveText(/^\+\d+ ms$/);
});

test('popup code flow through the handler mounted in the demo’s server', async ({ page }) => {
  await page.goto(`${DEMO_URL}?flow=popup&text=signin`);
  const popup = await openConsent(page, 'Sign in with Telegram');
  await popup.getByRole('radio', { name: /Carol/ }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Verified by the demo\'s server (popup flow).')).toBeVisible();
  expect(await shownClaims(page)).toMatchObject({ id: 100004, preferred_username: 'carol' });
});

test('redirect code flow through the handler mounted in the demo’s server, configuration restored', async ({ page }) => {
  await page.goto(`${DEMO_URL}?flow=redirect&text=continue&shape=square`);
  await liveButton(page, 'Continue with Telegram').click();
  await page.waitForURL((url) => url.pathname === '/auth');
  await page.getByRole('radio', { name: /Bob/ }).check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Verified by the demo\'s server (redirect flow).')).toBeVisible();
  expect(await shownClaims(page)).toMatchObject({ id: 100003, name: 'Bob' });
  // Exactly one button finished the login, and the page is back on the configuration it started from.
  await expect(page.locator('#events tr.event-success')).toHaveCount(1);
  await expect(page).toHaveURL(`${DEMO_URL}?flow=redirect&shape=square&text=continue`);
  await expect(page.getByLabel('Shape')).toHaveValue('square');
});

test('the demo reports a denied login', async ({ page }) => {
  await page.goto(DEMO_URL);
  await (await openConsent(page, 'Log in with Telegram')).getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('heading', { name: 'Login failed: access_denied' })).toBeVisible();
  await expect(page.locator('#events tr td:nth-child(3)')).toHaveText(['start', 'error']);
});

test('a denied redirect login comes back to the configuration it started from', async ({ page }) => {
  await page.goto(`${DEMO_URL}?flow=redirect&size=small`);
  await liveButton(page, 'Log in with Telegram').click();
  await page.waitForURL((url) => url.pathname === '/auth');
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('heading', { name: 'Login failed: access_denied' })).toBeVisible();
  await expect(page).toHaveURL(`${DEMO_URL}?flow=redirect&size=small`);
  await expect(page.getByLabel('Size')).toHaveValue('small');
  await expect(page.locator('#events tr.event-error')).toHaveCount(1);
});

test('bot flow: the dialog’s link opens the simulated Telegram app, where Start and the code log the demo in', async ({ page, context }) => {
  await page.goto(`${DEMO_URL}?flow=bot`);
  await expect(page.locator('#mode-hint')).toContainText('simulated Telegram app');
  await expect(page.getByLabel('Bot username')).toHaveValue('MockLoginBot');
  await expect(page.getByLabel('Client id')).toBeHidden();
  await liveButton(page, 'Log in with Telegram').click();
  const dialog = page.getByRole('dialog', { name: 'Log in with Telegram' });
  const code = (await dialog.locator('.wd-code').textContent())!.trim();
  const appOpens = context.waitForEvent('page');
  await dialog.getByRole('link', { name: /Use t\.me in a new tab/ }).click();
  const app = await appOpens;
  await app.getByRole('button', { name: 'Start', exact: true }).click();
  await app.getByRole('button', { name: code, exact: true }).click();
  await expect(app.getByRole('log')).toContainText('You are logged in to localhost');
  await expect(page.getByText('Verified by the demo\'s server (bot flow): confirmed in the bot.')).toBeVisible();
  await expect(dialog).toBeHidden();
  expect(await shownClaims(page)).toMatchObject({ sub: 'tg:100001', tg_id: 100001, name: 'Alice Anderson', amr: ['tg_bot'] });
  await expect(page.getByLabel('Token payload')).toHaveText('—');
  await expect(page.locator('#events tr td:nth-child(3)')).toHaveText(['start', 'success']);
  // The session is the demo server's own: /session says so.
  const session = await page.request.get(`${DEMO_URL}auth/telegram/session`);
  expect(((await session.json()) as { user: Record<string, unknown> }).user).toMatchObject({ tg_id: 100001, amr: ['tg_bot'] });
});
