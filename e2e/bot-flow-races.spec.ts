import type { Page, Request } from '@playwright/test';
import { recordEvents } from './fixtures.js';
import { ALICE, botPage, dialogShows, expect, openAndStart, questionBecomes, sessionUser, test } from './bot-fixtures.js';

/**
 * The bot flow under the races a real user and page produce: double clicks, a Cancel followed by a
 * new click, two tabs, Escape as the approval lands, the element removed or moved, the page left.
 * Every login ends in exactly one outcome, never a success after a cancel, and leaves no poll or
 * timer behind. Against the real server kit, the mock's Bot API and the simulated app.
 */

/** Status polls the page has sent that have not ended (answered or aborted). */
function watchPolls(page: Page): { inFlight: () => number; sent: () => number } {
  const open = new Set<Request>();
  let sent = 0;
  page.on('request', (request) => request.url().includes('/bot/status') && (open.add(request), sent++));
  page.on('requestfinished', (request) => open.delete(request));
  page.on('requestfailed', (request) => open.delete(request));
  return { inFlight: () => open.size, sent: () => sent };
}

/** Counts the page's pending timers (setTimeout not yet fired, setInterval not cleared), by delay. */
async function watchTimers(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const pending = new Map<number, string>();
    const { setTimeout: set, setInterval: every, clearTimeout: clear, clearInterval: stop } = window;
    Object.assign(window, {
      pendingTimers: pending,
      setTimeout(callback: () => void, ms = 0, ...args: unknown[]) {
        const id = set(() => (pending.delete(id), callback(...(args as []))), ms);
        pending.set(id, `timeout ${ms}`);
        return id;
      },
      setInterval(callback: () => void, ms = 0, ...args: unknown[]) {
        const id = every(callback, ms, ...args);
        pending.set(id, `interval ${ms}`);
        return id;
      },
      clearTimeout(id: number) {
        pending.delete(id);
        clear(id);
      },
      clearInterval(id: number) {
        pending.delete(id);
        stop(id);
      },
    });
  });
  return () => page.evaluate(() => [...(window as unknown as { pendingTimers: Map<number, string> }).pendingTimers.values()]);
}

const outcomes = (events: { type: string }[]) => events.map((event) => event.type).filter((type) => type !== 'telegram-login-start');

test('a double click starts one login: one /bot/start, one dialog, one outcome', async ({ page, site }) => {
  const events = recordEvents(page);
  const starts: string[] = [];
  page.on('request', (request) => request.url().endsWith('/bot/start') && starts.push(request.url()));
  await page.goto(botPage(site));
  await page.dblclick('#tg');
  await dialogShows(page);
  await expect(page.getByRole('dialog')).toHaveCount(1);
  const cancelled = page.waitForEvent('console', (message) => message.text().includes('"telegram-login-cancel"'));
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await cancelled;
  expect(starts).toHaveLength(1);
  expect(outcomes(events)).toEqual(['telegram-login-cancel']);
});

/** What this browser's next status poll hears about its login request: `pending`, or the 401's error code. */
const ownRequestState = (page: Page) =>
  page.evaluate(async () => {
    const response = await fetch('/auth/telegram/bot/status?wait=0');
    const body = (await response.json()) as { status?: string; error?: string };
    return body.status ?? body.error;
  });

test('two bot buttons on one page: the second’s login while the first’s dialog is open is login_in_progress, and the first goes on', async ({ page, site }) => {
  const events = recordEvents(page);
  const starts: string[] = [];
  page.on('request', (request) => request.url().endsWith('/bot/start') && starts.push(request.url()));
  await page.goto(botPage(site, { more: '<telegram-login-button id="second" flow="bot"></telegram-login-button>' }));
  await page.click('#tg');
  const { matchCode } = await dialogShows(page);
  const refused = page.waitForEvent('console', (message) => message.text().includes('"telegram-login-error"'));
  await page.evaluate(() => (document.querySelector('#second') as HTMLElement & { login(): Promise<unknown> }).login().catch(() => undefined));
  expect(JSON.parse((await refused).text().slice(6))).toMatchObject({ target: 'second', detail: { error: { code: 'login_in_progress' } } });
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await expect(page.getByRole('dialog').locator('.wd-code')).toHaveText(matchCode);
  await expect(page.locator('#tg')).toHaveJSProperty('status', 'pending');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('#tg')).toHaveJSProperty('status', 'idle');
  expect(starts).toHaveLength(1);
  expect(events.filter((event) => event.target === 'tg').map((event) => event.type)).toEqual(['telegram-login-start', 'telegram-login-cancel']);
});

