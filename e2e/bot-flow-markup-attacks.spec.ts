import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromiumExecutable } from './browser.js';
import type { Page } from '@playwright/test';
import { nextEvent, type LoggedEvent } from './fixtures.js';
import { botPage, expect, sessionUser, test } from './bot-fixtures.js';

/**
 * Invariant 5 for the bot flow: an attacker who can inject markup but not run script cannot make a
 * `flow="bot"` button talk to another origin (whose answers would choose the bot the user confirms
 * in, and the user the page is told about). evil.example and *.site.example resolve to this machine.
 */
test.use({
  launchOptions: {
    executablePath: chromiumExecutable(),
    args: ['--host-resolver-rules=MAP evil.example 127.0.0.1, MAP *.site.example 127.0.0.1'],
  },
});

let attacker: Server;
let evil: string;
const attackerRequests: string[] = [];

test.beforeAll(async () => {
  // The attacker's "server kit": readable from any origin, it answers as the site's would, with the
  // attacker's bot in the links and a user of the attacker's choosing once "approved".
  attacker = createServer((req, res) => {
    attackerRequests.push(`${req.method} ${req.url}`);
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type', 'Content-Type': 'application/json' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const payload = `tlk_${'A'.repeat(43)}`;
    const body = req.url?.includes('/bot/start')
      ? {
          requestId: 'evil',
          links: { https: `https://t.me/EvilBot?start=${payload}`, tg: `tg://resolve?domain=EvilBot&start=${payload}` },
          qr: { size: 21, modules: 'A'.repeat(75) },
          matchCode: '66',
          expiresAt: Date.now() + 300_000,
        }
      : { status: 'approved', user: { sub: 'tg:1', tg_id: 1, name: 'Forged User' } };
    res.writeHead(200, cors).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  evil = `http://evil.example:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));
test.beforeEach(() => {
  attackerRequests.length = 0;
});

/** The login's outcome: the next success, error or cancel event. */
function outcomeEvent(page: Page): Promise<LoggedEvent> {
  return page
    .waitForEvent('console', (message) => /^event \{"type":"telegram-login-(?:success|error|cancel)"/.test(message.text()))
    .then((message) => JSON.parse(message.text().slice(6)) as LoggedEvent);
}

test('an injected bot-url naming another origin, a sibling subdomain or another scheme is invalid_config naming bot-url, and nothing is sent', async ({ page, site }) => {
  const port = new URL(site.origin).port;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const values = [
    `${evil}/auth/telegram`,
    `//evil.example:${port}/auth/telegram`,
    `\\\\evil.example:${port}/auth/telegram`,
    `http://attacker.site.example:${port}/auth/telegram`,
    'javascript:alert(1)//',
    'data:application/json,{}',
  ];
  for (const value of values) {
    const path = new URL(botPage(site, { attributes: `bot-url="${value.replace(/"/g, '&quot;')}"` })).pathname;
    // The page itself on a subdomain, so that attacker.site.example is a sibling, not just another host.
    await page.goto(`http://app.site.example:${port}${path}`);
    const failure = nextEvent(page, 'telegram-login-error');
    await page.click('#tg');
    const { error } = (await failure).detail;
    expect(error, value).toMatchObject({ code: 'invalid_config', message: expect.stringContaining('"bot-url"') });
    await expect(page.locator('#tg').locator('button')).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  expect(requests.filter((url) => url.includes('/bot/'))).toEqual([]);
  expect(attackerRequests).toEqual([]);
});

test('an injected <base href> does not move the default or a relative bot-url', async ({ page, site, mock }) => {
  for (const attributes of ['', 'bot-url="auth/telegram"']) {
    await page.goto(botPage(site, { head: `<base href="${evil}/">`, attributes, path: '/bot' }));
    const start = page.waitForRequest((request) => request.url().endsWith('/bot/start'));
    await page.click('#tg');
    expect(new URL((await start).url()).origin, attributes).toBe(site.origin);
    expect(await page.getByRole('dialog').locator('.wd-web').getAttribute('href')).toMatch(new RegExp(`^${mock.app.url}/resolve\\?`));
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  }
  expect(attackerRequests).toEqual([]);
});

test('a same-origin bot-url that redirects (an open redirect on the site) never carries the bot flow to another origin', async ({ page, site }) => {
  // The site has an open redirect at /go/<rest> → evil.example/<rest>; injected markup points bot-url at it.
  await page.route(`${site.origin}/go/**`, (route) => {
    const rest = new URL(route.request().url()).pathname.slice('/go'.length);
    return route.fulfill({ status: 307, headers: { Location: `${evil}${rest}` } });
  });
  await page.goto(botPage(site, { attributes: 'bot-url="/go"' }));
  const outcome = outcomeEvent(page);
  await page.click('#tg');
  const { type, detail } = await outcome;
  expect(type).toBe('telegram-login-error');
  expect(detail.error!.message).toContain('redirect');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(attackerRequests).toEqual([]);
  expect(await sessionUser(page, site.origin)).toBeNull();
});
