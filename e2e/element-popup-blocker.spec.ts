import { chromiumExecutable } from './browser.js';
import type { Route } from '@playwright/test';
import { CALLBACK_PATH, elementPage, expect, nextEvent, test } from './fixtures.js';
import { clickForPopup } from './helpers.js';

// Chromium's popup blocker on (Playwright turns it off by default). No expect() polling and no
// page.evaluate here: each would hand the page a fresh user gesture and let a bad popup through.
test.use({
  launchOptions: { executablePath: chromiumExecutable(), ignoreDefaultArgs: ['--disable-popup-blocking'] },
  trace: 'off',
});

test('a click while the library is still loading opens the popup inside the click, and the login completes', async ({ page, site, mock }) => {
  await mock.control({ delay: { path: '/js/telegram-login.js', ms: 2000 } });
  const url = elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`);
  // The library is still on its way: do not wait for the load event.
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  // Opened blank by the element in the click; the library navigates it when it arrives.
  expect(popup.url()).toBe('about:blank');
  await popup.waitForURL((target) => target.pathname === '/auth', { timeout: 10_000 });
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await success).detail.idToken).toBeTruthy();
});

test('a popup code-flow click while its lazy chunk is still loading opens the popup inside the click, and the login completes', async ({ page, site, mock }) => {
  site.page(CALLBACK_PATH, `<!doctype html><meta charset="utf-8"><title>Callback</title>
<script type="module">import { handleRedirectCallback } from '/telegram-login-kit.js'; handleRedirectCallback();</script>`);
  // Hold the page's code-flows chunk until the popup exists: the click happens while it is in flight.
  let held!: (route: Route) => void;
  const chunkRequested = new Promise<Route>((resolve) => (held = resolve));
  await page.route(/\/chunks\/code-flows-[\w-]+\.js$/, (route) => held(route), { times: 1 });
  await page.goto(
    elementPage(site, `<telegram-login-button id="tg" flow="popup" client-id="${mock.defaultClient.id}" issuer="${mock.issuer}" redirect-uri="${CALLBACK_PATH}" exchange-url="/auth/telegram/exchange"></telegram-login-button>`),
  );
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  expect(popup.url()).toBe('about:blank');
  await (await chunkRequested).continue();
  await popup.waitForURL((target) => target.pathname === '/auth', { timeout: 10_000 });
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await success).detail).toMatchObject({ flow: 'popup', user: { id: 100001 } });
});

test('a click with the library loaded opens the popup and completes under the blocker', async ({ page, site, mock }) => {
  await page.goto(elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`));
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await success).detail.idToken).toBeTruthy();
});

test('login() called from a timer, without a user gesture, reports popup_blocked within a second', async ({ page, site, mock }) => {
  site.page(
    '/timer.js',
    `customElements.whenDefined('telegram-login-button').then(() => setTimeout(() => {
  const started = performance.now();
  document.querySelector('#tg').login().catch((error) => console.log('login-rejected ' + JSON.stringify({ code: error.code, ms: performance.now() - started })));
}, 50));`,
    { 'Content-Type': 'text/javascript' },
  );
  const failed = nextEvent(page, 'telegram-login-error');
  const rejected = page.waitForEvent('console', (message) => message.text().startsWith('login-rejected '));
  await page.goto(
    elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`, {
      head: '<script type="module" src="/timer.js"></script>',
    }),
  );
  const { code, ms } = JSON.parse((await rejected).text().slice('login-rejected '.length)) as { code: string; ms: number };
  expect(code).toBe('popup_blocked');
  expect(ms).toBeLessThan(1000);
  expect((await failed).detail.error!.code).toBe('popup_blocked');
});