test('Cancel and a new click at once, on a network that answers the cancel late: the old login’s cancel does not unbind the new one', async ({ page, site, mock }) => {
  const events = recordEvents(page);
  // The cancel's answer (which clears the request cookie) takes a second to come back: longer than a
  // new /bot/start's round trip (which sets the new request's cookie) on another connection.
  await page.route('**/auth/telegram/bot/cancel', async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.fulfill({ response });
  });
  await page.goto(botPage(site));
  await page.click('#tg');
  const first = await dialogShows(page);
  const cancelAnswered = page.waitForResponse((response) => response.url().endsWith('/bot/cancel'));
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.click('#tg');
  const second = await dialogShows(page);
  expect(second.https).not.toBe(first.https);
  await cancelAnswered;
  // The next long poll (after this one's 25 s) must still find the new request.
  expect(await ownRequestState(page)).toBe('pending');
  await openAndStart(mock, ALICE, second.https);
  const done = page.waitForEvent('console', (message) => /"telegram-login-(?:success|error)"/.test(message.text()));
  await mock.app.press(ALICE, second.matchCode);
  await done;
  expect(outcomes(events)).toEqual(['telegram-login-cancel', 'telegram-login-success']);
  expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: ALICE });
});

test('two tabs: the newer login replaces the older, which ends as a cancel; the older one’s last answer does not unbind the newer', async ({ page, site, mock, context }) => {
  const eventsA = recordEvents(page);
  // Tab A's long poll hears `cancelled` (and clears the request cookie) a second late, after tab B's start.
  await page.route('**/auth/telegram/bot/status*', async (route) => {
    const response = await route.fetch({ timeout: 60_000 }).catch(() => undefined);
    if (!response) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.fulfill({ response }).catch(() => undefined);
  });
  await page.goto(botPage(site));
  await page.click('#tg');
  await dialogShows(page);

  const tabB = await context.newPage();
  const eventsB = recordEvents(tabB);
  await tabB.goto(botPage(site));
  const cancelledA = page.waitForEvent('console', (message) => message.text().includes('"telegram-login-cancel"'));
  await tabB.click('#tg');
  const b = await dialogShows(tabB);
  await cancelledA;
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await ownRequestState(tabB)).toBe('pending');

  await openAndStart(mock, ALICE, b.https);
  const done = tabB.waitForEvent('console', (message) => /"telegram-login-(?:success|error)"/.test(message.text()));
  await mock.app.press(ALICE, b.matchCode);
  await done;
  expect(outcomes(eventsB)).toEqual(['telegram-login-success']);
  expect(outcomes(eventsA)).toEqual(['telegram-login-cancel']);
  expect(await sessionUser(tabB, site.origin)).toMatchObject({ tg_id: ALICE });
  await tabB.close();
});

