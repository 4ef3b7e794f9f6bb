import type { Page } from '@playwright/test';
import { loginErrors } from '../src/errors.js';
import type { MockTelegram } from '../src/mock/index.js';
import { CALLBACK_PATH, elementPage, expect, nextEvent, recordEvents, test, type Site } from './fixtures.js';
import { clickForPopup } from './helpers.js';

/**
 * The element's own Authorization Code + PKCE flows (popup and redirect) against the mock Telegram,
 * with the server kit's handler mounted on the site's server to redeem the code.
 */

function codeButton(mock: MockTelegram, flow: 'popup' | 'redirect', attributes = ''): string {
  return `<telegram-login-button id="tg" flow="${flow}" client-id="${mock.defaultClient.id}" issuer="${mock.issuer}"
  redirect-uri="${CALLBACK_PATH}" exchange-url="/auth/telegram/exchange" ${attributes}></telegram-login-button>`;
}

/** The popup flow's callback page: hands code and state back to the opener. */
function popupCallbackPage(site: Site, headers: Record<string, string> = {}) {
  site.page(
    CALLBACK_PATH,
    `<!doctype html><meta charset="utf-8"><title>Callback</title>
<script type="module">import { handleRedirectCallback } from '/telegram-login-kit.js'; handleRedirectCallback();</script>`,
    headers,
  );
}

async function sessionOf(page: Page): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(async () => {
    const response = await fetch('/auth/telegram/session');
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  });
}

test.describe('popup flow', () => {
  test('logs in through the consent page; the server redeems the code and returns verified claims', async ({ page, site, mock}) => {
    popupCallbackPage(site);
    await page.goto(elementPage(site, codeButton(mock, 'popup', 'request-access="phone"'), { path: '/login' }));
    const start = nextEvent(page, 'telegram-login-start');
    const success = nextEvent(page, 'telegram-login-success');
    const popup = await clickForPopup(page);
    expect((await start).detail).toEqual({ clientId: mock.defaultClient.id, flow: 'popup' });

    await popup.waitForURL((url) => url.pathname === '/auth');
    const authorize = new URL(popup.url()).searchParams;
    expect(authorize.get('response_type')).toBe('code');
    expect(authorize.get('code_challenge_method')).toBe('S256');
    expect(authorize.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.get('redirect_uri')).toBe(site.origin + CALLBACK_PATH);
    expect(authorize.get('scope')).toBe('openid profile phone');

    await popup.getByRole('radio', { name: /Дмитрий/ }).check();
    await popup.getByRole('button', { name: 'Allow' }).click();
    const { detail } = await success;
    expect(detail.flow).toBe('popup');
    expect(detail.code).toBeTruthy();
    expect(detail.user).toMatchObject({ id: 100002, name: 'Дмитрий 🚀 Иванов', aud: mock.defaultClient.id, iss: mock.issuer });

    const session = await sessionOf(page);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ sub: detail.user!.sub, tg_id: 100002 });
  });

  test('reports access_denied when the user denies', async ({ page, site, mock}) => {
    popupCallbackPage(site);
    await page.goto(elementPage(site, codeButton(mock, 'popup'), { path: '/login' }));
    const failed = nextEvent(page, 'telegram-login-error');
    const popupPromise = await clickForPopup(page);
    await popupPromise.getByRole('button', { name: 'Deny' }).click();
    expect((await failed).detail.error).toMatchObject({ code: 'access_denied', providerError: 'access_denied' });
  });

  test('reports a cancel when the user closes the popup', async ({ page, site, mock}) => {
    popupCallbackPage(site);
    const events = recordEvents(page);
    await page.goto(elementPage(site, codeButton(mock, 'popup'), { path: '/login' }));
    const cancelled = nextEvent(page, 'telegram-login-cancel');
    const popup = await clickForPopup(page);
    await popup.waitForURL((url) => url.pathname === '/auth');
    await popup.close();
    expect((await cancelled).detail.error!.code).toBe('popup_closed');
    expect(events.map((event) => event.type)).toEqual(['telegram-login-start', 'telegram-login-cancel']);
  });

  test('reports token_exchange_failed with Telegram’s reason when the token endpoint refuses the code', async ({ page, site, mock }) => {
    popupCallbackPage(site);
    await mock.control({ tokenError: { error: 'invalid_grant', error_description: 'code expired' } });
    await page.goto(elementPage(site, codeButton(mock, 'popup'), { path: '/login' }));
    const failed = nextEvent(page, 'telegram-login-error');
    const popupPromise = await clickForPopup(page);
    await popupPromise.getByRole('button', { name: 'Allow' }).click();
    expect((await failed).detail.error).toMatchObject({ code: 'token_exchange_failed', providerError: 'invalid_grant' });
  });

  test('fails with state_mismatch when the state coming back was tampered with', async ({ page, context, site, mock}) => {
    popupCallbackPage(site);
    // An attacker in the middle swaps the state in Telegram's redirect back to the callback page.
    await context.route(
      (url) => url.origin === mock.issuer && url.pathname === '/auth/consent',
      async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        const location = new URL(response.headers()['location']!);
        location.searchParams.set('state', `${location.searchParams.get('state')}tampered`);
        await route.fulfill({ response, headers: { ...response.headers(), location: location.href } });
      },
    );
    await page.goto(elementPage(site, codeButton(mock, 'popup'), { path: '/login' }));
    const failed = nextEvent(page, 'telegram-login-error');
    const popupPromise = await clickForPopup(page);
    await popupPromise.getByRole('button', { name: 'Allow' }).click();
    // The one message for this situation, as the server's callback page says it too.
    expect((await failed).detail.error).toMatchObject({ code: 'state_mismatch', message: loginErrors.stateMismatch().message });
    expect((await sessionOf(page)).status).toBe(401);
  });

  test('completes under Cross-Origin-Opener-Policy: same-origin through the fallback channel, with no false cancel', async ({ page, site, mock }) => {
    const coop = { 'Cross-Origin-Opener-Policy': 'same-origin' };
    popupCallbackPage(site, coop);
    const events = recordEvents(page);
    const warnings: string[] = [];
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    await page.goto(elementPage(site, codeButton(mock, 'popup'), { path: '/login', headers: coop }));
    const success = nextEvent(page, 'telegram-login-success');
    // COOP moves the popup into another browsing context group; Playwright still follows it.
    const popup = await clickForPopup(page);
    await popup.waitForURL((url) => url.pathname === '/auth');
    // A user reads the consent page for a moment; a false cancel (the popup only looks closed under
    // COOP) would fire within this time.
    await popup.waitForTimeout(1500);
    await popup.getByRole('button', { name: 'Allow' }).click();
    expect((await success).detail.user).toMatchObject({ id: 100001 });
    expect(events.map((event) => event.type)).toEqual(['telegram-login-start', 'telegram-login-success']);
    expect(warnings.some((text) => text.includes('Cross-Origin-Opener-Policy: same-origin-allow-popups'))).toBe(true);
  });
});

