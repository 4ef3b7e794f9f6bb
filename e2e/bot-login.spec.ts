import { nextEvent, recordEvents } from './fixtures.js';
import { ALICE, BOB, BOT, botPage, dialogShows, expect, openAndStart, questionBecomes, sessionUser, SHORT_BOT_URL, test } from './bot-fixtures.js';

/**
 * Bot login end to end in Chromium: the drop-in's `flow="bot"` against the real server kit, the
 * mock's Bot API (webhook) and the simulated Telegram app as the user. Nothing of ours is faked.
 */

const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'";

test('logs in: QR code and links in the dialog, Start and the match code in Telegram; /session shows the user, the bot says so', async ({ page, site, mock }) => {
  const events = recordEvents(page);
  const violations: string[] = [];
  page.on('console', (message) => message.text().startsWith('csp ') && violations.push(message.text()));
  await page.goto(botPage(site, { headers: { 'Content-Security-Policy': STRICT_CSP } }));

  await page.click('#tg');
  const { matchCode, tg, https } = await dialogShows(page);
  const dialog = page.getByRole('dialog', { name: 'Log in with Telegram' });
  await expect(dialog.getByRole('img', { name: 'QR code that opens the login in Telegram' })).toBeVisible();
  await expect(dialog.getByRole('timer')).toHaveText(/^Expires in [45]:\d\d$/);
  await expect(dialog.getByRole('link', { name: 'Open Telegram' })).toBeFocused();
  expect(matchCode).toMatch(/^\d{2}$/);
  const payload = new URL(https).searchParams.get('start')!;
  expect(https).toBe(`${mock.app.url}/resolve?domain=${BOT}&start=${payload}`);
  expect(tg).toBe(`tg://resolve?domain=${BOT}&start=${payload}`);

  const question = await openAndStart(mock, ALICE, https);
  const host = new URL(site.origin).host;
  expect(question.text.startsWith(`Log in to ${host}?\nRequest from `)).toBe(true);
  expect(question.text).toMatch(/Request from .+ on .+, \d\d:\d\d/);
  expect(question.buttons.flat().map((button) => button.text)).toContain(matchCode);
  const success = nextEvent(page, 'telegram-login-success');
  await mock.app.press(ALICE, matchCode);
  expect((await success).detail).toEqual({ flow: 'bot', user: expect.objectContaining({ tg_id: ALICE, name: 'Alice Anderson', preferred_username: 'alice' }) });

  await expect(dialog).toBeHidden();
  await expect(page.locator('#tg')).toHaveJSProperty('status', 'complete');
  expect(await sessionUser(page, site.origin)).toMatchObject({ sub: `tg:${ALICE}`, tg_id: ALICE, amr: ['tg_bot'] });
  await questionBecomes(mock, ALICE, question.id, `You are logged in to ${host}.`);
  expect(events.map((event) => event.type)).toEqual(['telegram-login-start', 'telegram-login-success']);
  expect(violations).toEqual([]);
});

test('"Not me" in the bot ends the login with access_denied, and nobody is logged in', async ({ page, site, mock }) => {
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https } = await dialogShows(page);
  const question = await openAndStart(mock, ALICE, https);
  const failed = nextEvent(page, 'telegram-login-error');
  await mock.app.press(ALICE, 'Not me');
  expect((await failed).detail.error).toMatchObject({ code: 'access_denied', message: 'the user pressed "Not me" in the bot' });
  await expect(page.getByRole('dialog')).toBeHidden();
  await questionBecomes(mock, ALICE, question.id, 'denied. Nobody was logged in.');
  expect(await sessionUser(page, site.origin)).toBeNull();
});

test('a wrong match code denies the login: access_denied, no session', async ({ page, site, mock }) => {
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https, matchCode } = await dialogShows(page);
  const question = await openAndStart(mock, BOB, https);
  const wrong = question.buttons[0]!.map((button) => button.text).find((text) => text !== matchCode)!;
  const failed = nextEvent(page, 'telegram-login-error');
  await mock.app.press(BOB, wrong);
  expect((await failed).detail.error?.code).toBe('access_denied');
  await questionBecomes(mock, BOB, question.id, 'Wrong code');
  expect(await sessionUser(page, site.origin)).toBeNull();
});