test('Escape as the approval arrives: exactly one outcome, a cancel, and never a success after it', async ({ page, site, mock }) => {
  const events = recordEvents(page);
  let approvedHeld: () => void = () => undefined;
  const approvalHeld = new Promise<void>((resolve) => (approvedHeld = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let delivered: Promise<unknown> = Promise.resolve();
  // The network is slow: the approved answer reaches the browser only after the user pressed Escape.
  await page.route('**/auth/telegram/bot/status*', async (route) => {
    const response = await route.fetch({ timeout: 60_000 }).catch(() => undefined);
    if (!response) return;
    const body = (await response.json()) as { status: string };
    if (body.status === 'approved') {
      approvedHeld();
      await released;
    }
    delivered = route.fulfill({ response, json: body }).catch(() => undefined);
  });
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https, matchCode } = await dialogShows(page);
  await openAndStart(mock, ALICE, https);
  await mock.app.press(ALICE, matchCode);
  await approvalHeld;
  const cancelSent = page.waitForResponse((response) => response.url().endsWith('/bot/cancel'));
  await page.keyboard.press('Escape');
  await cancelSent;
  release();
  await delivered;
  // One more round trip through the page: an event the late answer caused would be logged by now.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(outcomes(events)).toEqual(['telegram-login-cancel']);
  await expect(page.locator('#tg')).toHaveJSProperty('status', 'idle');
});

test('after a success: the session cookie was set exactly once, the event’s user is /session’s, and no poll or timer is left', async ({ page, site, mock }) => {
  const pendingTimers = await watchTimers(page);
  const polls = watchPolls(page);
  const sessionCookies: string[] = [];
  page.on('response', async (response) => {
    for (const header of await response.headersArray()) {
      if (header.name.toLowerCase() === 'set-cookie' && /^tlk_session=[^;]+/.test(header.value)) sessionCookies.push(response.url());
    }
  });
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https, matchCode } = await dialogShows(page);
  await openAndStart(mock, ALICE, https);
  const success = page.waitForEvent('console', (message) => message.text().includes('"telegram-login-success"'));
  await mock.app.press(ALICE, matchCode);
  const user = (JSON.parse((await success).text().slice(6)) as { detail: { user: unknown } }).detail.user;
  expect(user).toEqual(await sessionUser(page, site.origin));
  await expect.poll(polls.inFlight).toBe(0);
  await expect.poll(pendingTimers).toEqual([]);
  expect(sessionCookies).toHaveLength(1);
  expect(sessionCookies[0]).toContain('/bot/status');
});

test('the element removed mid-login leaves no poll in flight and no timer running', async ({ page, site }) => {
  const pendingTimers = await watchTimers(page);
  const polls = watchPolls(page);
  await page.goto(botPage(site));
  await page.click('#tg');
  await dialogShows(page);
  await expect.poll(polls.inFlight).toBe(1);
  const cancel = page.waitForResponse((response) => response.url().endsWith('/bot/cancel'));
  await page.evaluate(() => document.querySelector('#tg')!.remove());
  await cancel;
  await expect.poll(polls.inFlight).toBe(0);
  await expect.poll(pendingTimers).toEqual([]);
});

test('the element moved mid-login (removed and added in one task) keeps its login and its dialog modal', async ({ page, site }) => {
  await page.goto(botPage(site, { more: '<section id="elsewhere"></section>' }));
  await page.click('#tg');
  await dialogShows(page);
  await page.evaluate(() => document.querySelector('#elsewhere')!.append(document.querySelector('#tg')!));
  await expect(page.locator('#tg')).toHaveJSProperty('status', 'pending');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((element) => element.matches(':modal'))).toBe(true);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('Tab never takes the focus to the page behind the open dialog', async ({ page, site }) => {
  await page.goto(botPage(site, { more: '<a href="#elsewhere" id="after">Another link</a>' }));
  await page.click('#tg');
  await dialogShows(page);
  const focusedInDialog = () =>
    page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      // No focused element (body): the focus is in the browser's own UI, as a native modal dialog allows.
      if (!active || active === document.body || active.closest('dialog')) return 'dialog or browser';
      return `page: ${active.tagName} ${active.id}`;
    });
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    seen.push(await focusedInDialog());
  }
  expect(seen.filter((text) => text.startsWith('page'))).toEqual([]);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
});

test('leaving the page mid-login cancels the request: the bot’s question says so', async ({ page, site, mock }) => {
  await page.goto(botPage(site));
  await page.click('#tg');
  const { https } = await dialogShows(page);
  const question = await openAndStart(mock, ALICE, https);
  await page.goto(site.page('/elsewhere', '<!doctype html><title>Elsewhere</title><p>Another page</p>'));
  await questionBecomes(mock, ALICE, question.id, 'This login was cancelled on the site.');
});

test('a browser clock an hour fast still shows the server’s five minutes', async ({ page, site }) => {
  await page.clock.setSystemTime(Date.now() + 3_600_000);
  await page.goto(botPage(site));
  await page.click('#tg');
  await expect(page.getByRole('dialog').getByRole('timer')).toHaveText(/^Expires in (?:5:00|4:[45]\d)$/);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
});
