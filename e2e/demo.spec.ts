import { expect, test } from '@playwright/test';
import { DEMO_PORT } from '../playwright.config.js';

// The page `npm start` serves, with the mock Telegram it embeds.
const DEMO_URL = `http://localhost:${DEMO_PORT}/`;

test('npm start serves a demo whose button logs in against the embedded mock and shows UTF-8 claims', async ({ page }) => {
  await page.goto(DEMO_URL);
  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Log in with Telegram' }).click();
  const popup = await popupPromise;
  await popup.getByRole('radio', { name: /Дмитрий/ }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();

  await expect(page.getByRole('heading', { name: 'Logged in' })).toBeVisible();
  const claims = JSON.parse((await page.locator('#claims').textContent())!) as Record<string, unknown>;
  expect(claims).toMatchObject({ aud: '7700000001', id: 100002, name: 'Дмитрий 🚀 Иванов' });
});

test('the demo reports a denied login', async ({ page }) => {
  await page.goto(DEMO_URL);
  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Log in with Telegram' }).click();
  await (await popupPromise).getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('heading', { name: 'Login failed: access_denied' })).toBeVisible();
});
