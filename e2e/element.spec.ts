import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { TelegramLoginButtonElement } from '../src/element/telegram-login-button.js';
import type { MockTelegram } from '../src/mock/index.js';
import { elementPage, expect, nextEvent, recordEvents, test, verifyIdToken } from './fixtures.js';
import { clickForPopup, whenClosed } from './helpers.js';

/** `<telegram-login-button>` against the mock Telegram and its library, in Chromium. */

function button(mock: MockTelegram, attributes = '', id = 'tg'): string {
  return `<telegram-login-button id="${id}" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}" ${attributes}></telegram-login-button>`;
}

test('logs in through the consent page and hands over the id_token with UTF-8-correct claims', async ({ page, site, mock }) => {
  await page.goto(elementPage(site, button(mock, 'request-access="write phone"')));
  const start = nextEvent(page, 'telegram-login-start');
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  expect((await start).detail).toEqual({ clientId: mock.defaultClient.id, flow: 'library' });
  await popup.waitForURL((url) => url.pathname === '/auth');
  expect(new URL(popup.url()).searchParams.get('scope')).toBe('openid profile telegram:bot_access phone');
  expect(new URL(popup.url()).searchParams.get('lang')).toBe('en');

  await popup.getByRole('radio', { name: /Дмитрий/ }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  const { detail } = await success;
  const claims = await verifyIdToken(mock, detail.idToken!);
  expect(detail.user).toEqual(claims);
  expect(detail.user!.name).toBe('Дмитрий 🚀 Иванов');
  expect(await page.locator('#tg').evaluate((el) => [(el as TelegramLoginButtonElement).status, el.matches(':state(complete)')])).toEqual(['complete', true]);
});

test('reports exactly one outcome per login, even though the popup closes right after the result', async ({ page, site, mock }) => {
  const events = recordEvents(page);
  await page.goto(elementPage(site, button(mock)));
  const popup = await clickForPopup(page);
  const closed = whenClosed(popup);
  await popup.getByRole('button', { name: 'Allow' }).click();
  await closed;
  // Absence can only be shown by waiting: longer than the close poll and its grace period.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
  expect(events.map((event) => event.type)).toEqual(['telegram-login-start', 'telegram-login-success']);
});

test('reports success even when the popup closes in the same instant it posts the result', async ({ page, site, mock }) => {
  // Telegram's library polls popup.closed and can report popup_closed before the result arrives;
  // the element listens for the result itself and gives a closed popup a grace period.
  await mock.control({ autoConsent: true, popupCloseDelay: 0 });
  await page.goto(elementPage(site, button(mock)));
  for (let attempt = 0; attempt < 5; attempt++) {
    const outcome = page.waitForEvent('console', (message) => /^event .*"telegram-login-(success|error|cancel)"/.test(message.text()));
    await page.click('#tg');
    expect(JSON.parse((await outcome).text().slice(6)).type, `attempt ${attempt}`).toBe('telegram-login-success');
  }
});

test('reports access_denied as telegram-login-error when the user denies', async ({ page, site, mock }) => {
  await page.goto(elementPage(site, button(mock)));
  const failed = nextEvent(page, 'telegram-login-error');
  const popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Deny' }).click();
  expect((await failed).detail.error).toMatchObject({ name: 'TelegramLoginError', code: 'access_denied', providerError: 'access_denied' });
  expect(await page.locator('#tg').evaluate((el) => (el as TelegramLoginButtonElement).status)).toBe('error');
});

test('reports telegram-login-cancel with popup_closed when the user closes the popup', async ({ page, site, mock }) => {
  const events = recordEvents(page);
  await page.goto(elementPage(site, button(mock)));
  const cancelled = nextEvent(page, 'telegram-login-cancel');
  const popup = await clickForPopup(page);
  await popup.close();
  expect((await cancelled).detail.error!.code).toBe('popup_closed');
  expect(events.map((event) => event.type)).toEqual(['telegram-login-start', 'telegram-login-cancel']);
  expect(await page.locator('#tg').evaluate((el) => (el as TelegramLoginButtonElement).status)).toBe('idle');
});

test('ends an unanswered login with timeout and closes its popup', async ({ page, site, mock }) => {
  await page.goto(elementPage(site, button(mock, 'timeout="1"')));
  const failed = nextEvent(page, 'telegram-login-error');
  const popup = await clickForPopup(page);
  const closed = whenClosed(popup);
  expect((await failed).detail.error!.code).toBe('timeout');
  await closed;
});

test('shows the pending state, and a second click focuses the open popup instead of a second login', async ({ page, site, mock }) => {
  const events = recordEvents(page);
  await page.goto(elementPage(site, button(mock)));
  const popup = await clickForPopup(page);
  const host = page.locator('#tg');
  await expect(host).toHaveJSProperty('status', 'pending');
  expect(await host.evaluate((el) => el.matches(':state(pending)'))).toBe(true);
  await expect(page.getByRole('button', { name: 'Confirm in Telegram…' })).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('status')).toHaveText('Confirm in Telegram…');

  await page.click('#tg');
  // The consent page survived the second click (a second login would have reloaded the window).
  const success = nextEvent(page, 'telegram-login-success');
  await popup.getByRole('button', { name: 'Allow' }).click();
  await success;
  expect(events.filter((event) => event.type === 'telegram-login-start')).toHaveLength(1);
});

