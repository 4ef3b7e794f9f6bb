import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { CALLBACK_PATH, expect, nextEvent, test, type Site } from './fixtures.js';
import { clickForPopup, dropInFile } from './helpers.js';

/**
 * The drop-in as a page loads it from a CDN: the entry, and only the chunks a login needs (a
 * language's messages, the code flows), fetched relative to the entry's own URL.
 */

const PREFIX = '/npm/telegram-login-kit/dist/';
let cdn: Server;
let cdnOrigin: string;
const served: string[] = [];
/** Answer the next request for a file whose name starts with this with a 404. */
let failNext: string | undefined;

test.beforeAll(async () => {
  cdn = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const file = dropInFile(path, PREFIX);
    const name = path.slice(PREFIX.length);
    if (!file || (failNext && name.startsWith(failNext))) {
      if (file) failNext = undefined;
      return void res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end();
    }
    served.push(name.replace(/-[\w-]{8}\.js$/, '.js'));
    void readFile(file).then((body) => res.writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' }).end(body));
  });
  await new Promise<void>((resolve) => cdn.listen(0, 'localhost', resolve));
  cdnOrigin = `http://localhost:${(cdn.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => (cdn.closeAllConnections(), cdn.close(() => resolve()))));
test.beforeEach(() => {
  served.length = 0;
  failNext = undefined;
});

function cdnPage(site: Site, path: string, body: string, lang = 'en'): string {
  return site.page(
    path,
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>CDN</title><script src="/harness.js"></script>
<script type="module" src="${cdnOrigin}${PREFIX}telegram-login-kit.js"></script></head><body>${body}</body></html>`,
  );
}

/** The chunks the page has fetched so far, by name without the hash. */
const chunksServed = () => served.filter((name) => name.startsWith('chunks/')).sort();

test('a library-flow login in Russian loads the entry and the Russian messages, nothing else', async ({ page, site, mock }) => {
  await page.goto(cdnPage(site, '/ru', `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`, 'ru'));
  await expect(page.locator('#tg').getByRole('button')).toHaveText('Войти через Telegram');
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Разрешить' }).click();
  expect((await success).detail.flow).toBe('library');
  expect(served.filter((name) => !name.startsWith('chunks/'))).toEqual(['telegram-login-kit.js']);
  expect(chunksServed()).toEqual(['chunks/ru.js']);
});

test('a popup code-flow login loads the entry and the code flows, also on its callback page', async ({ page, site, mock }) => {
  site.page(CALLBACK_PATH, `<!doctype html><meta charset="utf-8"><title>Callback</title>
<script type="module">import { handleRedirectCallback } from '${cdnOrigin}${PREFIX}telegram-login-kit.js'; handleRedirectCallback();</script>`);
  await page.goto(
    cdnPage(site, '/popup', `<telegram-login-button id="tg" flow="popup" client-id="${mock.defaultClient.id}" issuer="${mock.issuer}" redirect-uri="${CALLBACK_PATH}" exchange-url="/auth/telegram/exchange"></telegram-login-button>`),
  );
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await success).detail).toMatchObject({ flow: 'popup', user: { id: 100001 } });
  expect(chunksServed()).toEqual(['chunks/code-flows.js', 'chunks/code-flows.js']);
});

test('a chunk that fails to load ends the login with chunk_load_failed, and the next click loads it and logs in', async ({ page, site, mock }) => {
  site.page(CALLBACK_PATH, `<!doctype html><meta charset="utf-8"><title>Callback</title>
<script type="module">import { handleRedirectCallback } from '${cdnOrigin}${PREFIX}telegram-login-kit.js'; handleRedirectCallback();</script>`);
  await page.goto(
    cdnPage(site, '/broken', `<telegram-login-button id="tg" flow="popup" client-id="${mock.defaultClient.id}" issuer="${mock.issuer}" redirect-uri="${CALLBACK_PATH}" exchange-url="/auth/telegram/exchange"></telegram-login-button>`),
  );
  failNext = 'chunks/code-flows';
  const failed = nextEvent(page, 'telegram-login-error');
  const first = await clickForPopup(page);
  expect((await failed).detail.error).toMatchObject({ code: 'chunk_load_failed', message: expect.stringContaining('the next attempt loads it again') });
  await expect.poll(() => first.isClosed()).toBe(true);
  const success = nextEvent(page, 'telegram-login-success');
  const second = await clickForPopup(page);
  await second.getByRole('button', { name: 'Allow' }).click();
  expect((await success).detail.flow).toBe('popup');
});

test("a language's messages that fail to load do not stop a login, and the button's next render loads them", async ({ page, site, mock }) => {
  failNext = 'chunks/ru';
  await page.goto(cdnPage(site, '/ru-broken', `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`, 'ru'));
  const button = page.locator('#tg').getByRole('button');
  await expect(button).toHaveText('Войти через Telegram'); // the labels are in the entry
  await expect.poll(() => failNext).toBeUndefined(); // the Russian messages were asked for, and refused
  expect(chunksServed()).toEqual([]);

  // The click re-renders the button, which asks for the messages again; the login goes through either way.
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  await expect.poll(chunksServed).toEqual(['chunks/ru.js']);
  await popup.getByRole('button', { name: 'Разрешить' }).click();
  expect((await success).detail.flow).toBe('library');

  const again = await clickForPopup(page);
  await expect(button).toHaveText('Подтвердите вход в Telegram…');
  await again.close();
});

/** Layout shifts from navigation to now, and the label the first paint showed. */
async function firstPaint(page: Page): Promise<{ shift: number; label: string }> {
  return page.evaluate(async () => {
    const shifts = await new Promise<number>((resolve) => {
      let total = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) total += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      // Two frames after load: every shift of the first paint has been reported by then.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
    });
    const button = document.querySelector('telegram-login-button')!.shadowRoot!.querySelector('button')!;
    return { shift: shifts, label: button.textContent!.trim() };
  });
}

for (const [lang, label] of [['ru', 'Войти через Telegram'], ['ar', 'تسجيل الدخول عبر تيليجرام']] as const) {
  test(`first paint in ${lang}, self-hosted with blocking="render": the right label at once, and no layout shift`, async ({ page, site, mock }) => {
    // A module script may run after the first paint; blocking="render" holds the paint until it ran.
    await page.goto(
      site.page(
        `/paint-${lang}`,
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Paint</title>
<script type="module" src="/telegram-login-kit.js" blocking="render"></script></head>
<body><p>Before</p><telegram-login-button client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button><p>After</p></body></html>`,
      ),
    );
    expect(await firstPaint(page)).toEqual({ shift: 0, label });
  });

  test(`first paint in ${lang}, from a CDN with the button's space reserved as docs/element.md says: no layout shift`, async ({ page, site, mock }) => {
    // A module script from another origin may run after the first paint: the page keeps the button's line.
    const reserve = '<style>telegram-login-button:not(:defined){display:inline-block;vertical-align:middle;height:44px}</style>';
    await page.goto(cdnPage(site, `/cdn-paint-${lang}`, `${reserve}<p>Before</p><telegram-login-button client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button><p>After</p>`, lang));
    expect(await firstPaint(page)).toEqual({ shift: 0, label });
  });
}
