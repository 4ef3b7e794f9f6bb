import type { Page } from '@playwright/test';
import { expect, test, verifyIdToken, type Site } from './fixtures.js';
import type { MockTelegram } from '../src/mock/index.js';
import { clickForPopup } from './helpers.js';

/**
 * The mock's telegram-login.js must behave like Telegram's own library (see the contract, section 1),
 * because the element is proven against it. These specs drive it the way a site would.
 */

interface LibraryResult {
  id_token?: string;
  user?: Record<string, unknown>;
  error?: string;
}

/** A site page that loads the mock library and calls Telegram.Login.auth(options) on a click. */
function loginPage(site: Site, mock: MockTelegram, options: Record<string, unknown>, path = '/login'): string {
  return site.page(
    path,
    `<!doctype html><meta charset="utf-8"><title>Relying party</title>
<script src="${mock.libraryUrl}"></script>
<button id="login">Log in</button>
<script>
  document.getElementById('login').addEventListener('click', () => {
    Telegram.Login.auth(${JSON.stringify(options)}, (result) => console.log('auth-result ' + JSON.stringify(result)));
  });
</script>`,
  );
}

function nextResult(page: Page): Promise<LibraryResult> {
  return page
    .waitForEvent('console', (message) => message.text().startsWith('auth-result '))
    .then((message) => JSON.parse(message.text().slice('auth-result '.length)) as LibraryResult);
}


test('completes a login through the consent page and posts a verifiable id_token to the opener', async ({ page, site, mock }) => {
  await page.goto(loginPage(site, mock, { client_id: mock.defaultClient.id, request_access: ['write'], lang: 'en' }));
  const result = nextResult(page);
  const popup = await clickForPopup(page, '#login');

  const authUrl = new URL(popup.url());
  expect(authUrl.origin).toBe(mock.issuer);
  expect(authUrl.pathname).toBe('/auth');
  expect(Object.fromEntries(authUrl.searchParams)).toEqual({
    response_type: 'post_message',
    client_id: mock.defaultClient.id,
    redirect_uri: `${site.origin}/login`,
    scope: 'openid profile telegram:bot_access',
    lang: 'en',
  });
  await expect(popup.getByRole('heading', { name: 'Log in with Telegram' })).toBeVisible();
  await expect(popup.getByText('Permission for the bot to send you messages')).toBeVisible();

  await popup.getByRole('radio', { name: /Дмитрий/ }).check();
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Allow' }).click();
  const { id_token, user, error } = await result;
  await closed;

  expect(error).toBeUndefined();
  const claims = await verifyIdToken(mock, id_token!);
  expect(claims).toMatchObject({ id: 100002, name: 'Дмитрий 🚀 Иванов', preferred_username: 'dmitry_ivanov' });
  // Like Telegram's library, the mock decodes `user` with atob: UTF-8 names come out garbled.
  expect(user!.name).toBe(Buffer.from('Дмитрий 🚀 Иванов', 'utf8').toString('latin1'));
  expect(user!.sub).toBe(claims.sub);
});

test('reports access_denied when the user presses Deny', async ({ page, site, mock }) => {
  await page.goto(loginPage(site, mock, { client_id: mock.defaultClient.id }));
  const result = nextResult(page);
  const popup = await clickForPopup(page, '#login');
  await popup.getByRole('button', { name: 'Deny' }).click();
  expect(await result).toEqual({ error: 'access_denied' });
});

test('reports popup_closed when the user closes the popup', async ({ page, site, mock }) => {
  await page.goto(loginPage(site, mock, { client_id: mock.defaultClient.id }));
  const result = nextResult(page);
  const popup = await clickForPopup(page, '#login');
  await popup.close();
  expect(await result).toEqual({ error: 'popup_closed' });
});

test('maps scope and request_access, appends the nonce unencoded and speaks the requested language', async ({ page, site, mock }) => {
  await page.goto(
    loginPage(site, mock, { client_id: Number(mock.defaultClient.id), scope: ['phone', 'unknown'], nonce: 'n-0K_~x', lang: 'ru' }),
  );
  const result = nextResult(page);
  const popup = await clickForPopup(page, '#login');
  expect(popup.url()).toContain('&nonce=n-0K_~x&lang=ru');
  expect(new URL(popup.url()).searchParams.get('scope')).toBe('openid phone');
  await expect(popup.getByRole('button', { name: 'Разрешить' })).toBeVisible();

  await popup.getByRole('radio', { name: /Carol/ }).check();
  await popup.getByRole('button', { name: 'Разрешить' }).click();
  const claims = await verifyIdToken(mock, (await result).id_token!);
  expect(claims.nonce).toBe('n-0K_~x');
  expect(claims.phone_number).toBe('15550100004');
  expect(claims.name).toBeUndefined();
});

