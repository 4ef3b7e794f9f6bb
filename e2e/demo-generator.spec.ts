// The snippet generator on the page `npm start` serves: the form drives the live preview, every
// snippet tab and the URL; bad input is explained, never fatal; copy buttons copy.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PORT } from '../playwright.config.js';
import { SNIPPET_TABS, type SnippetTabId } from '../demo/snippets.js';

const DEMO_URL = `http://localhost:${DEMO_PORT}/`;
const CLIENT_TABS: SnippetTabId[] = ['html', 'npm', 'react', 'vue'];

const preview = (page: Page): Locator => page.locator('#preview-light telegram-login-button');
const darkPreview = (page: Page): Locator => page.locator('#preview-dark telegram-login-button');

async function snippets(page: Page): Promise<Record<SnippetTabId, string>> {
  const entries = await Promise.all(SNIPPET_TABS.map(async (tab) => [tab.id, (await page.locator(`#snippet-${tab.id}`).textContent()) ?? ''] as const));
  return Object.fromEntries(entries) as Record<SnippetTabId, string>;
}

interface OptionCase {
  name: string;
  change: (page: Page) => Promise<void>;
  /** The preview's attribute and value afterwards ('' for a boolean attribute). */
  attribute: [string, string];
  /** Text the HTML drop-in and the npm snippet then contain. */
  html: string;
  npm: string;
}

const OPTIONS: OptionCase[] = [
  { name: 'client id', change: (p) => p.getByLabel('Client id').fill('1234567890'), attribute: ['client-id', '1234567890'], html: 'client-id="1234567890"', npm: "clientId: '1234567890'" },
  { name: 'flow', change: (p) => p.getByRole('radio', { name: /Popup/ }).check(), attribute: ['flow', 'popup'], html: 'flow="popup"', npm: "flow: 'popup'" },
  { name: 'request access', change: (p) => p.getByLabel('Phone number').check(), attribute: ['request-access', 'write phone'], html: 'request-access="write phone"', npm: "requestAccess: 'write phone'" },
  { name: 'language', change: (p) => p.getByLabel('Language').fill('uk'), attribute: ['lang', 'uk'], html: 'lang="uk"', npm: "lang: 'uk'" },
  { name: 'size', change: async (p) => void (await p.getByLabel('Size').selectOption('small')), attribute: ['size', 'small'], html: 'size="small"', npm: "size: 'small'" },
  { name: 'shape', change: async (p) => void (await p.getByLabel('Shape').selectOption('rounded')), attribute: ['shape', 'rounded'], html: 'shape="rounded"', npm: "shape: 'rounded'" },
  { name: 'appearance', change: async (p) => void (await p.getByLabel('Appearance').selectOption('outlined')), attribute: ['appearance', 'outlined'], html: 'appearance="outlined"', npm: "appearance: 'outlined'" },
  { name: 'theme', change: async (p) => void (await p.getByLabel('Theme').selectOption('dark')), attribute: ['theme', 'dark'], html: 'theme="dark"', npm: "theme: 'dark'" },
  { name: 'text', change: async (p) => void (await p.getByLabel('Text', { exact: true }).selectOption('signup')), attribute: ['text', 'signup'], html: 'text="signup"', npm: "text: 'signup'" },
  { name: 'icon only', change: (p) => p.getByLabel('Icon only').check(), attribute: ['icon-only', ''], html: ' icon-only', npm: 'iconOnly: true' },
  { name: 'shine', change: (p) => p.getByLabel('Shine').check(), attribute: ['shine', ''], html: ' shine', npm: 'shine: true' },
  { name: 'full width', change: (p) => p.getByLabel('Full width').check(), attribute: ['full-width', ''], html: ' full-width', npm: 'fullWidth: true' },
];

test('changing each option updates both previews and every snippet tab', async ({ page }) => {
  await page.goto(DEMO_URL);
  await expect(preview(page)).toHaveAttribute('client-id', '7700000001');
  await page.getByRole('radio', { name: /Production/ }).check(); // your own bot's client id, below
  for (const option of OPTIONS) {
    const before = await snippets(page);
    await option.change(page);
    const [name, value] = option.attribute;
    await expect(preview(page), option.name).toHaveAttribute(name, value);
    await expect(darkPreview(page), option.name).toHaveAttribute(name, value);
    await expect(page.locator('#snippet-html'), option.name).toContainText(option.html);
    await expect(page.locator('#snippet-npm'), option.name).toContainText(option.npm);
    const after = await snippets(page);
    for (const tab of CLIENT_TABS) expect(after[tab], `${tab} after ${option.name}`).not.toBe(before[tab]);
    if (option.name === 'client id' || option.name === 'flow') {
      for (const tab of SNIPPET_TABS) {
        if (tab.id === 'headers' && option.name === 'client id') continue; // a client id changes no header
        if (tab.id.startsWith('server-') && option.name === 'flow') continue; // one server serves every flow
        expect(after[tab.id], `${tab.id} after ${option.name}`).not.toBe(before[tab.id]);
      }
    }
  }
  // The custom label is the element's slot, in the preview and in the snippets.
  await page.getByLabel('Custom label').fill('Continue as Alice');
  await expect(preview(page)).toHaveJSProperty('textContent', 'Continue as Alice');
  await expect(page.locator('#preview-light').getByRole('button', { name: 'Continue as Alice' })).toBeVisible();
  await expect(page.locator('#snippet-html')).toContainText('>Continue as Alice</telegram-login-button>');
  await expect(page.locator('#snippet-react')).toContainText('>{"Continue as Alice"}</TelegramLoginButton>');
  // The code flow's preview comes back to this page and this server, not to the snippet's site.
  await expect(preview(page)).toHaveAttribute('redirect-uri', DEMO_URL);
  await expect(page.locator('#snippet-html')).toContainText('redirect-uri="https://example.com/login"');
  await expect(page.locator('#snippet-html')).toContainText('exchange-url="/auth/telegram/exchange"');
  await expect(page.locator('#snippet-botfather')).toContainText('the exact redirect URI: https://example.com/login');
});