test.describe('popup flow: popups that look closed', () => {
  test('a callback page that sends COOP itself and loads slowly still completes, with no false cancel', async ({ page, context, site, mock }) => {
    // The callback page's own COOP cuts the popup off as it lands (it looks closed to the opener);
    // its answer comes over the channel once its script has loaded, 1.5 s later here.
    site.page(
      CALLBACK_PATH,
      `<!doctype html><meta charset="utf-8"><title>Callback</title>
<script type="module">import { handleRedirectCallback } from '/telegram-login-kit.js?slow'; handleRedirectCallback();</script>`,
      { 'Cross-Origin-Opener-Policy': 'same-origin-allow-popups' },
    );
    await context.route(
      (url) => url.pathname === '/telegram-login-kit.js' && url.search === '?slow',
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      },
    );
    const events = recordEvents(page);
    await page.goto(elementPage(site, codeButton(mock, 'popup'), { path: '/login' }));
    const success = nextEvent(page, 'telegram-login-success');
    const popupPromise = await clickForPopup(page);
    await popupPromise.getByRole('button', { name: 'Allow' }).click();
    expect((await success).detail.user).toMatchObject({ id: 100001 });
    expect(events.map((event) => event.type)).toEqual(['telegram-login-start', 'telegram-login-success']);
  });

  test('under COOP same-origin, a click after the user closed the popup starts a new login at once', async ({ page, site, mock }) => {
    const coop = { 'Cross-Origin-Opener-Policy': 'same-origin' };
    popupCallbackPage(site, coop);
    await page.goto(elementPage(site, codeButton(mock, 'popup'), { path: '/login', headers: coop }));
    const popup = await clickForPopup(page);
    await popup.waitForURL((url) => url.pathname === '/auth');
    await popup.close();

    const cancelled = nextEvent(page, 'telegram-login-cancel');
    const starts = recordEvents(page);
    const second = page.waitForEvent('popup');
    await page.click('#tg');
    expect((await cancelled).detail.error!.code).toBe('aborted');
    const again = await second;
    await again.waitForURL((url) => url.pathname === '/auth');
    const success = nextEvent(page, 'telegram-login-success');
    await again.getByRole('button', { name: 'Allow' }).click();
    await success;
    expect(starts.filter((event) => event.type === 'telegram-login-start')).toHaveLength(1);
  });
});

