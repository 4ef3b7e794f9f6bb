import { chromiumExecutable } from './browser.js';
import { nextEvent } from './fixtures.js';
import { BOB, botPage, dialogShows, expect, openAndStart, sessionUser, test } from './bot-fixtures.js';

/**
 * A relay: the attacker starts a bot login in their own browser and sends its link (or QR code) to
 * a victim ("tap to claim your prize"). What the victim sees in the bot must tell them it is a login
 * to the site, from a browser that is not theirs, and what to do when they did not start it; a guess
 * must not log the attacker in after a wrong one.
 */

// evil.example (the framing site of the clickjacking test) resolves to this machine.
test.use({ launchOptions: { executablePath: chromiumExecutable(), args: ['--host-resolver-rules=MAP evil.example 127.0.0.1'] } });

test('the victim of a relayed link sees the site, the requesting browser and when, and is told to refuse a login they did not start', async ({ page, site, mock }) => {
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https } = await dialogShows(page);
  const question = await openAndStart(mock, BOB, https);
  const host = new URL(site.origin).host;
  expect(question.text).toContain(`Log in to ${host}?`);
  expect(question.text).toMatch(/Request from .+ on Linux, \d\d:\d\d/);
  // The codes alone do not tell a victim which is right…
  expect(question.buttons.flat().map((button) => button.text)).toEqual([expect.stringMatching(/^\d\d$/), expect.stringMatching(/^\d\d$/), expect.stringMatching(/^\d\d$/), 'Not me']);
  // …so the question itself must say what to do with a login the reader did not start (RFC 8628 §5.4).
  expect(question.text).toMatch(/did ?n[o’']t start|not started by you|If this was not you/i);
  expect(question.text).toContain('Not me');
});

test('a victim who guesses wrong ends the relayed request: the right code afterwards logs nobody in', async ({ page, site, mock }) => {
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https, matchCode } = await dialogShows(page);
  const question = await openAndStart(mock, BOB, https);
  const wrong = question.buttons[0]!.map((button) => button.text).find((text) => text !== matchCode)!;
  const denied = nextEvent(page, 'telegram-login-error');
  await mock.app.press(BOB, wrong);
  expect((await denied).detail.error!.code).toBe('access_denied');
  // The question lost its buttons: there is nothing left to press.
  await expect.poll(() => mock.app.messages(BOB, 'MockLoginBot').find((message) => message.id === question.id)?.buttons.flat().length).toBe(0);
  const again = await openAndStart(mock, BOB, https);
  expect(again.text).toBe('This login link has expired; start again on the site.');
  expect(await sessionUser(page, site.origin)).toBeNull();
});

test('framed by another site (clickjacking), a bot login cannot bind its request and ends in one error; nobody is logged in', async ({ page, site }) => {
  const framed = botPage(site);
  // The attacker's page, on another site, frames the site's login page under its own content.
  const prize = new URL(site.page('/prize', `<!doctype html><title>Win a prize</title><iframe src="${framed}" width="600" height="400"></iframe>`));
  const outcomes: string[] = [];
  page.on('console', (message) => {
    const type = /^event \{"type":"telegram-login-(success|error|cancel)"/.exec(message.text())?.[1];
    if (type) outcomes.push(`${type} ${(JSON.parse(message.text().slice(6)) as { detail: { error?: { code: string } } }).detail.error?.code ?? ''}`.trim());
  });
  await page.goto(`http://evil.example:${prize.port}${prize.pathname}`);
  const frame = page.frameLocator('iframe');
  const ended = page.waitForEvent('console', (message) => /"telegram-login-(?:success|error|cancel)"/.test(message.text()));
  await frame.locator('#tg').click();
  await ended;
  expect(outcomes).toEqual(['error bot_request_missing']);
  await expect(frame.getByRole('dialog')).toHaveCount(0);
  expect(await sessionUser(page, site.origin)).toBeNull();
});