test('the URL holds the configuration and a reload restores it', async ({ page }) => {
  await page.goto(DEMO_URL);
  await page.getByRole('radio', { name: /Redirect/ }).check();
  await page.getByLabel('Shape').selectOption('square');
  await page.getByLabel('Shine').check();
  await page.getByLabel('Write (the bot may message the user)').uncheck();
  await page.getByLabel('Custom label').fill('Вход & co');
  await page.getByLabel('Page with the button').fill('https://shop.example/signin');
  await expect(page).toHaveURL(/shine=1/);
  const before = await snippets(page);
  const url = page.url();

  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.getByRole('radio', { name: /Redirect/ })).toBeChecked();
  await expect(page.getByLabel('Shape')).toHaveValue('square');
  await expect(page.getByLabel('Shine')).toBeChecked();
  await expect(page.getByLabel('Write (the bot may message the user)')).not.toBeChecked();
  await expect(page.getByLabel('Custom label')).toHaveValue('Вход & co');
  await expect(preview(page)).toHaveAttribute('flow', 'redirect');
  await expect(preview(page)).toHaveAttribute('shine', '');
  await expect(preview(page)).not.toHaveAttribute('request-access');
  expect(await snippets(page)).toEqual(before);

  // The same link in a fresh page shows the same thing ("shareable").
  const other = await page.context().newPage();
  await other.goto(url);
  expect(await snippets(other)).toEqual(before);
});

test('a non-numeric client id is explained next to the field and in the snippets; nothing breaks', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(DEMO_URL);
  await expect(page.getByRole('status').filter({ hasText: 'Ready: every snippet below works as printed on your machine, with the mock Telegram.' })).toBeVisible();

  const field = page.getByLabel('Client id');
  await field.fill('my_bot');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Client id must be numeric \(the bot id\), not "my_bot"\./);
  await expect(page.getByText('Not ready: 1 field needs fixing; the snippets say what is missing.')).toBeVisible();
  for (const [id, text] of Object.entries(await snippets(page))) {
    expect(text, id).toContain('NOT READY');
    expect(text, id).toContain('Client id must be numeric');
  }
  // The preview shows what the element does with it: soft-disabled, and a click says why.
  const button = page.locator('#preview-light').getByRole('button', { name: 'Log in with Telegram' });
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await button.focus(); // soft-disabled: focusable, and a press explains the problem
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Login failed: invalid_config' })).toBeVisible();

  await field.fill('');
  await expect(field).toHaveAccessibleDescription(/Client id is missing/);
  await field.fill('7700000001');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('#clientId-error')).toBeHidden();
  await expect(page.locator('#snippet-html')).not.toContainText('NOT READY');
  await expect(button).not.toHaveAttribute('aria-disabled', 'true');
  expect(errors).toEqual([]);
});

test('copy buttons put the shown snippet on the clipboard and say so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(DEMO_URL).origin });
  await page.goto(`${DEMO_URL}?target=production&flow=popup&clientId=1234567890`);
  for (const tab of SNIPPET_TABS) {
    await page.getByRole('tab', { name: tab.label }).click();
    const copy = page.getByRole('button', { name: `Copy ${tab.label}` });
    await copy.click();
    await expect(copy).toHaveText('Copied ✓');
    await expect(page.locator('#copy-status')).toHaveText(`${tab.label} copied to the clipboard.`);
    const expected = await page.locator(`#snippet-${tab.id}`).textContent();
    expect(await page.evaluate(() => navigator.clipboard.readText()), tab.id).toBe(expected);
  }
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Allowed URLs: add https://example.com');
});

test('the snippet tabs work from the keyboard', async ({ page }) => {
  await page.goto(DEMO_URL);
  const first = page.getByRole('tab', { name: 'HTML drop-in' });
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'npm / ESM' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'npm / ESM' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'npm / ESM' })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: 'HTML drop-in' })).toBeHidden();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'BotFather' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(first).toBeFocused();
  // Tab leaves the tab list for the panel's copy button.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Copy HTML drop-in' })).toBeFocused();
});