test.describe('redirect flow', () => {
  test('leaves for Telegram and finishes on the callback page with the same events', async ({ page, site, mock}) => {
    const callback = elementPage(site, codeButton(mock, 'redirect'), { path: CALLBACK_PATH });
    const start = elementPage(site, codeButton(mock, 'redirect', 'request-access="write"'), { path: '/start' });
    await page.goto(start);
    const started = nextEvent(page, 'telegram-login-start');
    await page.click('#tg');
    expect((await started).detail.flow).toBe('redirect');
    await page.waitForURL((url) => url.origin === mock.issuer && url.pathname === '/auth');
    expect(new URL(page.url()).searchParams.get('scope')).toBe('openid profile telegram:bot_access');

    const success = nextEvent(page, 'telegram-login-success');
    await page.getByRole('radio', { name: /Carol/ }).check();
    await page.getByRole('button', { name: 'Allow' }).click();
    const { detail } = await success;
    expect(detail.flow).toBe('redirect');
    expect(detail.returnTo).toBe(start);
    expect(detail.user).toMatchObject({ id: 100004 });
    // The code and state are gone from the address bar.
    expect(page.url()).toBe(callback);
    expect((await sessionOf(page)).body.user).toMatchObject({ tg_id: 100004 });
  });

  test('reports access_denied after the user denies', async ({ page, site, mock}) => {
    elementPage(site, codeButton(mock, 'redirect'), { path: CALLBACK_PATH });
    await page.goto(elementPage(site, codeButton(mock, 'redirect'), { path: '/start' }));
    await page.click('#tg');
    await page.waitForURL((url) => url.origin === mock.issuer);
    const failed = nextEvent(page, 'telegram-login-error');
    await page.getByRole('button', { name: 'Deny' }).click();
    expect((await failed).detail.error!.code).toBe('access_denied');
  });

  test('ends with timeout when the exchange endpoint never answers', async ({ page, context, site, mock }) => {
    elementPage(site, codeButton(mock, 'redirect', 'timeout="2"'), { path: CALLBACK_PATH });
    await context.route('**/auth/telegram/exchange', () => {
      // Never answered: the element's timeout must end the login.
    });
    await page.goto(elementPage(site, codeButton(mock, 'redirect'), { path: '/start' }));
    await page.click('#tg');
    await page.waitForURL((url) => url.origin === mock.issuer);
    const failed = nextEvent(page, 'telegram-login-error');
    await page.getByRole('button', { name: 'Allow' }).click();
    expect((await failed).detail.error).toMatchObject({ code: 'timeout', message: 'exchange-url did not answer within 2 s' });
  });

  test('the element and the page’s own handleRedirectCallback() share one result', async ({ page, site, mock }) => {
    elementPage(site, codeButton(mock, 'redirect'), {
      path: CALLBACK_PATH,
      head: `<script type="module">
  import { handleRedirectCallback } from '/telegram-login-kit.js';
  customElements.whenDefined('telegram-login-button').then(() => setTimeout(async () => {
    const result = await handleRedirectCallback();
    console.log('app-result ' + (result ? result.user.id + ' ' + result.returnTo : 'none'));
  }, 100));
</script>`,
    });
    const start = elementPage(site, codeButton(mock, 'redirect'), { path: '/start' });
    await page.goto(start);
    await page.click('#tg');
    await page.waitForURL((url) => url.origin === mock.issuer);
    const success = nextEvent(page, 'telegram-login-success');
    const appResult = page.waitForEvent('console', (message) => message.text().startsWith('app-result '));
    await page.getByRole('button', { name: 'Allow' }).click();
    await success;
    expect((await appResult).text()).toBe(`app-result 100001 ${start}`);
  });

  test('refuses a callback whose state this tab never sent', async ({ page, site, mock}) => {
    const callback = elementPage(site, codeButton(mock, 'redirect'), { path: CALLBACK_PATH });
    const failed = nextEvent(page, 'telegram-login-error');
    await page.goto(`${callback}?code=stolen-code&state=tlkr.forged-state`);
    const { error } = (await failed).detail;
    expect(error!.code).toBe('state_mismatch');
    expect((await sessionOf(page)).status).toBe(401);
  });
});

test('the library flow under Cross-Origin-Opener-Policy: same-origin ends at once with coop_blocked, naming the header', async ({ page, site, mock }) => {
  await page.goto(
    elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`, {
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin' },
    }),
  );
  const failed = nextEvent(page, 'telegram-login-error');
  await page.click('#tg');
  const { error } = (await failed).detail;
  expect(error!.code).toBe('coop_blocked');
  expect(error!.message).toContain('Cross-Origin-Opener-Policy: same-origin-allow-popups');
});

test('the library flow under COOP same-origin opens no popup at all once the page knows its header', async ({ page, site, mock }) => {
  await page.goto(
    elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`, {
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin' },
    }),
  );
  // Pointing at the button is enough for the element to learn the page's COOP (one HEAD request).
  const checked = page.waitForResponse((response) => response.request().method() === 'HEAD' && response.url() === page.url());
  await page.hover('#tg');
  await checked;
  let popups = 0;
  page.on('popup', () => (popups += 1));
  const failed = nextEvent(page, 'telegram-login-error');
  await page.click('#tg');
  expect((await failed).detail.error!.code).toBe('coop_blocked');
  expect(popups).toBe(0);
});
