import { expect, test, type Page } from '@playwright/test';
import { DEMO_PORT } from '../playwright.config.js';

// The page `npm start` serves, with the mock Telegram it embeds and the server kit mounted on its server.
const DEMO_URL = `http://localhost:${DEMO_PORT}/`;

async function openConsent(page: Page, button: string): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: button }).click();
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
});

test('popup code flow through the handler mounted in the demo’s server', async ({ page }) => {
  await page.goto(DEMO_URL);
  const popup = await openConsent(page, 'Sign in with Telegram');
  await popup.getByRole('radio', { name: /Carol/ }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Verified by the demo\'s server (popup flow).')).toBeVisible();
  expect(await shownClaims(page)).toMatchObject({ id: 100004, preferred_username: 'carol' });
});

test('redirect code flow through the handler mounted in the demo’s server', async ({ page }) => {
  await page.goto(DEMO_URL);
  await page.getByRole('button', { name: 'Continue with Telegram' }).click();
  await page.waitForURL((url) => url.pathname === '/auth');
  await page.getByRole('radio', { name: /Bob/ }).check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Verified by the demo\'s server (redirect flow).')).toBeVisible();
  expect(await shownClaims(page)).toMatchObject({ id: 100003, name: 'Bob' });
  expect(page.url()).toBe(DEMO_URL);
});

test('the demo reports a denied login', async ({ page }) => {
  await page.goto(DEMO_URL);
  await (await openConsent(page, 'Log in with Telegram')).getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('heading', { name: 'Login failed: access_denied' })).toBeVisible();
});