test('an expired request ends the login with expired; its link then gets the bot’s "expired" note', async ({ page, site, mock }) => {
  await page.goto(botPage(site, { attributes: `bot-url="${SHORT_BOT_URL}"` }));
  const failed = nextEvent(page, 'telegram-login-error');
  await page.click('#tg');
  const { https } = await dialogShows(page);
  expect((await failed).detail.error).toMatchObject({ code: 'expired', message: 'the login request expired before the user confirmed it in the bot' });
  await expect(page.getByRole('dialog')).toBeHidden();
  const answer = await openAndStart(mock, ALICE, https);
  expect(answer.text).toBe('This login link has expired; start again on the site.');
  expect(answer.buttons).toEqual([]);
  expect(await sessionUser(page, site.origin)).toBeNull();
});

test('Cancel in the dialog cancels the request on the server: a cancel event, and the bot’s question says so', async ({ page, site, mock }) => {
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https } = await dialogShows(page);
  const question = await openAndStart(mock, ALICE, https);
  const cancelled = nextEvent(page, 'telegram-login-cancel');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect((await cancelled).detail.error?.code).toBe('popup_closed');
  await questionBecomes(mock, ALICE, question.id, 'This login was cancelled on the site.');
  await expect(page.locator('#tg')).toHaveJSProperty('status', 'idle');
  expect(await sessionUser(page, site.origin)).toBeNull();
});

test('removing the element mid-login aborts it and cancels the request on the server', async ({ page, site, mock }) => {
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https } = await dialogShows(page);
  const question = await openAndStart(mock, ALICE, https);
  // Out of the document, its last event reaches only its own listeners.
  const cancelled = page.waitForEvent('console', (message) => message.text().startsWith('removed '));
  await page.evaluate(() => {
    const button = document.querySelector('#tg')!;
    button.addEventListener('telegram-login-cancel', (event) => console.log(`removed ${(event as CustomEvent<{ error: { code: string } }>).detail.error.code}`));
    button.remove();
  });
  expect((await cancelled).text()).toBe('removed aborted');
  await questionBecomes(mock, ALICE, question.id, 'This login was cancelled on the site.');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('relay: another browser that knows the request id and payload, but not the cookie, never gets the session', async ({ page, site, mock, browser }) => {
  await page.goto(botPage(site));
  const start = page.waitForResponse((response) => response.url().endsWith('/bot/start'));
  await page.click('#tg');
  const { requestId, links } = (await (await start).json()) as { requestId: string; links: { https: string } };
  const { matchCode } = await dialogShows(page);

  const attacker = await browser.newContext();
  const stranger = attacker.request;
  for (const path of ['/bot/status?wait=0', `/bot/status?wait=0&requestId=${requestId}`]) {
    const answer = await stranger.get(`${site.origin}/auth/telegram${path}`);
    expect(answer.status()).toBe(401);
    expect(((await answer.json()) as { error: string }).error).toBe('bot_request_missing');
  }
  const cancel = await stranger.post(`${site.origin}/auth/telegram/bot/cancel`, { headers: { Origin: site.origin }, data: { requestId } });
  expect(cancel.status()).toBe(401);

  await openAndStart(mock, ALICE, links.https);
  const success = nextEvent(page, 'telegram-login-success');
  await mock.app.press(ALICE, matchCode);
  await success;
  const attackerSession = await stranger.get(`${site.origin}/auth/telegram/session`);
  expect(attackerSession.status()).toBe(401);
  expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: ALICE });
  await attacker.close();
});

test('the same link used twice logs in at most once: the second Start gets the "expired" note', async ({ page, site, mock }) => {
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https, matchCode } = await dialogShows(page);
  await openAndStart(mock, ALICE, https);
  const success = nextEvent(page, 'telegram-login-success');
  await mock.app.press(ALICE, matchCode);
  await success;

  for (const user of [ALICE, BOB]) {
    const again = await openAndStart(mock, user, https);
    expect(again.text).toBe('This login link has expired; start again on the site.');
  }
  expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: ALICE });
  const spent = await page.request.get(`${site.origin}/auth/telegram/bot/status?wait=0`);
  expect(spent.status()).toBe(401);
});