test('calls the onauth property and the onauth attribute’s global function, without eval', async ({ page, site, mock }) => {
  await page.goto(
    elementPage(
      site,
      `${button(mock, 'onauth="app.handlers.onAuth"')}
<script>
  window.app = { handlers: { onAuth(data) { console.log('onauth-attribute ' + JSON.stringify({ name: data.user && data.user.name, bound: this === window.app.handlers })); } } };
  customElements.whenDefined('telegram-login-button').then(() => {
    document.querySelector('#tg').onauth = (data) => console.log('onauth-property ' + data.user.name);
  });
</script>`,
    ),
  );
  await page.evaluate(() => customElements.whenDefined('telegram-login-button'));
  // The property wins over the attribute.
  const property = page.waitForEvent('console', (message) => message.text().startsWith('onauth-property '));
  let popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await property).text()).toBe('onauth-property Alice Anderson');

  await page.evaluate(() => {
    document.querySelector('telegram-login-button')!.onauth = undefined;
  });
  const attribute = page.waitForEvent('console', (message) => message.text().startsWith('onauth-attribute '));
  popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect(JSON.parse((await attribute).text().slice('onauth-attribute '.length))).toEqual({ name: 'Alice Anderson', bound: true });
});

test('passes a URL-safe nonce through to the id_token', async ({ page, site, mock }) => {
  await page.goto(elementPage(site, button(mock, 'nonce="n0nce_-.~Value"')));
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await verifyIdToken(mock, (await success).detail.idToken!)).nonce).toBe('n0nce_-.~Value');
});

for (const [attributes, complaint] of [
  ['client-id="abc"', '"client-id" must be numeric'],
  ['request-access="write email"', '"request-access" takes "write" and "phone"'],
  ['nonce="not url safe"', '"nonce" must be URL-safe'],
  ['library-src="javascript:alert(1)"', '"library-src" must be an http(s) URL'],
] as const) {
  test(`shows a disabled state, warns once and reports invalid_config on click for ${attributes}`, async ({ page, site, mock }) => {
    const warnings: string[] = [];
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    const popups: Page[] = [];
    page.on('popup', (popup) => popups.push(popup));
    const defaults = [`client-id="${mock.defaultClient.id}"`, `library-src="${mock.libraryUrl}"`].filter(
      (attribute) => !attributes.startsWith(attribute.split('=')[0]!),
    );
    await page.goto(elementPage(site, `<telegram-login-button id="tg" ${defaults.join(' ')} ${attributes}></telegram-login-button>`));
    const inner = page.locator('#tg').getByRole('button');
    await expect(inner).toHaveAttribute('aria-disabled', 'true');
    const failed = nextEvent(page, 'telegram-login-error');
    await page.click('#tg');
    const { error } = (await failed).detail;
    expect(error!.code).toBe('invalid_config');
    expect(error!.message).toContain(complaint);
    expect(popups).toHaveLength(0);
    expect(warnings.filter((text) => text.includes(complaint))).toHaveLength(1);
    expect(warnings.find((text) => text.includes(complaint))).toContain('[invalid_config]');
  });
}