test('reuses a window already open under its popup name instead of opening a second one', async ({ page, site, mock }) => {
  // What the element does when the library is still loading: open the window inside the click, let
  // the library navigate it later.
  const url = site.page(
    '/reuse',
    `<!doctype html><meta charset="utf-8"><script src="${mock.libraryUrl}"></script>
<button id="login">Log in</button>
<script>
  document.getElementById('login').addEventListener('click', () => {
    window.open('about:blank', 'telegram_oidc_login', 'width=550,height=650');
    setTimeout(() => Telegram.Login.auth({ client_id: '${mock.defaultClient.id}' },
      (result) => console.log('auth-result ' + JSON.stringify(result))), 100);
  });
</script>`,
  );
  await page.goto(url);
  const popups: Page[] = [];
  page.on('popup', (popup) => popups.push(popup));
  const result = nextResult(page);
  const popup = await clickForPopup(page, '#login');
  await popup.waitForURL((target) => target.pathname === '/auth');
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await result).id_token).toBeTruthy();
  expect(popups).toHaveLength(1);
});

test('ignores auth_result messages that do not come from the provider origin and its own popup', async ({ page, site, mock }) => {
  await page.goto(loginPage(site, mock, { client_id: mock.defaultClient.id }));
  const result = nextResult(page);
  const popup = await clickForPopup(page, '#login');
  await expect(popup.getByRole('button', { name: 'Allow' })).toBeVisible();

  // Same origin as the page, not the provider: ignored.
  await page.evaluate(() => window.postMessage({ event: 'auth_result', result: 'a.b.c' }, '*'));
  // The provider origin, but a window other than the popup: a second login window that completes at once.
  await mock.control({ autoConsent: { userId: 100003 } });
  const other = page.waitForEvent('popup');
  await page.evaluate(
    (href) => void window.open(href, 'other-window'),
    `${mock.authorizationEndpoint}?response_type=post_message&client_id=${mock.defaultClient.id}&redirect_uri=${encodeURIComponent(site.origin + '/login')}&scope=openid%20profile`,
  );
  const otherWindow = await other;
  if (!otherWindow.isClosed()) await otherWindow.waitForEvent('close');

  await popup.getByRole('radio', { name: /Alice/ }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  const claims = await verifyIdToken(mock, (await result).id_token!);
  expect(claims.id).toBe(100001);
});

test('auto-initialises from data-* attributes, runs data-onauth and styles .tg-auth-button globally', async ({ page, site, mock }) => {
  const url = site.page(
    '/widget',
    `<!doctype html><meta charset="utf-8">
<script>
  window.onTelegramAuth = (data) => console.log('auth-result ' + JSON.stringify(data));
</script>
<script src="${mock.libraryUrl}" data-client-id="${mock.defaultClient.id}" data-request-access="phone write"
  data-lang="en" data-onauth="onTelegramAuth(data)"></script>
<div class="tg-auth-button" id="button">Sign in with Telegram</div>`,
  );
  await page.goto(url);
  const button = page.locator('#button');
  await expect(button).toHaveAttribute('role', 'button');
  await expect(button).toHaveAttribute('aria-label', 'Log in with Telegram');
  await expect(button).toHaveCSS('background-color', 'rgb(17, 154, 245)');

  const result = nextResult(page);
  const popup = await clickForPopup(page, '#button');
  expect(new URL(popup.url()).searchParams.get('scope')).toBe('openid profile phone telegram:bot_access');
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await result).id_token).toBeTruthy();
});

test('fires both the init callback and the per-call callback, and close() reports popup_closed', async ({ page, site, mock }) => {
  const url = site.page(
    '/init',
    `<!doctype html><meta charset="utf-8"><script src="${mock.libraryUrl}"></script>
<button id="login">Log in</button>
<script>
  Telegram.Login.init({ client_id: '${mock.defaultClient.id}' }, (r) => console.log('init-callback ' + JSON.stringify(r)));
  document.getElementById('login').addEventListener('click', () => {
    Telegram.Login.open((r) => console.log('auth-result ' + JSON.stringify(r)));
    setTimeout(() => Telegram.Login.close(), 300);
  });
</script>`,
  );
  await page.goto(url);
  const fromInit = page.waitForEvent('console', (message) => message.text().startsWith('init-callback '));
  const result = nextResult(page);
  await page.click('#login');
  expect(await result).toEqual({ error: 'popup_closed' });
  expect((await fromInit).text()).toBe('init-callback {"error":"popup_closed"}');
});

test('throws the documented errors for a missing client_id and an open() before init()', async ({ page, site, mock }) => {
  await page.goto(site.page('/errors', `<!doctype html><script src="${mock.libraryUrl}"></script>`));
  const messages = await page.evaluate(() => {
    const telegram = (window as unknown as { Telegram: { Login: Record<string, (...args: unknown[]) => void> } }).Telegram;
    const caught = (run: () => void) => {
      try {
        run();
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    };
    return [caught(() => telegram.Login.auth!({}, () => {})), caught(() => telegram.Login.open!())];
  });
  expect(messages).toEqual(['options.client_id is required', 'Call Telegram.Login.init() first']);
});
