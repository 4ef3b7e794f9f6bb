// The first hour with the bot flow, played as written: the demo's "Local, with the mock" target, the
// Bot flow, the "HTML drop-in" and "Server: Node" blocks in an empty folder, the commands they
// print, the mock started with the documented command, and a login through the mock's simulated
// Telegram app (the dialog's t.me link opens it; the user presses Start, then the code). The only
// edit is the mock's port, which the test picked.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_MOCK, copyFromDemo, onOurMock, setUp, test } from './first-hour-steps.js';
import { freePort } from './free-port.js';

const MOCK_BOT_TOKEN = '7700000001:AAMock-bot-token-do-not-use-in-prod';

/** Clicks the button, opens the dialog's t.me link (the mock's app, in a new tab) and presses Start there. */
async function startInTheApp(page: Page, context: BrowserContext): Promise<{ app: Page; code: string }> {
  await page.getByRole('button', { name: 'Log in with Telegram' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log in with Telegram' });
  const code = (await dialog.locator('.wd-code').textContent())!.trim();
  expect(code).toMatch(/^\d{2}$/);
  const opens = context.waitForEvent('page');
  await dialog.getByRole('link', { name: /Use t\.me in a new tab/ }).click();
  const app = await opens;
  await app.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(app.getByRole('button', { name: 'Not me', exact: true })).toBeVisible();
  return { app, code };
}

async function newSite(page: Page, project: Parameters<typeof setUp>[0], issuer: string, siteUrl: string) {
  const copied = await copyFromDemo(page, 'bot', siteUrl);
  // The page talks only to its own server: nothing of the mock in it to change.
  expect(copied.html).not.toContain(DEMO_MOCK);
  expect(copied.html).toContain('<telegram-login-button flow="bot"></telegram-login-button>');
  const site = await setUp(project, copied.html, onOurMock(copied.server, issuer));
  await site.waitFor(new RegExp(`^Your site is on ${siteUrl}$`));
  return site;
}

test("a new site from the demo's local bot-flow snippets, as printed, logs in through the simulated app on the first try", async ({ page, context, project, repositoryMock }) => {
  test.slow(); // two servers start, and the user goes through the app
  const siteUrl = `http://localhost:${await freePort()}/`;
  const site = await newSite(page, project, repositoryMock.issuer, siteUrl);

  await page.goto(siteUrl);
  const { app, code } = await startInTheApp(page, context);
  await expect(app.getByRole('log')).toContainText(`Log in to ${new URL(siteUrl).host}?`);
  await app.getByRole('button', { name: code, exact: true }).click();
  await expect(app.getByRole('log')).toContainText(`You are logged in to ${new URL(siteUrl).host}.`);
  await page.waitForURL(`${siteUrl}account`);
  await expect(page.getByRole('heading', { name: 'Logged in as Alice Anderson' })).toBeVisible();
  await expect(page.getByText('Telegram id 100001.')).toBeVisible();

  // The request log the snippet turned on: the bot flow's routes, nothing secret.
  await site.waitFor(/^POST \/auth\/telegram\/bot\/start 200 ok \d+ms$/);
  await site.waitFor(/^GET \/auth\/telegram\/bot\/status 200 ok \d+ms$/);
  const log = site.output();
  expect(log).not.toContain(MOCK_BOT_TOKEN);
  expect(log).not.toMatch(/tlk_|wait=/);
  expect(log).not.toMatch(/bot_api_failed|getUpdates failed|Error/);
});

test('the printed bot-flow page shows a denied login, and the next try logs in (page on 127.0.0.1, opened at localhost)', async ({ page, context, project, repositoryMock }) => {
  test.slow();
  const port = await freePort();
  const siteUrl = `http://127.0.0.1:${port}/login`;
  const site = await newSite(page, project, repositoryMock.issuer, siteUrl);

  // The server names both spellings of loopback: the page works at the other one too.
  const otherSpelling = `http://localhost:${port}/login`;
  await page.goto(otherSpelling);
  const logged = page.waitForEvent('console', (message) => message.type() === 'error' && message.text().startsWith('access_denied'));
  const first = await startInTheApp(page, context);
  await first.app.getByRole('button', { name: 'Not me', exact: true }).click();
  await expect(page.locator('#login-problem')).toHaveText(/^Login failed: .+ \(access_denied\)$/);
  await logged;
  await expect(page.getByRole('dialog')).toBeHidden();

  const second = await startInTheApp(page, context);
  await second.app.getByRole('button', { name: second.code, exact: true }).click();
  await page.waitForURL(`http://localhost:${port}/account`);
  await expect(page.getByRole('heading', { name: 'Logged in as Alice Anderson' })).toBeVisible();
  await site.waitFor(/^GET \/auth\/telegram\/bot\/status 200 ok \d+ms$/);
});