test('reports library_load_failed when telegram-login.js answers 404, and the next click works once it is back', async ({ page, site, mock }) => {
  await mock.control({ fail: { path: '/js/telegram-login.js', status: 404 } });
  await page.goto(elementPage(site, button(mock)));
  const failed = nextEvent(page, 'telegram-login-error');
  const popup = await clickForPopup(page);
  const closed = whenClosed(popup);
  expect((await failed).detail.error).toMatchObject({ code: 'library_load_failed' });
  await closed;

  await mock.control({ reset: true });
  const success = nextEvent(page, 'telegram-login-success');
  const retry = await clickForPopup(page);
  await retry.getByRole('button', { name: 'Allow' }).click();
  expect((await success).detail.idToken).toBeTruthy();
});

test('reports library_load_failed when telegram-login.js hangs past library-timeout, then recovers', async ({ page, site, mock }) => {
  // Every request for the library hangs until the test lifts the delay, so the first click fails
  // whether the preload already timed out before it (a busy machine) or is still pending: an
  // attempt counted only once would let a click on a slow machine retry and succeed instead.
  await mock.control({ delay: { path: '/js/telegram-login.js', ms: 20_000 } });
  // A script that is still loading holds the page's load event, so do not wait for it.
  await page.goto(elementPage(site, button(mock, 'library-timeout="1"')), { waitUntil: 'domcontentloaded' });
  const failed = nextEvent(page, 'telegram-login-error');
  await clickForPopup(page);
  const { error } = (await failed).detail;
  expect(error).toMatchObject({ code: 'library_load_failed' });
  expect(error!.message).toContain('did not load within 1 s');

  await mock.control({ reset: true });
  const success = nextEvent(page, 'telegram-login-success');
  const retry = await clickForPopup(page);
  await retry.getByRole('button', { name: 'Allow' }).click();
  expect((await success).detail.idToken).toBeTruthy();
});

test('runs any number of buttons on one page, one login at a time, and inserts the library once', async ({ page, site, mock }) => {
  const events = recordEvents(page);
  await page.goto(elementPage(site, `${button(mock, '', 'first')} ${button(mock, 'lang="de"', 'second')} ${button(mock, '', 'third')}`));
  const popup = await clickForPopup(page, '#first');
  await page.click('#second');
  const success = nextEvent(page, 'telegram-login-success');
  await popup.getByRole('button', { name: 'Allow' }).click();
  await success;

  const failed = nextEvent(page, 'telegram-login-error');
  const second = await clickForPopup(page, '#second');
  await second.waitForURL((url) => url.pathname === '/auth');
  expect(new URL(second.url()).searchParams.get('lang')).toBe('de');
  // The consent page speaks the button's language.
  await second.getByRole('button', { name: 'Ablehnen' }).click();
  await failed;

  expect(events.map((event) => `${event.type} ${event.target}`)).toEqual([
    'telegram-login-start first',
    'telegram-login-success first',
    'telegram-login-start second',
    'telegram-login-error second',
  ]);
  const scripts = await page.evaluate((src) => Array.from(document.scripts).filter((script) => script.src === src).length, mock.libraryUrl);
  expect(scripts).toBe(1);
});

