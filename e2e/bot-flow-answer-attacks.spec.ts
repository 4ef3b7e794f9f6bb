import type { Page } from '@playwright/test';
import { nextEvent } from './fixtures.js';
import { BOT, botPage, dialogShows, expect, test } from './bot-fixtures.js';

/**
 * What the bot flow does with a `/bot/start` answer it should not believe (a compromised or
 * intercepted answer, or another endpoint on the site that bot-url was pointed at): the dialog and
 * a phone's tap open only the bot's own `tg://resolve` link and its `https://t.me` link (on a loopback
 * page, the mock's simulated app), and nothing in the answer becomes markup or hangs the page. The
 * real server kit answers; the test rewrites what the browser receives.
 */

type StartAnswer = { requestId: string; links: { https: string; tg: string }; qr: { size: number; modules: string }; matchCode: string; expiresAt: number };

/** Rewrites `/bot/start`'s real answer (its cookie is kept) with `change`. */
async function tamperStart(page: Page, change: (answer: StartAnswer) => object): Promise<void> {
  await page.route('**/auth/telegram/bot/start', async (route) => {
    const response = await route.fetch();
    const answer = (await response.json()) as StartAnswer;
    await route.fulfill({ response, json: { ...answer, ...change(answer) } });
  });
}

/** What the click led to first: the dialog, or the error event (with its code). */
function dialogOrError(page: Page): Promise<string> {
  return Promise.race([
    page.getByRole('dialog').waitFor().then(() => 'a dialog'),
    nextEvent(page, 'telegram-login-error').then((event) => `error ${event.detail.error!.code}`),
  ]);
}

const payloadOf = (answer: StartAnswer) => new URL(answer.links.tg).searchParams.get('start')!;

/** Links the dialog must never show, nor a phone open. */
const badLinks: [string, (answer: StartAnswer) => object][] = [
  ['an https link to another host', (answer) => ({ links: { ...answer.links, https: `https://evil.example/t.me/${BOT}?start=${payloadOf(answer)}` } })],
  ['a data: https link', (answer) => ({ links: { ...answer.links, https: 'data:text/html,<script>alert(1)</script>' } })],
  ['an http link in place of the tg: link', (answer) => ({ links: { ...answer.links, tg: 'http://evil.example/open' } })],
  ['a tg://proxy link (adds the attacker’s MTProto proxy)', (answer) => ({ links: { ...answer.links, tg: 'tg://proxy?server=evil.example&port=443&secret=00112233445566778899aabbccddeeff' } })],
  ['a tg://login link (links the attacker’s device to the account)', (answer) => ({ links: { ...answer.links, tg: 'tg://login?token=AQID' } })],
  ['a tg: link to another bot than the https link', (answer) => ({ links: { ...answer.links, tg: `tg://resolve?domain=EvilBot&start=${payloadOf(answer)}` } })],
  ['an https link to another bot than the tg: link', (answer) => ({ links: { ...answer.links, https: `https://t.me/EvilBot?start=${payloadOf(answer)}` } })],
];

for (const [what, change] of badLinks) {
  test(`a /bot/start answer with ${what} shows no dialog: server_error, and the request is cancelled`, async ({ page, site }) => {
    await tamperStart(page, change);
    await page.goto(botPage(site));
    const outcome = dialogOrError(page);
    const cancel = page.waitForRequest((request) => request.url().endsWith('/bot/cancel'));
    await page.click('#tg');
    expect(await outcome).toBe('error server_error');
    await cancel;
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the tap opens only a tg://resolve link: a tg://proxy or http link in the answer is never opened', async ({ page, site }) => {
    const opened: string[] = [];
    page.on('request', (request) => /^(?:tg:|http:\/\/evil)/.test(request.url()) && opened.push(request.url()));
    for (const tg of ['tg://proxy?server=evil.example&port=443&secret=00112233445566778899aabbccddeeff', 'http://evil.example/open']) {
      await page.unrouteAll();
      await tamperStart(page, (answer) => ({ links: { ...answer.links, tg } }));
      await page.goto(botPage(site));
      const outcome = dialogOrError(page);
      await page.tap('#tg');
      const first = await outcome;
      expect(opened, tg).toEqual([]);
      expect(first, tg).toBe('error server_error');
      expect(page.url(), tg).toBe(botPage(site));
    }
  });
});

test('markup in the match code is shown as text: no element, no script', async ({ page, site }) => {
  let pwned = false;
  page.on('console', (message) => message.text() === 'pwned' && (pwned = true));
  const code = '<img src=x onerror="console.log(\'pwned\')">';
  await tamperStart(page, () => ({ matchCode: code }));
  await page.goto(botPage(site));
  await page.click('#tg');
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('.wd-code')).toHaveText(code);
  await expect(dialog.locator('img')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(pwned).toBe(false);
});

const badQrCodes: [string, object][] = [
  ['fewer modules than its size needs', { size: 177, modules: 'AAAA' }],
  ['characters that are not base64url', { size: 21, modules: '<svg onload=alert(1)>'.padEnd(75, '!') }],
  ['five megabytes of modules', { size: 177, modules: 'A'.repeat(5_000_000) }],
  ['a size beyond QR version 40', { size: 100_000, modules: 'A' }],
];

for (const [what, qr] of badQrCodes) {
  test(`a QR code with ${what} ends the login with server_error at once, and the next click works`, async ({ page, site }) => {
    await tamperStart(page, () => ({ qr }));
    await page.goto(botPage(site));
    const failed = nextEvent(page, 'telegram-login-error');
    await page.click('#tg');
    expect((await failed).detail.error!.code).toBe('server_error');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.unrouteAll();
    await page.click('#tg');
    await dialogShows(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });
}

test('an expiry years away is shown as at most an hour', async ({ page, site }) => {
  await tamperStart(page, () => ({ expiresAt: Date.now() + 10 * 365 * 86_400_000 }));
  await page.goto(botPage(site));
  await page.click('#tg');
  const timer = page.getByRole('dialog').getByRole('timer');
  await expect(timer).toHaveText(/^Expires in (?:60:00|59:[0-5]\d)$/);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
});
