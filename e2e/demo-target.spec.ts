// The generator's target on the demo page: "Local, with the mock" (the default while the demo runs
// on the mock) prints this demo's mock, "Production" prints Telegram's; and what the preview says
// about the look.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_MOCK_PORT, DEMO_PORT } from '../playwright.config.js';

const DEMO_URL = `http://localhost:${DEMO_PORT}/`;
const DEMO_MOCK = `http://127.0.0.1:${DEMO_MOCK_PORT}`;
const MOCK_SECRET = 'mock-secret-7700000001-do-not-use-in-production';

const snippet = (page: Page, id: string) => page.locator(`#snippet-${id}`);

test('the demo starts on the local target: every snippet points at its mock and a page on localhost', async ({ page }) => {
  await page.goto(DEMO_URL);
  await expect(page.getByRole('radio', { name: /Local, with the mock/ })).toBeChecked();
  await expect(page.getByLabel('Page with the button')).toHaveValue('http://localhost:3000/');
  await expect(snippet(page, 'html')).toContainText(`issuer="${DEMO_MOCK}"`);
  await expect(snippet(page, 'html')).toContainText(`library-src="${DEMO_MOCK}/js/telegram-login.js"`);
  await expect(snippet(page, 'html')).toContainText('<script type="module" src="/telegram-login-kit/telegram-login-kit.js" blocking="render"></script>');
  await expect(snippet(page, 'server-node')).toContainText(`clientSecret: '${MOCK_SECRET}',`);
  await expect(snippet(page, 'server-node')).toContainText(`issuer: '${DEMO_MOCK}',`);
  await expect(snippet(page, 'server-node')).toContainText("server.listen(3000, 'localhost', () => {");
  await expect(snippet(page, 'botfather')).toContainText('Nothing to register while you develop');
  expect(new URL(page.url()).search).toBe(''); // the default needs no query
});

test('Production prints Telegram: no mock URL or secret, the bundle self-hosted or from the CDN once published; a reload keeps it', async ({ page }) => {
  await page.goto(DEMO_URL);
  await page.getByRole('radio', { name: /Production/ }).check();
  await expect(page).toHaveURL(/[?&]target=production/);
  await expect(page.getByLabel('Page with the button')).toHaveValue('https://example.com/login');
  await expect(page.locator('#readiness')).toHaveText(/^Ready: every snippet below works as printed on your site/);
  await expect(page.getByLabel('Page with the button')).toHaveAccessibleDescription(/BotFather’s Allowed URLs/);
  for (const id of ['html', 'npm', 'react', 'vue', 'server-node', 'server-fetch', 'headers', 'botfather']) {
    await expect(snippet(page, id), id).not.toContainText(DEMO_MOCK);
    await expect(snippet(page, id), id).not.toContainText(MOCK_SECRET);
  }
  await expect(snippet(page, 'html')).toContainText('is published on npm:');
  await expect(snippet(page, 'html')).toContainText('https://cdn.jsdelivr.net/npm/telegram-login-kit@0.1.0/dist/telegram-login-kit.js');
  await expect(snippet(page, 'server-node')).toContainText('clientSecret: process.env.TELEGRAM_CLIENT_SECRET');
  await expect(snippet(page, 'botfather')).toContainText('Allowed URLs: add https://example.com');

  await page.reload();
  await expect(page.getByRole('radio', { name: /Production/ })).toBeChecked();
  await expect(snippet(page, 'server-node')).toContainText('clientSecret: process.env.TELEGRAM_CLIENT_SECRET');
  // Back to local: the page URL still at production's default follows; one typed by hand would stay.
  await page.getByRole('radio', { name: /Local, with the mock/ }).check();
  await expect(page.getByLabel('Page with the button')).toHaveValue('http://localhost:3000/');
  await expect(snippet(page, 'server-node')).toContainText(`clientSecret: '${MOCK_SECRET}',`);
});

test('the local target explains a page URL or client id the mock cannot serve', async ({ page }) => {
  await page.goto(DEMO_URL);
  await page.getByLabel('Page with the button').fill('https://shop.example/login');
  await expect(page.getByLabel('Page with the button')).toHaveAccessibleDescription(/must be on http:\/\/localhost or http:\/\/127\.0\.0\.1 for the local target/);
  await page.getByLabel('Page with the button').fill('http://127.0.0.1:8080/signin');
  await expect(page.getByLabel('Page with the button')).toHaveAttribute('aria-invalid', 'false');
  await expect(snippet(page, 'server-node')).toContainText("server.listen(8080, '127.0.0.1', () => {");
  await page.getByLabel('Client id').fill('1234567');
  await expect(page.getByLabel('Client id')).toHaveAccessibleDescription(/The mock knows one bot, 7700000001/);
  await expect(snippet(page, 'html')).toContainText('NOT READY');
});

test('the Theme field says what theme changes, and a stage says when the outlined button is made for the other background', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(DEMO_URL);
  await expect(page.getByLabel('Theme')).toHaveAccessibleDescription(/Theme sets the outlined button’s colors .* the filled button is Telegram blue on any background/);
  const lightHint = page.locator('#preview-light .stage-hint');
  const darkHint = page.locator('#preview-dark .stage-hint');
  await expect(lightHint).toBeHidden();
  await expect(darkHint).toBeHidden();

  await page.getByLabel('Appearance').selectOption('outlined');
  // The default theme is light: the outlined button is made for the light stage.
  await expect(lightHint).toBeHidden();
  await expect(darkHint).toHaveText('Outlined with theme "light" is made for light backgrounds: hard to see on this one.');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(lightHint).toHaveText('Outlined with theme "dark" is made for dark backgrounds: hard to see on this one.');
  await expect(darkHint).toBeHidden();
  await page.getByLabel('Theme').selectOption('auto');
  await expect(darkHint).toHaveText('Outlined with theme auto (light here) is made for light backgrounds: hard to see on this one.');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(lightHint).toHaveText('Outlined with theme auto (dark here) is made for dark backgrounds: hard to see on this one.');
  await expect(darkHint).toBeHidden();
  // Filled is Telegram blue everywhere: no hint.
  await page.getByLabel('Appearance').selectOption('filled');
  await expect(lightHint).toBeHidden();
  await expect(darkHint).toBeHidden();
});