test('removing the element mid-login aborts it quietly; re-adding it works', async ({ page, site, mock }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(elementPage(site, button(mock)));
  await page.evaluate(() => {
    const element = document.querySelector<TelegramLoginButtonElement>('#tg')!;
    element.addEventListener('telegram-login-cancel', (event) => console.log('detached-cancel ' + event.detail.error.code));
    (window as unknown as { removed: Element }).removed = element;
  });
  const popup = await clickForPopup(page);
  const cancelled = page.waitForEvent('console', (message) => message.text().startsWith('detached-cancel '));
  const closed = whenClosed(popup);
  await page.evaluate(() => document.querySelector('#tg')!.remove());
  expect((await cancelled).text()).toBe('detached-cancel aborted');
  await closed;

  await page.evaluate(() => document.body.append((window as unknown as { removed: Element }).removed));
  const success = nextEvent(page, 'telegram-login-success');
  const again = await clickForPopup(page);
  await again.getByRole('button', { name: 'Allow' }).click();
  expect((await success).target).toBe('tg');
  expect(errors).toEqual([]);
});

test('works on a page with a strict Content-Security-Policy (no inline script or style, no eval)', async ({ page, site, mock }) => {
  site.page(
    '/callbacks.js',
    `window.app = { onAuth(data) { console.log('onauth ' + (data.user ? data.user.preferred_username : data.error.code)); } };`,
    { 'Content-Type': 'text/javascript' },
  );
  const csp = `default-src 'none'; script-src 'self' ${mock.issuer}; style-src 'self'; img-src 'self'; connect-src 'self'`;
  const violations: string[] = [];
  page.on('console', (message) => message.text().startsWith('csp ') && violations.push(message.text()));
  await page.goto(
    elementPage(site, button(mock, 'onauth="app.onAuth"'), {
      head: '<script src="/callbacks.js"></script>',
      headers: { 'Content-Security-Policy': csp },
    }),
  );
  await expect(page.locator('#tg').getByRole('button')).toHaveCSS('background-color', 'rgb(11, 114, 196)');
  const called = page.waitForEvent('console', (message) => message.text().startsWith('onauth '));
  const popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await called).text()).toBe('onauth alice');
  // Telegram's library injects a global <style>, which the policy blocks; nothing of ours is blocked.
  for (const violation of violations) expect(JSON.parse(violation.slice(4)).source).toBe(mock.libraryUrl);
});

test('a failure that is not ours (Trusted Types refusing the script URL) is an error, never a success', async ({ page, site, mock }) => {
  const events = recordEvents(page);
  await page.goto(
    elementPage(site, button(mock), { headers: { 'Content-Security-Policy': "require-trusted-types-for 'script'" } }),
  );
  const failed = nextEvent(page, 'telegram-login-error');
  await page.click('#tg');
  expect((await failed).detail.error).toMatchObject({ name: 'TelegramLoginError', code: 'library_load_failed' });
  expect(events.map((event) => event.type)).toEqual(['telegram-login-start', 'telegram-login-error']);
});

test('is reachable and operable with the keyboard: Tab, then Enter or Space', async ({ page, site, mock }) => {
  await page.goto(elementPage(site, `<input aria-label="before">${button(mock)}`));
  await page.getByLabel('before').focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tg');
  const inner = page.locator('#tg').getByRole('button');
  await expect(inner).toBeFocused();

  for (const key of ['Enter', ' ']) {
    const cancelled = nextEvent(page, 'telegram-login-cancel');
    const popup = page.waitForEvent('popup');
    await page.keyboard.press(key);
    await (await popup).close();
    await cancelled;
  }
});

test('has no accessibility violations when idle, pending and dark', async ({ page, site, mock }) => {
  await page.goto(
    elementPage(
      site,
      `<main><h1>Sign in</h1>${button(mock)}
<div class="dark-panel">${button(mock, 'theme="dark" appearance="outlined"', 'dark')} ${button(mock, 'icon-only theme="dark"', 'dark-icon')}</div></main>`,
      { head: '<style>.dark-panel { background: #17212b; padding: 16px; }</style>' },
    ),
  );
  await page.evaluate(() => customElements.whenDefined('telegram-login-button'));
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await clickForPopup(page);
  await expect(page.locator('#tg')).toHaveJSProperty('status', 'pending');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
